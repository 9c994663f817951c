"""Proactive visit rounds: plan, divide, record each visit as a contact moment, progress."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment
from frontlijn.teams import rounds
from frontlijn.teams.models_work import RoundVisit, VisitRound
from tests.factories import BuurtFactory, ComplexFactory, HouseholdFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    anna = UserFactory(first_name="Anna", teams=[team])
    bert = UserFactory(first_name="Bert", teams=[team])
    complex_ = ComplexFactory(buurt=buurt)
    households = [HouseholdFactory(unit__complex=complex_) for _ in range(4)]
    return {"buurt": buurt, "team": team, "anna": anna, "bert": bert, "complex": complex_, "households": households}


def _create(setup, **kwargs):
    today = timezone.localdate()
    defaults = {
        "team": setup["team"],
        "user": setup["anna"],
        "name": "Ronde",
        "criterion": "complex",
        "complex": setup["complex"],
        "start_date": today,
        "end_date": today + dt.timedelta(days=13),
    }
    return rounds.visit_round_create(**(defaults | kwargs))


def test_complex_round_takes_every_household_of_the_complex(setup):
    HouseholdFactory(unit__complex__buurt=setup["buurt"])  # other complex
    visit_round = _create(setup)
    assert set(visit_round.visits.values_list("household_id", flat=True)) == {h.pk for h in setup["households"]}


def test_75_plus_round_selects_households_with_an_older_resident(setup):
    year = timezone.localdate().year
    old = setup["households"][0]
    ResidentFactory(household=old, birth_year=year - 80)
    ResidentFactory(household=setup["households"][1], birth_year=year - 40)
    visit_round = _create(setup, criterion="75plus", complex=None)
    assert list(visit_round.visits.values_list("household_id", flat=True)) == [old.pk]


def test_no_contact_round_selects_households_without_contact_for_12_months(setup):
    now = timezone.now()
    h_recent, h_old, h_never, h_none = setup["households"]
    type(h_recent).objects.filter(pk=h_recent.pk).update(last_contact_at=now - dt.timedelta(days=30))
    type(h_old).objects.filter(pk=h_old.pk).update(last_contact_at=now - dt.timedelta(days=400))
    type(h_none).objects.filter(pk=h_none.pk).update(last_contact_at=now - dt.timedelta(days=10))
    visit_round = _create(setup, criterion="geen-contact", complex=None)
    assert set(visit_round.visits.values_list("household_id", flat=True)) == {h_old.pk, h_never.pk}


def test_round_with_no_households_is_refused_in_dutch_and_form_keeps_input(client_for, setup):
    empty = ComplexFactory(buurt=setup["buurt"])
    today = timezone.localdate()
    response = client_for(setup["anna"]).post(
        reverse("teams:round-create", args=[setup["team"].pk]),
        {
            "name": "Lege ronde Bloemhof",
            "criterion": "complex",
            "complex": empty.pk,
            "start_date": today.isoformat(),
            "end_date": (today + dt.timedelta(days=7)).isoformat(),
            "minutes_per_visit": "30",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze ronde heeft geen huishoudens" in html
    assert 'value="Lege ronde Bloemhof"' in html
    assert not VisitRound.objects.exists()


def test_divide_spreads_visits_evenly_over_members(setup):
    visit_round = _create(setup)
    assert rounds.visit_round_divide(visit_round=visit_round, user=setup["anna"]) == 4
    for member in (setup["anna"], setup["bert"]):
        assert visit_round.visits.filter(assignee=member).count() == 2
    assert not visit_round.visits.filter(planned_date__isnull=True).exists()


def test_recording_a_visit_makes_a_proactive_home_visit_contact_and_shows_progress(client_for, setup):
    visit_round = _create(setup)
    rounds.visit_round_divide(visit_round=visit_round, user=setup["anna"])
    visit = visit_round.visits.filter(assignee=setup["anna"]).first()
    response = client_for(setup["anna"]).post(
        reverse("teams:visit", args=[visit.pk]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "45",
            "beyond_note": "Mevrouw voelt zich alleen sinds de verhuizing van haar dochter.",
        },
    )
    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    assert (contact.direction, contact.channel, contact.duration_minutes) == ("PRO", "BEZ", 45)
    assert RoundVisit.objects.get(pk=visit.pk).contact == contact
    progress = rounds.round_progress(visit_round)
    assert (progress.done, progress.total, progress.percent) == (1, 4, 25)
