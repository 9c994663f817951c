"""Teams and wijken side by side: every row equals the single-scope dashboard of its area, the
user's scope decides the rows, sorting is server-side, bad input gets a Dutch message."""

import datetime as dt

import pytest
from django.urls import reverse

from frontlijn.dashboard import comparison, periods, selectors
from frontlijn.dashboard import indicators as ind
from frontlijn.dashboard.services import rollup_refresh
from frontlijn.teams.models import Role
from tests.dashboard.factories import FEB
from tests.dashboard.test_rollup import fill, world  # noqa: F401 - the fixture
from tests.factories import UserFactory
from tests.nights import at

pytestmark = pytest.mark.django_db

# 10:00 on 15 March 2026 in Amsterdam: February is the last complete month.
MID_MARCH = dt.datetime(2026, 3, 15, 9, 0, tzinfo=dt.UTC)


def _single(user, team=None, wijk=None, months=12, end=FEB):
    scope = selectors.scope_for(user=user, team=team, wijk=wijk, last_month=end, months=months)
    return {f.key: f for f in selectors.dashboard_compute(scope=scope).figures}


@pytest.mark.parametrize("rolled_up", [False, True])
def test_every_row_equals_the_single_scope_dashboard_of_its_area(world, rolled_up):  # noqa: F811
    fill(world)
    manager = UserFactory(role=Role.MANAGER)
    with at(MID_MARCH):
        if rolled_up:
            rollup_refresh()
        for key in comparison.INDICATORS:
            for months in (12, 24):
                rows = comparison.comparison_rows(user=manager, indicator=key, months=months)
                kinds = [r.kind for r in rows]
                assert kinds[0] == "association" and kinds.count("team") == 3 and kinds.count("wijk") == 2
                for row in rows:
                    single = _single(manager, row.scope.team, row.scope.wijk, months=months)[key]
                    assert row.scope.months == ind.months_ending(FEB, months)
                    assert (row.figure.values, row.figure.numerators, row.figure.denominators) == (
                        single.values,
                        single.numerators,
                        single.denominators,
                    ), (key, row.name)
                    running = ind.INDICATORS[list(comparison.INDICATORS).index(key)](
                        ind.Scope(months=[dt.date(2026, 3, 1)], team=row.scope.team, wijk=row.scope.wijk)
                    )
                    assert row.running.values == running.values
    # Not trivial: the association has contacts in the period.
    assert any(v for v in rows[0].figure.denominators)


def test_a_team_lead_compares_only_their_own_teams(client_for, world):  # noqa: F811
    fill(world)
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[world["noord"], world["zuid"]])
    with at(MID_MARCH):
        rows = comparison.comparison_rows(user=lead, indicator="beyond_share", months=12)
        body = client_for(lead).get(reverse("dashboard:compare"), {"indicator": "beyond_share"}).content.decode()
    assert [(r.kind, r.name) for r in rows] == [("team", "Noord"), ("team", "Zuid")]
    assert "Oost" not in body and "Hele corporatie" not in body and 'data-name="Noord"' in body
    outsider = UserFactory(role=Role.PLANEIGENAAR)
    assert client_for(outsider).get(reverse("dashboard:compare")).status_code == 403


def test_sorting_is_server_side_by_the_last_complete_month(client_for, world):  # noqa: F811
    fill(world)
    manager = UserFactory(role=Role.MANAGER)
    with at(MID_MARCH):
        rows = comparison.comparison_rows(
            user=manager, indicator="beyond_share", months=12, sort="waarde", descending=True
        )
        response = client_for(manager).get(
            reverse("dashboard:compare"), {"indicator": "beyond_share", "sort": "waarde", "richting": "af"}
        )
    values = [r.latest for r in rows[1:] if r.latest is not None]
    assert rows[0].kind == "association" and values == sorted(values, reverse=True) and len(values) >= 2
    body = response.content.decode()
    order = [name for name in ("Noord", "Oost", "Zuid") if f'data-name="{name}"' in body]
    positions = [body.index(f'data-name="{r.name}"') for r in rows[1:]]
    assert positions == sorted(positions) and order
    # The headline is the last complete month, the running month apart.
    assert "lopende maand, t/m 15 maart" in body.replace("Lopende", "lopende")
    assert 'class="sparkline"' in body and "<table" in body and 'aria-current="true"' in body


