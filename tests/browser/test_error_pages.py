"""The Dutch 404 page at phone width: the app's layout, a way home, accessible."""

import pytest

from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_404_on_a_phone_is_dutch_in_the_layout_and_accessible(phone_page, login, assert_accessible):
    UserFactory(username="wijkbeheerder1", password="een-lang-wachtwoord-1")
    login(phone_page, "wijkbeheerder1", "een-lang-wachtwoord-1")
    response = phone_page.goto("/bestaat-niet/")
    assert response.status == 404
    assert phone_page.locator("h1").inner_text() == "Deze pagina bestaat niet"
    assert phone_page.locator("header.top a.brand").is_visible()
    assert_accessible(phone_page)
    phone_page.get_by_role("link", name="Naar de startpagina").click()
    phone_page.wait_for_url("**/")
