"""Each indicator on small hand-made data where the right answer is known."""

import datetime as dt

import pytest

from frontlijn.contacts.models import PromiseStatus
from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.dashboard import indicators as ind
from frontlijn.teams.models import Role
from tests.dashboard.factories import FEB, JAN, at, scope, set_created
from tests.factories import (
    BuurtFactory,
    ContactMomentFactory,
    HouseholdFactory,
    PromiseFactory,
    TeamFactory,
    UnitFactory,
    UserFactory,
)
from tests.feedback.factories import FeedbackResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Team Noord covers buurt N (4 units, wijk Noord); team Zuid covers buurt Z (wijk Zuid)."""
    buurt_n, buurt_z = BuurtFactory(), BuurtFactory()
    noord = TeamFactory(name="Noord", buurten=[buurt_n], hours_per_week=36, contact_target_percent=30)
    zuid = TeamFactory(name="Zuid", buurten=[buurt_z])
    anna = UserFactory(role=Role.WIJKBEHEERDER, teams=[noord])
    bob = UserFactory(role=Role.HUISMEESTER, teams=[zuid])
    units_n = [UnitFactory(complex__buurt=buurt_n) for _ in range(4)]
    units_z = [UnitFactory(complex__buurt=buurt_z) for _ in range(2)]
    hh_n = [HouseholdFactory(unit=u) for u in units_n]
    hh_z = [HouseholdFactory(unit=u) for u in units_z]
    return {
        "noord": noord,
        "zuid": zuid,
        "anna": anna,
        "bob": bob,
        "buurt_n": buurt_n,
        "buurt_z": buurt_z,
        "hh_n": hh_n,
        "hh_z": hh_z,
    }


def contact(staff, household, when, **kwargs):
    return ContactMomentFactory(staff=staff, household=household, unit=household.unit, occurred_at=when, **kwargs)


def test_beyond_share_counts_notes_and_tags(world):
    anna, bob, hh = world["anna"], world["bob"], world["hh_n"][0]
    contact(anna, hh, at(5), beyond_note="Mevrouw is eenzaam sinds haar man overleed.")
    contact(anna, hh, at(6), beyond_tags=["geldzorgen"])
    contact(anna, hh, at(7))
    contact(anna, hh, at(3, month=2))
    contact(bob, world["hh_z"][0], at(8), beyond_note="Wil graag kleiner wonen.")
    contact(anna, hh, at(1, month=3), beyond_note="buiten de periode")  # March: outside the scope

    team = ind.beyond_share(scope(team=world["noord"]))
    assert team.numerators == [2, 0] and team.denominators == [3, 1]
    assert team.values[0] == pytest.approx(66.667, abs=0.01) and team.values[1] == 0
    everyone = ind.beyond_share(scope())
    assert everyone.values == [75.0, 0.0]
    wijk = ind.beyond_share(scope(wijk=world["buurt_z"].wijk))
    assert wijk.values == [100.0, None]


def test_month_boundary_follows_amsterdam_time(world):
    anna, hh = world["anna"], world["hh_n"][0]
    # 31 Jan 23:30 in Amsterdam is 22:30 UTC: still January.
    contact(anna, hh, at(31, hour=23))
    # 1 Feb 00:30 in Amsterdam is 31 Jan 23:30 UTC: February.
    contact(anna, hh, at(1, month=2, hour=0) + dt.timedelta(minutes=30))
    assert ind.beyond_share(scope(team=world["noord"])).denominators == [1, 1]


def test_contact_time_share_against_working_hours_and_target(world):
    anna, hh = world["anna"], world["hh_n"][0]
    contact(anna, hh, at(5), duration_minutes=600)
    contact(anna, hh, at(6), duration_minutes=330)
    figure = ind.contact_time_share(scope(team=world["noord"]))
    # One person, 36 h a week; January has 31 days: 36 * 60 * 31 / 7 = 9565.7 minutes.
    assert figure.values[0] == pytest.approx(930 / (36 * 60 * 31 / 7) * 100)
    assert figure.values[1] == 0
    assert figure.target == 30


def test_promises_kept_on_time(world):
    anna, hh = world["anna"], world["hh_n"][0]
    due = dt.date(2026, 1, 15)
    PromiseFactory(owner=anna, household=hh, due_date=due, status=PromiseStatus.KEPT, done_at=at(15, hour=20))
    PromiseFactory(owner=anna, household=hh, due_date=due, status=PromiseStatus.KEPT, done_at=at(16))  # late
    PromiseFactory(owner=anna, household=hh, due_date=due)  # still open
    PromiseFactory(owner=anna, household=hh, due_date=due, status=PromiseStatus.CANCELLED)  # not counted
    PromiseFactory(owner=world["bob"], household=world["hh_z"][0], due_date=due)  # other team
    figure = ind.promises_on_time(scope(team=world["noord"]))
    assert figure.numerators == [1, 0] and figure.denominators == [3, 0]
    assert figure.values[0] == pytest.approx(100 / 3) and figure.values[1] is None


def test_proactive_contacts_per_100_units(world):
    anna = world["anna"]
    contact(anna, world["hh_n"][0], at(5), direction="PRO")
    contact(anna, world["hh_n"][1], at(6), direction="PRO")
    contact(anna, world["hh_n"][2], at(7), direction="INK")
    contact(world["bob"], world["hh_z"][0], at(7), direction="PRO")
    team = ind.proactive_per_100_units(scope(team=world["noord"]))
    assert team.values == [50.0, 0.0]  # 2 of 4 units
    everyone = ind.proactive_per_100_units(scope())
    assert everyone.values[0] == pytest.approx(300 / 6)


def test_resident_grade_and_heard_share(world):
    noord = world["noord"]
    FeedbackResponseFactory(team=noord, period=JAN, grade=6, heard="ja")
    FeedbackResponseFactory(team=noord, period=JAN, grade=9, heard="nee")
    FeedbackResponseFactory(team=noord, period=FEB, grade=8, heard="deels")
    FeedbackResponseFactory(team=world["zuid"], period=JAN, grade=1, heard="nee")
    grade = ind.resident_grade(scope(team=noord))
    assert grade.values == [7.5, 8.0]
    heard = ind.heard_share(scope(team=noord))
    assert heard.values == [50.0, 0.0]
    assert ind.resident_grade(scope()).values[0] == pytest.approx(16 / 3)


def test_grades_per_kind(world):
    FeedbackResponseFactory(kind="REP", period=JAN, grade=7)
    FeedbackResponseFactory(kind="REP", period=FEB, grade=9)
    FeedbackResponseFactory(kind="HUN", period=FEB, grade=6)
    grades = ind.grades_per_kind(scope())
    assert grades["REP"] == (8.0, 2) and grades["HUN"] == (6.0, 1) and grades["HUV"] == (None, 0)


def test_signals_with_feedback_and_days_to_feedback(world):
    from frontlijn.signals.models import Signal

    anna = world["anna"]
    wijk = world["buurt_n"].wijk

    def signal(created, feedback_at=None):
        s = Signal.objects.create(
            raised_by=anna,
            wijk=wijk,
            buurt=world["buurt_n"],
            text="Vochtplek in de hal",
            feedback_at=feedback_at,
            feedback="Opgepakt" if feedback_at else "",
        )
        set_created(s, created)
        return s

    signal(at(2), feedback_at=at(6))  # 4 days, feedback in January
    signal(at(10), feedback_at=at(3, month=2))  # 24 days, feedback in February
    signal(at(20))  # no feedback yet
    team = scope(team=world["noord"])
    share = ind.signals_with_feedback(team)
    assert share.numerators == [2, 0] and share.denominators == [3, 0]
    days = ind.signal_feedback_days(team)
    assert days.values == [pytest.approx(4.0), pytest.approx(24.0)]


def test_plan_inputs_answered_and_adopted(world):
    from frontlijn.plans.models import Input, InputAnswer, InputRound, Plan

    anna = world["anna"]
    owner = UserFactory(role=Role.PLANEIGENAAR)
    plan = Plan.objects.create(title="Isolatie", plan_type="verduurzaming", owner=owner)
    rnd = InputRound.objects.create(
        plan=plan, question="Wat weten jullie?", deadline=dt.date(2026, 1, 31), opened_by=owner, phase="verkenning"
    )
    inputs = [Input.objects.create(round=rnd, author=anna, stance="zorg", text=f"Inbreng {i}") for i in range(4)]
    for i in inputs:
        set_created(i, at(10))
    InputAnswer.objects.create(input=inputs[0], verdict="overgenomen", reason="Goed punt", answered_by=owner)
    InputAnswer.objects.create(input=inputs[1], verdict="deels", reason="Deels", answered_by=owner)
    InputAnswer.objects.create(input=inputs[2], verdict="niet", reason="Past niet", answered_by=owner)
    team = scope(team=world["noord"])
    assert ind.inputs_answered(team).values == [75.0, None]
    adopted = ind.inputs_adopted(team)
    assert adopted.numerators == [2, 0] and adopted.denominators == [3, 0]


def test_plans_with_round_before_decision(world):
    from frontlijn.plans.models import InputRound, Plan, PlanPhaseChange

    owner = UserFactory(role=Role.PLANEIGENAAR)
    buurt = world["buurt_n"]

    def plan(title, round_at=None):
        p = Plan.objects.create(title=title, plan_type="verduurzaming", owner=owner)
        p.buurten.set([buurt])
        if round_at:
            r = InputRound.objects.create(
                plan=p, question="?", deadline=dt.date(2026, 1, 31), opened_by=owner, phase="verkenning"
            )
            set_created(r, round_at)
        change = PlanPhaseChange.objects.create(
            plan=p, from_phase="ontwerp", to_phase="besluit", changed_by=owner, changed_on=dt.date(2026, 1, 20)
        )
        PlanPhaseChange.objects.filter(pk=change.pk).update(changed_at=at(20))
        return p

    plan("Met ronde", round_at=at(5))
    plan("Zonder ronde")
    plan("Ronde pas na het besluit", round_at=at(25))
    figure = ind.plans_round_before_decision(scope(team=world["noord"]))
    assert figure.numerators == [1, 0] and figure.denominators == [3, 0]
    other_area = ind.plans_round_before_decision(scope(team=world["zuid"]))
    assert other_area.denominators == [0, 0]


def test_pulse_score_only_for_groups_of_five(world):
    from frontlijn.appreciation.models import PulseResponse

    def answer(team, period, score):
        PulseResponse.objects.create(
            team=team,
            period=period,
            valued=score,
            heard=score,
            influence=score,
            successful=score,
            difference=score,
            contact_time=score,
        )

    for score in (3, 4, 4, 5, 4):
        answer(world["noord"], "2026-01", score)
    for score in (5, 5, 5, 5):
        answer(world["noord"], "2026-02", score)  # only four answers: hidden
    figure = ind.pulse_score(scope(team=world["noord"]))
    assert figure.values == [pytest.approx(4.0), None]
    assert figure.denominators == [5, 4]


def test_pulse_score_follows_the_group_size_setting(world, settings):
    from frontlijn.appreciation.models import PulseResponse

    settings.FRONTLIJN_MIN_GROUP_SIZE = 3
    fields = ("valued", "heard", "influence", "successful", "difference", "contact_time")
    for _ in range(3):
        PulseResponse.objects.create(team=world["noord"], period="2026-01", **dict.fromkeys(fields, 4))
    figure = ind.pulse_score(scope(team=world["noord"]))
    assert figure.values[0] == pytest.approx(4.0)
    assert "minstens 3 antwoorden" in figure.note


def test_compliments_and_feedback_per_person(world):
    from frontlijn.appreciation.models import Compliment

    anna, noord = world["anna"], world["noord"]
    UserFactory(role=Role.WOONCONSULENT, teams=[noord])  # second person in the team
    for _ in range(3):
        c = Compliment.objects.create(to_user=anna, source="bewoner", text="Dank!")
        set_created(c, at(9))
    message = InboxMessage.objects.create(recipient=anna, kind=InboxKind.SIGNAL_FEEDBACK, title="Signaal opgepakt")
    set_created(message, at(4, month=2))
    InboxMessage.objects.create(recipient=anna, kind=InboxKind.OTHER, title="Iets anders")
    team = scope(team=noord)
    assert ind.compliments_per_person(team).values == [1.5, 0.0]
    assert ind.feedback_given_per_person(team).values == [0.0, 0.5]


def test_all_figures_run_on_an_empty_database():
    figures = ind.all_figures(scope())
    assert len(figures) == len(ind.INDICATORS)
    assert all(len(f.values) == 2 for f in figures)


def test_contact_time_share_for_the_association_counts_front_staff_only(world):
    hh = world["hh_n"][0]
    contact(world["anna"], hh, at(5), duration_minutes=600)
    contact(UserFactory(role=Role.MANAGER), hh, at(5), duration_minutes=999)  # not front staff
    figure = ind.contact_time_share(scope())
    # Two front staff (anna, bob), both teams 36 h a week.
    assert figure.numerators[0] == 10.0
    assert figure.values[0] == pytest.approx(600 / (2 * 36 * 60 * 31 / 7) * 100)
