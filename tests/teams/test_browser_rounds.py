"""A visit round on a phone: the round opens at the next address, "niet thuis" sends the address to
the back of the walk, the note's counter shows how much room is left."""

import pytest
from playwright.sync_api import expect

from tests.factories import BuurtFactory, ComplexFactory, HouseholdFactory, TeamFactory, UnitFactory, UserFactory
from tests.teams.factories import complex_round_for

PASSWORD = "geheim-wachtwoord-1"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_walking_a_round_on_a_phone(phone_page, login, assert_accessible):
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    anna = UserFactory(username="anna", first_name="Anna", teams=[team])
    anna.set_password(PASSWORD)
    anna.save()
    complex_ = ComplexFactory(buurt=buurt)
    for number in (10, 2, 4):
        HouseholdFactory(unit=UnitFactory(complex=complex_, street="Eikstraat", house_number=number))
    visit_round = complex_round_for(anna, team=team, complex_=complex_)
    page = phone_page
    page.set_default_timeout(30_000)
    login(page, "anna", PASSWORD)

    page.goto(f"/teams/rondes/{visit_round.pk}/")
    next_card = page.locator(".next-visit")
    assert "Eikstraat 2" in next_card.inner_text()
    assert_accessible(page)
    next_card.get_by_role("link", name="Naar dit adres").click()
    assert_accessible(page)
    page.get_by_label("Niet thuis").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/teams/rondes/{visit_round.pk}/")
    page.get_by_text("Vastgelegd. Het adres komt terug in de ronde voor een nieuwe poging.").wait_for()
    assert "Eikstraat 4" in page.locator(".next-visit").inner_text()  # 2 waits for another try

    page.locator(".next-visit").get_by_role("link", name="Naar dit adres").click()
    note = page.get_by_label("Verder dan het proces")
    note.fill("Meneer is blij met het bezoek.")
    # The counter follows the typing in the browser: wait for it (a loaded machine is slow).
    expect(page.locator(".counter").filter(has_text="30 van 4000 tekens")).to_be_visible()
    page.get_by_label("Duur in minuten").fill("20")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/teams/rondes/{visit_round.pk}/")
    page.get_by_text("Bezoek vastgelegd als contactmoment.").wait_for()
    assert "Eikstraat 10" in page.locator(".next-visit").inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
