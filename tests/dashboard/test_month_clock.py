"""The dashboard's months begin and end at midnight in Amsterdam, also at night and on the
nights the clock changes."""

import datetime as dt

import pytest
from django.urls import reverse

from frontlijn.dashboard import indicators as ind
from frontlijn.dashboard import rollup
from frontlijn.lib import clock
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, ContactMomentFactory, HouseholdFactory, TeamFactory, UserFactory
from tests.nights import at

pytestmark = pytest.mark.django_db
UTC = dt.UTC

# 00:30 on the first day of a month in Amsterdam, still the last day of the month before in UTC.
NEW_MONTH_WINTER = dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 1 December, CET
NEW_MONTH_SUMMER = dt.datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # 1 July, CEST


def test_the_current_month_is_the_month_in_amsterdam(night):
    assert rollup.current_month() == night.local_date.replace(day=1)


@pytest.mark.parametrize(
    ("instant", "running", "complete", "label"),
    [
        (NEW_MONTH_WINTER, "2026-12", "2026-11", "lopende maand, t/m 1 december"),
        (NEW_MONTH_SUMMER, "2026-07", "2026-06", "lopende maand, t/m 1 juli"),
    ],
)
def test_just_after_midnight_on_the_first_the_month_just_ended_is_the_default_and_the_new_one_runs_apart(
    client_for, instant, running, complete, label
):
    """At 00:30 on the 1st in Amsterdam (UTC still says the day before) the dashboard opens on the
    month that has just ended; the new month may be chosen (no error) but is shown apart as the
    running month, never as the headline."""
    TeamFactory()
    manager = UserFactory(role=Role.MANAGER)
    with at(instant):
        client = client_for(manager)  # a session of this instant
        chosen = client.get(reverse("dashboard:index"), {"month": running, "months": "6"})
        default = client.get(reverse("dashboard:index")).content.decode()
    assert chosen.status_code == 200
    assert "Kies een maand die al begonnen is." not in chosen.content.decode()
    assert f'value="{complete}"' in default
    for body in (default, chosen.content.decode()):
        assert label in body.replace("Lopende", "lopende")
        assert 'id="running-month"' in body


@pytest.mark.parametrize(
    ("month", "begins_utc"),
    [
        (dt.date(2026, 3, 1), dt.datetime(2026, 2, 28, 23, 0, tzinfo=UTC)),
        (dt.date(2026, 4, 1), dt.datetime(2026, 3, 31, 22, 0, tzinfo=UTC)),  # after the March change: CEST
        (dt.date(2026, 10, 1), dt.datetime(2026, 9, 30, 22, 0, tzinfo=UTC)),
        (dt.date(2026, 11, 1), dt.datetime(2026, 10, 31, 23, 0, tzinfo=UTC)),  # after the October change: CET
    ],
)
def test_a_month_begins_at_midnight_in_amsterdam(month, begins_utc):
    scope = ind.Scope(months=[month])
    assert scope.datetime_bounds()[0] == begins_utc
    assert rollup._month_end(ind.add_months(month, -1)) == begins_utc


def test_contacts_near_midnight_and_in_the_clock_change_hours_count_in_their_amsterdam_month():
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    staff = UserFactory(role=Role.WIJKBEHEERDER, teams=[team])
    household = HouseholdFactory(unit__complex__buurt=buurt)

    def contact(when):
        ContactMomentFactory(staff=staff, household=household, unit=household.unit, occurred_at=when)

    contact(dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC))  # 01:30 CET on 29 March: March
    contact(dt.datetime(2026, 3, 31, 22, 30, tzinfo=UTC))  # 00:30 CEST on 1 April: April
    contact(dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC))  # 02:30 CEST (first pass) on 25 October
    contact(dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # 02:30 CET (second pass) on 25 October
    contact(dt.datetime(2026, 10, 31, 23, 30, tzinfo=UTC))  # 00:30 CET on 1 November: November
    months = [dt.date(2026, m, 1) for m in (3, 4, 10, 11)]
    counts = ind.beyond_share(ind.Scope(months=months, team=team, live=True)).denominators
    assert counts == [1, 1, 2, 1]


def test_a_closed_month_is_fresh_only_if_refreshed_after_it_ended_in_amsterdam():
    november = dt.date(2026, 11, 1)
    with at(dt.datetime(2026, 12, 2, 9, 0, tzinfo=UTC)):
        assert not rollup.is_fresh(november, dt.datetime(2026, 11, 30, 22, 59, tzinfo=UTC))  # 23:59 on 30 Nov
        assert rollup.is_fresh(november, dt.datetime(2026, 11, 30, 23, 1, tzinfo=UTC))  # 00:01 on 1 Dec


def test_the_month_just_begun_in_amsterdam_is_the_current_one_for_the_rollup():
    with at(NEW_MONTH_WINTER):
        assert rollup.current_month() == dt.date(2026, 12, 1)
        refreshed = clock.now() - dt.timedelta(minutes=5)
        assert rollup.is_fresh(dt.date(2026, 12, 1), refreshed)
        assert rollup.is_fresh(dt.date(2026, 11, 1), refreshed)
