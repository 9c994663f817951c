"""The comparison view (teams and wijken side by side) in real Chromium at 375 px and 1280 px:
axe-clean, nothing wider than the screen, sorting by a plain link, every row's table opens; and
the dashboard it is linked from, with the running month shown apart."""

from __future__ import annotations

import pytest

from frontlijn.dashboard.services import rollup_refresh
from frontlijn.teams.models import Role
from tests.browser.fixtures import _new_page
from tests.dashboard.test_rollup import fill, world  # noqa: F401 - the fixture
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def data(world):  # noqa: F811
    fill(world)
    rollup_refresh()
    return world


@pytest.fixture(params=[375, 1280], ids=["375px", "1280px"])
def page(request, browser, live_server):
    yield from _new_page(request, browser, live_server, viewport={"width": request.param, "height": 900})


def test_the_comparison_view_is_clean_and_fits(page, data, assert_accessible, login):
    width = page.viewport_size["width"]
    UserFactory(username="manager1", role=Role.MANAGER)
    login(page, "manager1", PASSWORD)
    page.goto("/dashboard/")
    # The dashboard itself: the running month apart, the page still clean and within the screen.
    assert page.locator("#running-month").count() == 1 and page.locator("p.running").count() > 0
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("#to-compare").click()
    page.wait_for_url("**/dashboard/vergelijken/**")
    assert page.locator("li.compare-row").count() == 6  # the association, 3 teams, 2 wijken
    assert page.locator("li.compare-row svg.sparkline").count() == 6
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("#sort-waarde").click()
    page.wait_for_load_state()
    assert page.locator("#sort-waarde[aria-current]").count() == 1
    page.locator("li.compare-row details summary").first.click()
    assert page.locator("li.compare-row details[open] table").count() == 1
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_label("Periode").select_option("24")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_load_state()
    assert "months=24" in page.url
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
