"""The impact page shows each signal's and input's chain (raised → picked up by → taken into plan
→ decided on → what changes), scoped by privacy; resident compliments name their contact."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from frontlijn.appreciation.impact import input_chains, signal_chains
from frontlijn.appreciation.models import Compliment
from frontlijn.lib import clock
from frontlijn.plans import services as plan_services
from frontlijn.plans.models import Phase, PlanPhaseChange, Verdict
from frontlijn.signals import services as signal_services
from frontlijn.teams.models import Role
from tests.factories import (
    BuurtFactory,
    ComplexFactory,
    ContactMomentFactory,
    HouseholdFactory,
    UnitFactory,
    UserFactory,
    staff_in,
)
from tests.feedback.factories import FeedbackInvitationFactory
from tests.plans.factories import InputFactory, InputRoundFactory, InvitationFactory, PlanFactory
from tests.signals.factories import SignalFactory, person_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    buurt = BuurtFactory()
    complex_ = ComplexFactory(buurt=buurt)
    for _ in range(3):
        UnitFactory(complex=complex_)
    return buurt, complex_


def test_signal_chain_from_raised_to_what_changes(client_for, area):
    buurt, complex_ = area
    raiser = staff_in(buurt, first_name="Sanne")
    lead = staff_in(buurt, role=Role.TEAMLEIDER, first_name="Karim")
    plan = PlanFactory(title="Kozijnen blok B", complexes=[complex_], decision_planned_on=dt.date(2026, 6, 1))
    signal = SignalFactory(buurt=buurt, complex=complex_, raised_by=raiser, text="Tocht bij de kozijnen")
    signal_services.signal_pick_up(signal=signal, user=lead, feedback="Ik leg het bij de planeigenaar neer.")
    item = InputFactory(round=InputRoundFactory(plan=plan))
    item.signals.set([signal])
    plan_services.input_answer(input=item, user=plan.owner, verdict=Verdict.OVERGENOMEN, reason="Nieuwe kozijnen")

    [chain] = signal_chains(user=raiser)
    labels = [s.label for s in chain.steps]
    assert labels[0] == "Gemeld"
    assert labels[1] == "Opgepakt door Karim " + lead.last_name
    assert chain.steps[1].detail == "Ik leg het bij de planeigenaar neer."
    assert "Meegenomen in plan “Kozijnen blok B”" in labels
    assert "Besluit gepland op 1 juni 2026" in labels  # not decided yet
    assert "Wat er verandert: 3 woningen in het plangebied" in labels

    PlanPhaseChange.objects.create(
        plan=plan, from_phase=Phase.ONTWERP, to_phase=Phase.BESLUIT, changed_on=dt.date(2026, 5, 20)
    )
    [chain] = signal_chains(user=raiser)
    assert "Besloten op 20 mei 2026" in [s.label for s in chain.steps]

    html = client_for(raiser).get(reverse("appreciation:impact")).content.decode()
    assert "Opgepakt door Karim" in html
    assert "Besloten op 20 mei 2026" in html
    assert "3 woningen in het plangebied" in html


def test_input_chain_shows_only_the_linked_signals_the_reader_may_read(client_for, area):
    buurt, _complex = area
    author = staff_in(buurt)
    plan = PlanFactory(title="Leefbaarheid Noord", buurten=[buurt])
    rnd = InputRoundFactory(plan=plan)
    InvitationFactory(round=rnd, user=author)
    item = InputFactory(round=rnd, author=author, text="Veel eenzaamheid in de portieken")
    readable = SignalFactory(buurt=buurt, raised_by=author)
    elsewhere = BuurtFactory()  # a person-level signal in an area the author does not cover
    hidden = person_signal(HouseholdFactory(unit=UnitFactory(complex__buurt=elsewhere)))
    item.signals.set([readable, hidden])
    plan_services.input_answer(input=item, user=plan.owner, verdict=Verdict.DEELS, reason="Buurtkamer erbij")

    [chain] = input_chains(user=author)
    assert [s.pk for s in chain.signals] == [readable.pk]
    labels = [s.label for s in chain.steps]
    assert labels[0] == "Ingebracht bij “Leefbaarheid Noord”"
    assert labels[1].startswith("Deels overgenomen door")
    assert "Wat er verandert: 3 woningen in het plangebied" in labels
    html = client_for(author).get(reverse("appreciation:impact")).content.decode()
    assert f"#{readable.pk}" in html
    assert reverse("signals:detail", args=[hidden.pk]) not in html
    assert hidden.text not in html


def test_nobody_sees_someone_elses_chain(client_for, area):
    buurt, _complex = area
    raiser = staff_in(buurt)
    SignalFactory(buurt=buurt, raised_by=raiser, text="Losse tegels bij de ingang")
    colleague = staff_in(buurt)
    assert signal_chains(user=colleague) == []
    page = client_for(colleague).get(reverse("appreciation:impact")).content.decode()
    assert "Losse tegels bij de ingang" not in page


def test_unpicked_signal_says_so(area):
    buurt, _complex = area
    raiser = staff_in(buurt)
    SignalFactory(buurt=buurt, raised_by=raiser)
    [chain] = signal_chains(user=raiser)
    assert [(s.label, s.done) for s in chain.steps] == [("Gemeld", True), ("Nog niet opgepakt", False)]


def test_resident_compliment_names_the_contact_it_is_about(client_for):
    staff = UserFactory(first_name="Rana")
    contact = ContactMomentFactory(staff=staff, channel="TEL")
    FeedbackInvitationFactory(token="tok", staff=staff, contact_moment=contact)
    answer = {"grade": "9", "heard": "ja", "promise_kept": "ja", "comment": "Heel vriendelijk!"}
    answer["pass_compliment"] = "on"
    Client().post(reverse("feedback:answer", kwargs={"token": "tok"}), answer)
    compliment = Compliment.objects.get(to_user=staff)
    assert compliment.contact_id is None  # a copy of what the resident saw, no link to the household
    assert compliment.about_staff_first_name == "Rana"
    assert compliment.about_channel == "Telefoon"
    assert compliment.about_contact_on == clock.localtime(contact.occurred_at).date()
    html = client_for(staff).get(reverse("appreciation:impact")).content.decode()
    assert "over het contact van" in html and "(Telefoon) met Rana" in html