def test_bad_input_gets_a_dutch_message_not_a_500(client_for):
    manager = UserFactory(role=Role.MANAGER)
    response = client_for(manager).get(reverse("dashboard:compare"), {"indicator": "bestaat-niet", "months": "7"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Selecteer een geldige keuze" in body and 'role="alert"' in body


def test_the_dashboard_links_to_the_comparison(client_for):
    manager = UserFactory(role=Role.MANAGER)
    body = client_for(manager).get(reverse("dashboard:index")).content.decode()
    assert reverse("dashboard:compare") in body


def test_the_default_month_is_the_last_complete_one_in_amsterdam(night):
    today = night.local_date
    assert periods.last_complete_month() == ind.add_months(today.replace(day=1), -1)
    assert periods.running_month() == today.replace(day=1)
    assert periods.view_end(today) == periods.last_complete_month()
    assert periods.view_end(dt.date(2020, 5, 17)) == dt.date(2020, 5, 1)


def test_last_complete_month_around_midnight_on_the_first():
    with at(dt.datetime(2026, 11, 30, 22, 59, tzinfo=dt.UTC)):  # 23:59 on 30 November in Amsterdam
        assert periods.last_complete_month() == dt.date(2026, 10, 1)
    with at(dt.datetime(2026, 11, 30, 23, 1, tzinfo=dt.UTC)):  # 00:01 on 1 December in Amsterdam
        assert periods.last_complete_month() == dt.date(2026, 11, 1)
    with at(dt.datetime(2026, 3, 31, 22, 1, tzinfo=dt.UTC)):  # 00:01 CEST on 1 April
        assert periods.last_complete_month() == dt.date(2026, 3, 1)
    assert periods.last_complete_month(dt.date(2027, 1, 1)) == dt.date(2026, 12, 1)


def test_the_dashboard_headline_is_the_last_complete_month_and_the_running_month_is_marked(client_for, world):  # noqa: F811
    import re

    fill(world)
    manager = UserFactory(role=Role.MANAGER)
    with at(dt.datetime(2026, 2, 28, 23, 30, tzinfo=dt.UTC)):  # 00:30 on 1 March: nothing in March yet
        body = client_for(manager).get(reverse("dashboard:index")).content.decode()
        figures = _single(manager, end=FEB)
    headline = re.search(r'data-key="beyond_share">([^<]*)<', body).group(1)
    assert headline == f"{figures['beyond_share'].values[-1]:.1f}%".replace(".", ",")  # February, not March
    assert 'data-running="beyond_share"' in body and "lopende maand, t/m 1 maart" in body.replace("Lopende", "lopende")
    assert "t/m 1 mrt" in body  # the running month's slot on the chart (an open end)


def test_a_cached_card_never_outlives_its_figures(client_for, world):  # noqa: F811
    """Cards are cached by their content: new work after a refresh shows at once."""
    from tests.dashboard.test_rollup import contact

    fill(world)
    manager = UserFactory(role=Role.MANAGER)
    query = {"indicator": "beyond_share", "months": "12"}
    with at(MID_MARCH, tick=True):  # the clock runs: each refresh has its own stamp
        rollup_refresh()
        client = client_for(manager)

        def cards() -> str:
            body = client.get(reverse("dashboard:compare"), query).content.decode()
            return body[body.index('<ol class="compare"') : body.index("</ol>")]

        before = cards()
        assert cards() == before  # from the cache
        for _ in range(3):
            contact(world["bob"], world["hh"]["z"][0], dt.datetime(2026, 2, 20, 10, tzinfo=dt.UTC), beyond_note="Zorg.")
        rollup_refresh()
        after = cards()
        rows = comparison.comparison_rows(user=manager, indicator="beyond_share", months=12)
    assert after != before
    zuid = next(r for r in rows if r.name == "Zuid" and r.kind == "team")
    assert zuid.figure.numerators[-1] == 4  # one in the data, three added


def test_the_comparison_in_english(client_for, world):  # noqa: F811
    fill(world)
    manager = UserFactory(role=Role.MANAGER)
    client = client_for(manager)
    client.cookies["django_language"] = "en"
    with at(MID_MARCH):
        body = client.get(reverse("dashboard:compare"), {"indicator": "heard_share"}).content.decode()
    assert "Compare teams and districts" in body and "running month, up to 15 March" in body
    assert "Whole association" in body and "Figures per month" in body


def test_an_earlier_end_month_shows_no_running_month(client_for, world):  # noqa: F811
    fill(world)
    manager = UserFactory(role=Role.MANAGER)
    with at(MID_MARCH):
        client = client_for(manager)
        body = client.get(reverse("dashboard:index"), {"month": "2026-01"}).content.decode()
        rows = comparison.comparison_rows(user=manager, indicator="beyond_share", months=12, end=dt.date(2026, 1, 1))
    assert 'id="running-month"' not in body and "data-running=" not in body
    assert all(r.running is None for r in rows) and rows[0].scope.months[-1] == dt.date(2026, 1, 1)
