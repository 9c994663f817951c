"""The 400 page for a bad query-string value (probe finding 4) on a phone: says which value, in
Dutch, and passes axe."""

import pytest

from frontlijn.teams.models import Role
from tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-1"


@pytest.mark.browser
def test_a_bad_query_value_shows_a_clear_dutch_page_on_a_phone(phone_page, login, assert_accessible):
    UserFactory(username="wim", role=Role.WIJKBEHEERDER)
    login(phone_page, "wim", PASSWORD)
    response = phone_page.goto("/signalen/gebied/?complex=99999999999999999999")
    assert response.status == 400
    text = phone_page.locator("main").inner_text()
    assert "Ongeldig adres" in text and "complex" in text
    assert_accessible(phone_page)
