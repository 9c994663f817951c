"""No N+1 queries: a main page runs as many queries with 30 rows of everything as with 3.

Each page is requested in a household and area holding 3 residents, contacts (by 3 different
colleagues, with promises), cases, open promises, inbox messages, signals and search hits; then
27 more of each are added and the page is requested again. The query count may not grow.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.pages import main_pages
from tests.tools.bench.factories import World

CORE_PAGES = ["home", "search", "search-postcode", "timeline", "contact-form", "cases", "promises", "inbox"]
SMALL, LARGE = 3, 30
# Queries per request of the front staff's main pages since the CPU work of issue 9 (on SQLite an
# audit append is three queries plus a savepoint, on PostgreSQL one): more is a regression. The
# contact form writes an audit row on GET since the security probe (issue 14, finding 3): +4.
CEILINGS = {
    "home": 16,  # + today's visit rounds (issue 16: the round fetched ahead for offline use)
    "search": 14,
    "search-postcode": 12,  # +1 since issue 15: the residents (first names, birth years) of the hits
    # +6 for the "Voor je aanbelt" summary (issue 15): open signals and their themes, the
    # vulnerability labels, open promises, open cases, the last contact.
    "timeline": 25,
    # 12 (audit row, idempotency key) +1 for the smart defaults (recent channels and durations; issue 15).
    "contact-form": 13,
    "cases": 7,
    "promises": 6,
    "inbox": 6,
}


def count_queries(client, url: str) -> tuple[int, int]:
    client.get(url)  # warm-up: session, per-day access bookkeeping
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, len(ctx.captured_queries)


def measure_all(client, world: World) -> dict[str, tuple[int, int]]:
    return {
        name: count_queries(client, url) for name, url in main_pages(household=world.household, query=World.SEARCH_NAME)
    }


@pytest.mark.django_db
def test_no_main_page_query_count_grows_with_data(client_for):
    """One world for all pages (building it is the slow part): small counts, grow, large counts."""
    world = World.build(SMALL)
    client = client_for(world.user)
    small = measure_all(client, world)
    assert {name: small[name][0] for name in CORE_PAGES} == dict.fromkeys(CORE_PAGES, 200)
    measured = [name for name, (status, _n) in small.items() if status == 200]
    assert len(measured) >= len(CORE_PAGES)

    world.grow(LARGE - SMALL)
    large = measure_all(client, world)

    grown = {
        name: f"{small[name][1]} queries with {SMALL} rows, {large[name][1]} with {LARGE}"
        for name in measured
        if large[name][1] > small[name][1] or large[name][0] != 200
    }
    assert grown == {}, f"query count grows with data (N+1): {grown}"
    over = {name: f"{large[name][1]} > {CEILINGS[name]}" for name in CORE_PAGES if large[name][1] > CEILINGS[name]}
    assert over == {}, f"more queries per request than before: {over}"


@pytest.mark.django_db
def test_world_grows_the_rows_the_pages_show():
    """The guard itself: growing really adds rows to what the pages list."""
    from frontlijn.contacts.models import ContactMoment, Promise
    from frontlijn.register.models import Household

    world = World.build(SMALL)
    before = (
        ContactMoment.objects.filter(household=world.household).count(),
        Promise.objects.filter(owner=world.user).count(),
        Household.objects.filter(residents__last_name=World.SEARCH_NAME).distinct().count(),
    )
    world.grow(LARGE - SMALL)
    after = (
        ContactMoment.objects.filter(household=world.household).count(),
        Promise.objects.filter(owner=world.user).count(),
        Household.objects.filter(residents__last_name=World.SEARCH_NAME).distinct().count(),
    )
    assert before == (SMALL, 2 * SMALL, SMALL)
    assert after == (LARGE, 2 * LARGE, LARGE)
