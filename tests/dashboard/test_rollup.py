"""The monthly roll-up gives the same figures as the live computation, and stays honest about age.

The live computation (``Scope(live=True)``) is the reference: on hand-made data touching every
indicator, the roll-up-based figures must equal it exactly — values, numerators and
denominators — for the whole association, teams (including a person in two teams and a team
covering a whole wijk), wijken and team + wijk.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from frontlijn.contacts.models import PromiseStatus
from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.dashboard import indicators as ind
from frontlijn.dashboard import measures, periods, presentation, rollup
from frontlijn.dashboard.models import MonthlyTotal, RollupMonth
from frontlijn.dashboard.services import SHOWN_MONTHS, rollup_months_to_refresh, rollup_refresh
from frontlijn.lib import clock
from frontlijn.teams.models import Role
from tests.dashboard.factories import FEB, JAN, at, set_created
from tests.factories import (
    BuurtFactory,
    ContactMomentFactory,
    HouseholdFactory,
    PromiseFactory,
    TeamFactory,
    UnitFactory,
    UserFactory,
    WijkFactory,
)
from tests.feedback.factories import FeedbackResponseFactory

pytestmark = pytest.mark.django_db

DEC = dt.date(2025, 12, 1)
MONTHS = [JAN, FEB]
# Figures computed live always (small, or depending on each plan's current area): identical by construction.
ALWAYS_LIVE = {"pulse_score", "plans_round_before_decision"}


@pytest.fixture
def world():
    """Wijk Noord (buurten N1, N2) and wijk Zuid (buurt Z).

    Team Noord covers buurt N1, team Oost the whole wijk Noord, team Zuid buurt Z. Carl is in
    Noord and Oost; the KCC colleague is in no team; the manager is in Noord but not front staff.
    """
    wijk_n, wijk_z = WijkFactory(name="Noord"), WijkFactory(name="Zuid")
    n1, n2, z = BuurtFactory(wijk=wijk_n), BuurtFactory(wijk=wijk_n), BuurtFactory(wijk=wijk_z)
    noord = TeamFactory(name="Noord", buurten=[n1], hours_per_week=36, contact_target_percent=30)
    oost = TeamFactory(name="Oost", wijken=[wijk_n], hours_per_week=32, contact_target_percent=25)
    zuid = TeamFactory(name="Zuid", buurten=[z])
    people = {
        "anna": UserFactory(role=Role.WIJKBEHEERDER, teams=[noord]),
        "carl": UserFactory(role=Role.HUISMEESTER, teams=[noord, oost]),
        "bob": UserFactory(role=Role.WOONCONSULENT, teams=[zuid]),
        "kcc": UserFactory(role=Role.KCC_MEDEWERKER),
        "boss": UserFactory(role=Role.MANAGER, teams=[noord]),
    }
    hh = {
        name: [HouseholdFactory(unit=UnitFactory(complex__buurt=buurt)) for _ in range(3)]
        for name, buurt in (("n1", n1), ("n2", n2), ("z", z))
    }
    return {"wijk_n": wijk_n, "wijk_z": wijk_z, "noord": noord, "oost": oost, "zuid": zuid, "hh": hh, **people}


def contact(staff, household, when, unit="same", **kwargs):
    unit = household.unit if unit == "same" else unit
    return ContactMomentFactory(staff=staff, household=household, unit=unit, occurred_at=when, **kwargs)


def fill(world):
    """Rows for every indicator in December, January and February (plus one in March)."""
    from frontlijn.appreciation.models import Compliment, PulseResponse
    from frontlijn.plans.models import Input, InputAnswer, InputRound, Plan, PlanPhaseChange
    from frontlijn.signals.models import Signal

    anna, carl, bob, kcc, boss = (world[k] for k in ("anna", "carl", "bob", "kcc", "boss"))
    hn1, hn2, hz = world["hh"]["n1"], world["hh"]["n2"], world["hh"]["z"]
    dec = timezone.make_aware(dt.datetime(2025, 12, 10, 9))
    # Contacts: notes, tags, proactive, durations, a month boundary, a contact without a unit.
    contact(anna, hn1[0], at(5), beyond_note="Eenzaam sinds kort.", duration_minutes=25)
    contact(anna, hn1[1], at(6), beyond_tags=["geldzorgen"], direction="PRO", duration_minutes=40)
    contact(carl, hn2[0], at(7), direction="PRO", duration_minutes=15)
    contact(carl, hn2[1], at(31, hour=23), duration_minutes=5)  # 31 Jan 23:00 Amsterdam: January
    contact(carl, hn2[1], at(1, month=2, hour=0), beyond_note="Wil kleiner wonen.", duration_minutes=12)
    contact(kcc, hn1[2], at(8), direction="PRO", duration_minutes=7)
    contact(kcc, hz[0], at(9, month=2), beyond_note="Zorgen om buurman.", duration_minutes=9)
    contact(kcc, hz[1], at(10), unit=None, direction="PRO", duration_minutes=3)  # no unit: counts org-wide only
    contact(bob, hz[2], at(11, month=2), direction="PRO", beyond_tags=["zorg"], duration_minutes=30)
    contact(boss, hn1[0], at(12), duration_minutes=99)  # not front staff
    contact(anna, hn1[0], dec, duration_minutes=50)
    contact(anna, hn1[0], at(2, month=3), duration_minutes=50)  # after the scope
    # Promises: on time, late, open, cancelled; due in January and February.
    kept = PromiseStatus.KEPT
    for owner, household, due, status, done_at in [
        (anna, hn1[0], dt.date(2026, 1, 15), kept, at(15, hour=20)),  # on time
        (anna, hn1[1], dt.date(2026, 1, 15), kept, at(16)),  # late
        (carl, hn2[0], dt.date(2026, 2, 3), PromiseStatus.OPEN, None),
        (carl, hn2[0], dt.date(2026, 2, 3), PromiseStatus.CANCELLED, None),
        (bob, hz[0], dt.date(2026, 2, 20), kept, at(19, month=2)),
        (kcc, hn2[2], dt.date(2025, 12, 20), kept, dec),
    ]:
        PromiseFactory(owner=owner, household=household, due_date=due, status=status, done_at=done_at)
    # Resident answers: kinds, heard, with and without team or wijk.
    noord, oost, zuid = world["noord"], world["oost"], world["zuid"]
    for team, wijk, period, kind, grade, heard in [
        (noord, world["wijk_n"], JAN, "ALG", 6, "ja"),
        (noord, world["wijk_n"], JAN, "REP", 9, "nee"),
        (oost, world["wijk_n"], JAN, "HUN", 8, "ja"),
        (oost, world["wijk_n"], FEB, "REP", 7, "deels"),
        (zuid, world["wijk_z"], FEB, "HUV", 5, "ja"),
        (None, world["wijk_z"], FEB, "ALG", 10, "ja"),
        (noord, None, FEB, "ALG", 3, "nee"),
        (noord, world["wijk_n"], DEC, "ALG", 8, "ja"),
    ]:
        FeedbackResponseFactory(team=team, wijk=wijk, period=period, kind=kind, grade=grade, heard=heard)

    # Signals: feedback in the same month, the next month, none; different raisers and wijken.
    def signal(by, wijk, buurt, created, feedback_at=None):
        s = Signal.objects.create(
            raised_by=by,
            wijk=wijk,
            buurt=buurt,
            text="Vochtplek in de hal",
            feedback_at=feedback_at,
            feedback="Opgepakt" if feedback_at else "",
        )
        set_created(s, created)

    n1 = hn1[0].unit.buurt
    z = hz[0].unit.buurt
    signal(anna, world["wijk_n"], n1, at(2), at(6))
    signal(anna, world["wijk_n"], n1, at(10), at(3, month=2, hour=15))
    signal(carl, world["wijk_n"], n1, at(20))
    signal(kcc, world["wijk_z"], z, at(21), at(25, hour=8))
    signal(bob, world["wijk_z"], z, at(5, month=2), at(9, month=2))
    signal(bob, world["wijk_z"], z, dec, at(4))  # raised in December, feedback in January
    # Plan inputs and answers.
    owner = UserFactory(role=Role.PLANEIGENAAR)
    plan = Plan.objects.create(title="Isolatie", plan_type="verduurzaming", owner=owner)
    plan.buurten.set([n1])
    rnd = InputRound.objects.create(
        plan=plan, question="Wat weten jullie?", deadline=dt.date(2026, 1, 31), opened_by=owner, phase="verkenning"
    )
    set_created(rnd, at(3))
    inputs = [Input.objects.create(round=rnd, author=a, stance="zorg", text="Inbreng") for a in (anna, carl, bob, anna)]
    for item, when in zip(inputs, (at(10), at(11), at(12), at(2, month=2)), strict=True):
        set_created(item, when)
    InputAnswer.objects.create(input=inputs[0], verdict="overgenomen", reason="Goed punt", answered_by=owner)
    InputAnswer.objects.create(input=inputs[1], verdict="niet", reason="Past niet", answered_by=owner)
    InputAnswer.objects.create(input=inputs[3], verdict="deels", reason="Deels", answered_by=owner)
    change = PlanPhaseChange.objects.create(
        plan=plan, from_phase="ontwerp", to_phase="besluit", changed_by=owner, changed_on=dt.date(2026, 2, 5)
    )
    PlanPhaseChange.objects.filter(pk=change.pk).update(changed_at=at(5, month=2))
    # Compliments and feedback messages (only front staff count).
    for to, when in ((anna, at(9)), (anna, at(9, month=2)), (kcc, at(14)), (boss, at(14)), (bob, at(28, month=2))):
        set_created(Compliment.objects.create(to_user=to, source="bewoner", text="Dank!"), when)
    for to, kind, when in (
        (anna, InboxKind.SIGNAL_FEEDBACK, at(6)),
        (carl, InboxKind.PLAN_INPUT, at(4, month=2)),
        (bob, InboxKind.SIGNAL_FEEDBACK, at(9, month=2)),
        (anna, InboxKind.OTHER, at(9)),
    ):
        set_created(InboxMessage.objects.create(recipient=to, kind=kind, title="Bericht"), when)
    # Pulse survey (always live): five answers in January for Noord, four in February.
    for period, scores in (("2026-01", (3, 4, 4, 5, 4)), ("2026-02", (5, 5, 5, 5))):
        for s in scores:
            PulseResponse.objects.create(
                team=noord, period=period, valued=s, heard=s, influence=s, successful=s, difference=s, contact_time=s
            )


def scopes(world):
    return {
        "association": {},
        "team Noord": {"team": world["noord"]},
        "team Oost (whole wijk, shares Carl)": {"team": world["oost"]},
        "team Zuid": {"team": world["zuid"]},
        "wijk Noord": {"wijk": world["wijk_n"]},
        "wijk Zuid": {"wijk": world["wijk_z"]},
        "team Noord in wijk Noord": {"team": world["noord"], "wijk": world["wijk_n"]},
        "team Noord in wijk Zuid": {"team": world["noord"], "wijk": world["wijk_z"]},
    }


def snapshot(scope):
    figures = {f.key: (f.values, f.numerators, f.denominators, f.target, f.available) for f in ind.all_figures(scope)}
    return figures, ind.grades_per_kind(scope)


def assert_same(months, area):
    live = snapshot(ind.Scope(months=months, live=True, **area))
    rolled = snapshot(ind.Scope(months=months, **area))
    for key in live[0]:
        assert rolled[0][key] == live[0][key], key
    assert rolled[1] == live[1]
    return live


def test_rollup_figures_equal_live_figures_for_every_scope_and_indicator(world):
    fill(world)
    result = rollup_refresh(months=[DEC, JAN, FEB])
    assert result.months == [DEC, JAN, FEB] and result.rows > 0
    assert set(MonthlyTotal.objects.values_list("source", flat=True)) == {s.key for s in measures.SOURCES}
    for name, area in scopes(world).items():
        scope = ind.Scope(months=MONTHS, **area)
        assert rollup.rolled_indices(scope) == [0, 1], name
        assert_same(MONTHS, area)
    # The data is not trivial: every rolled-up indicator has something to count for the association.
    figures, grades = snapshot(ind.Scope(months=MONTHS, live=True))
    for key, (values, numerators, denominators, _target, _available) in figures.items():
        assert any(d for d in denominators), key
        if key not in ALWAYS_LIVE | {"pulse_score"}:
            assert any(n for n in numerators), key
    assert grades["REP"] == (8.0, 2)


def test_a_mix_of_rolled_up_and_live_months_equals_live(world):
    fill(world)
    rollup_refresh(months=[JAN])  # December and February stay live, January comes from the roll-up
    months = [DEC, JAN, FEB]
    for name, area in scopes(world).items():
        assert rollup.rolled_indices(ind.Scope(months=months, **area)) == [1], name
        assert_same(months, area)


def test_refresh_picks_up_a_back_dated_change(world):
    fill(world)
    rollup_refresh(months=MONTHS)
    before = snapshot(ind.Scope(months=MONTHS))
    # An answer and a contact arrive for January after the refresh.
    FeedbackResponseFactory(team=world["noord"], wijk=world["wijk_n"], period=JAN, kind="ALG", grade=1, heard="nee")
    contact(world["anna"], world["hh"]["n1"][0], at(20), beyond_note="Later ingevoerd.", duration_minutes=60)
    live = snapshot(ind.Scope(months=MONTHS, live=True))
    stale = snapshot(ind.Scope(months=MONTHS))
    assert stale == before  # the roll-up is as of its refresh ...
    assert stale[0]["resident_grade"] != live[0]["resident_grade"]
    assert stale[0]["beyond_share"] != live[0]["beyond_share"]
    rollup_refresh(months=MONTHS)  # ... and the next refresh brings it in line
    for area in scopes(world).values():
        assert_same(MONTHS, area)


def test_the_current_month_comes_from_a_recent_refresh_or_live(world):
    this_month = timezone.localdate().replace(day=1)
    months = ind.months_ending(this_month, 2)
    anna, hh = world["anna"], world["hh"]["n1"][0]
    contact(anna, hh, timezone.now() - dt.timedelta(minutes=5), beyond_note="Net gebeld.")
    rollup_refresh(months=months)
    assert rollup.rolled_indices(ind.Scope(months=months)) == [0, 1]
    assert_same(months, {})
    # Logged after the refresh: the roll-up shows it after the next refresh, live shows it at once.
    contact(anna, hh, timezone.now() - dt.timedelta(minutes=1), beyond_tags=["zorg"])
    assert ind.beyond_share(ind.Scope(months=months)).numerators[-1] == 1
    assert ind.beyond_share(ind.Scope(months=months, live=True)).numerators[-1] == 2
    with override_settings(FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE=0):  # current month always live
        assert rollup.rolled_indices(ind.Scope(months=months)) == [0]
        assert ind.beyond_share(ind.Scope(months=months)).numerators[-1] == 2
    # A refresh of the current month older than the maximum age (60 minutes) is not used.
    RollupMonth.objects.filter(month=this_month).update(refreshed_at=timezone.now() - dt.timedelta(minutes=61))
    assert rollup.rolled_indices(ind.Scope(months=months)) == [0]
    assert ind.beyond_share(ind.Scope(months=months)).numerators[-1] == 2
    rollup_refresh(months=months)
    assert ind.beyond_share(ind.Scope(months=months)).numerators[-1] == 2
    assert_same(months, {"team": world["noord"]})


def test_a_month_refreshed_before_it_ended_is_computed_live(world):
    fill(world)
    rollup_refresh(months=MONTHS)
    before_end = timezone.make_aware(dt.datetime(2026, 2, 27, 12))
    RollupMonth.objects.filter(month=FEB).update(refreshed_at=before_end)
    scope = ind.Scope(months=MONTHS)
    assert rollup.rolled_indices(scope) == [0]
    fresh = rollup.freshness(scope)
    assert fresh.rolled == [JAN] and fresh.live == [FEB]


def test_roll_up_holds_numbers_only_and_pulse_stays_live(world):
    fill(world)
    rollup_refresh(months=MONTHS)
    fields = MonthlyTotal._meta.get_fields()
    text_fields = {f.name for f in fields if f.get_internal_type() in ("CharField", "TextField")}
    assert text_fields == {"source", "kind"}
    assert not MonthlyTotal.objects.filter(source__icontains="pulse").exists()
    pulse = ind.pulse_score(ind.Scope(months=MONTHS, team=world["noord"]))
    assert pulse.values[0] == pytest.approx(4.0) and pulse.values[1] is None  # four answers: hidden


def test_months_to_refresh():
    """A default refresh rebuilds the current month and three closed ones, plus every month the
    dashboard can show (24 complete months and the running one) that is missing or stale."""
    current = timezone.localdate().replace(day=1)
    shown = ind.months_ending(current, SHOWN_MONTHS + 1)
    assert rollup_months_to_refresh(last=3) == shown  # nothing rolled up yet
    assert rollup_months_to_refresh(last=0) == shown
    rollup_refresh()
    assert rollup_months_to_refresh(last=3) == ind.months_ending(current, 4)
    assert rollup_months_to_refresh(last=0) == [current]
    # A month refreshed before it ended (a refresh that stopped) is rebuilt by the next default run.
    old = ind.add_months(current, -10)
    RollupMonth.objects.filter(month=old).update(refreshed_at=clock.start_of_day(old))
    assert rollup_months_to_refresh(last=3) == sorted([old, *ind.months_ending(current, 4)])
    assert rollup_months_to_refresh(everything=True) == shown  # no data at all: the months shown


def test_after_a_default_refresh_every_month_the_dashboard_can_show_is_rolled_up(client_for, world):
    """The 12- and 24-month views (complete months and the running one) come wholly from the
    roll-up after `frontlijn dashboard refresh` with its defaults."""
    fill(world)
    call_command("dashboard", "refresh")
    end = periods.last_complete_month()
    for months in (12, 24):
        scope = ind.Scope(months=ind.months_ending(end, months))
        assert rollup.rolled_indices(scope) == list(range(months)), months
        assert rollup.rolled_indices(ind.Scope(months=[periods.running_month()])) == [0]
    manager = UserFactory(role=Role.MANAGER)
    for months in ("12", "24"):
        body = client_for(manager).get(reverse("dashboard:index"), {"months": months}).content.decode()
        assert "Actueel berekend" not in body and "uit het maandoverzicht" in body


def test_the_generator_leaves_the_roll_up_complete():
    from bench.generate import generate

    generate(size="tiny", seed=3)
    shown = ind.months_ending(periods.running_month(), SHOWN_MONTHS + 1)
    assert rollup.rolled_indices(ind.Scope(months=shown)) == list(range(len(shown)))
    assert MonthlyTotal.objects.filter(source="contacts").exists()


def test_the_demo_leaves_the_roll_up_complete():
    call_command("demo", size="small", verbosity=0)
    shown = ind.months_ending(periods.running_month(), SHOWN_MONTHS + 1)
    assert rollup.rolled_indices(ind.Scope(months=shown)) == list(range(len(shown)))


def test_command_and_task_refresh(world, capsys):
    fill(world)
    call_command("dashboard", "refresh", "--all")
    out = capsys.readouterr().out
    assert "refreshed" in out
    months = set(RollupMonth.objects.values_list("month", flat=True))
    assert {DEC, JAN, FEB} <= months
    current = timezone.localdate().replace(day=1)
    since_data = (current.year - 2025) * 12 + current.month - 12 + 1
    assert max(months) == current and len(months) == max(since_data, SHOWN_MONTHS + 1)
    assert_same(MONTHS, {})

    from frontlijn.dashboard.tasks import refresh_rollup

    result = refresh_rollup.enqueue(months=1)
    assert result.return_value["months"] == [f"{ind.add_months(current, -1):%Y-%m}", f"{current:%Y-%m}"]


def test_page_says_how_fresh_the_figures_are(client_for, world):
    manager = UserFactory(role=Role.MANAGER)
    query = {"month": "2026-02", "months": "6"}
    body = client_for(manager).get(reverse("dashboard:index"), query).content.decode()
    assert "Alle maanden zijn actueel berekend." in body
    fill(world)
    rollup_refresh(months=ind.months_ending(FEB, 6))
    body = client_for(manager).get(reverse("dashboard:index"), query).content.decode()
    assert 'id="freshness"' in body and "Bijgewerkt op" in body and "uit het maandoverzicht" in body
    with translation.override("en"):
        lines = presentation.freshness_lines(rollup.freshness(ind.Scope(months=ind.months_ending(FEB, 6))))
    assert lines[0].startswith("Updated on") and "monthly roll-up" in lines[0]


def test_freshness_names_older_refreshes_and_live_months(world):
    fill(world)
    rollup_refresh(months=MONTHS)
    RollupMonth.objects.filter(month=JAN).update(refreshed_at=timezone.make_aware(dt.datetime(2026, 3, 2, 3, 0)))
    scope = ind.Scope(months=[DEC, JAN, FEB])
    fresh = rollup.freshness(scope)
    assert fresh.rolled == [JAN, FEB] and fresh.live == [DEC]
    with translation.override("nl"):
        lines = presentation.freshness_lines(fresh)
    assert lines[1] == "Eerdere maanden zijn het laatst bijgewerkt op 2 maart 2026 03:00."
    assert lines[2] == "Actueel berekend: dec 2025."


def test_memoised_roll_up_sums_follow_a_refresh_and_a_change_of_team():
    """The cached sums are keyed by the months' refresh stamps and the team's people: a refresh
    after new work, or a colleague joining the team, gives the new figures at once."""
    import datetime as dt

    from django.utils import timezone

    from frontlijn.dashboard import indicators, rollup
    from frontlijn.dashboard.services import rollup_refresh
    from tests.factories import ContactMomentFactory, TeamFactory, UserFactory

    team = TeamFactory()
    first, second = UserFactory(), UserFactory()
    team.members.add(first)
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    when = timezone.make_aware(dt.datetime.combine(last_month + dt.timedelta(days=3), dt.time(10)))
    ContactMomentFactory(staff=first, occurred_at=when)
    ContactMomentFactory(staff=second, occurred_at=when)
    rollup_refresh(months=[last_month])

    def contacts() -> int:
        scope = indicators.Scope(months=[last_month], team=team)
        assert rollup.rolled_indices(scope) == [0]
        return rollup.read(scope, "area_contacts", [0]).get(0, {}).get("count", 0)

    assert contacts() == 1
    assert contacts() == 1  # now from the cache
    team.members.add(second)
    assert contacts() == 2  # another team: another key
    ContactMomentFactory(staff=first, occurred_at=when)
    assert contacts() == 2  # the roll-up itself is not refreshed yet
    rollup_refresh(months=[last_month])
    assert contacts() == 3


def test_each_measure_is_declared_once_and_has_its_own_named_roll_up_column(world):
    """The roll-up's columns are the declared measures (no n1-n4), and reading from the roll-up
    leaves the scope's own memo to the scope (the roll-up keeps its state in its own view)."""
    columns = {f.name for f in MonthlyTotal._meta.get_fields()} - {"id", "source", "month", "kind"}
    assert columns - set(measures.DIMENSIONS) == set(measures.COLUMNS)
    assert not {"n1", "n2", "n3", "n4"} & columns
    for numbers in measures.NUMBERS.values():
        assert set(numbers.measures) <= {m.name for m in numbers.src.measures}, numbers.name
    fill(world)
    rollup_refresh(months=MONTHS)
    scope = ind.Scope(months=MONTHS, team=world["noord"])
    ind.all_figures(scope)
    assert all(not (isinstance(k, str) and k.startswith("front")) for k in scope._cache)
    assert not any(isinstance(k, tuple) and k[0] == "rollup_states" for k in scope._cache)
    assert scope.rollup_view().states()  # the roll-up's own state
