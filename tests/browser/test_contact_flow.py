"""Issue 2's phone flow: find an address, log a contact with a beyond-the-process note and a
promise, see both on the timeline and the promise in "my open promises"; axe on every page."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment, Promise
from tests.factories import HouseholdFactory, ResidentFactory, UnitFactory, staff_in


@pytest.fixture(autouse=True)
def warm_classifier():
    """Load scikit-learn and the shipped model before the clock runs, as `frontlijn serve
    --production` does before forking: the live server shares this process, and a cold import on
    a busy machine can take longer than a click's timeout."""
    from frontlijn.signals.classifier import registry

    registry._shipped()


def test_wijkbeheerder_logs_a_contact_with_a_promise_on_a_phone(phone_page, live_server, login, assert_accessible):
    unit = UnitFactory(street="Populierenlaan", house_number=7, postcode="7311 KX", place="Lindeveen")
    household = HouseholdFactory(unit=unit, name="Huishouden Yılmaz")
    ResidentFactory(household=household, first_name="Ayşe", last_name="Yılmaz")
    user = staff_in(unit.buurt, username="fatma")
    user.set_password("geheim-wachtwoord-1")
    user.save()
    page = phone_page

    login(page, "fatma", "geheim-wachtwoord-1")
    assert_accessible(page)

    page.get_by_role("link", name="Zoeken").first.click()
    page.get_by_label("Postcode en huisnummer, straat of naam").fill("7311kx 7")
    page.get_by_role("button", name="Zoek").click()
    page.get_by_role("link", name="Huishouden Yılmaz").click()
    assert "Populierenlaan 7" in page.inner_text("main")
    assert_accessible(page)

    page.get_by_role("link", name="Contact vastleggen").click()
    assert page.get_by_role("heading", name="Contact vastleggen").is_visible()
    assert_accessible(page)
    page.get_by_label("Kanaal").select_option("BEZ")
    page.locator("details.more > summary").click()  # direction, subject, labels, other duration or date
    page.get_by_label("Andere duur in minuten").fill("20")
    page.get_by_label("Onderwerp").fill("Schimmel in de slaapkamer")
    page.get_by_label("Verder dan het proces").fill("Mevrouw mist haar dochter die naar Utrecht verhuisde.")
    page.get_by_label("Eenzaamheid").check()
    page.get_by_label("Belofte aan de bewoner").fill("Ik bel u donderdag terug over de schimmel")
    due = timezone.localdate() + dt.timedelta(days=3)
    page.get_by_label("Andere datum").fill(due.isoformat())
    page.get_by_role("button", name="Opslaan").click()

    page.wait_for_url(f"**/huishoudens/{household.pk}/")
    timeline = page.locator(".timeline").inner_text()
    assert "Mevrouw mist haar dochter" in timeline
    assert "Ik bel u donderdag terug over de schimmel" in timeline
    assert "Contactmoment opgeslagen." in page.inner_text("main")
    assert_accessible(page)

    page.get_by_role("link", name="Beloftes").first.click()
    assert "Ik bel u donderdag terug over de schimmel" in page.inner_text("main")
    assert_accessible(page)
    # No horizontal scrolling at 375 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    assert ContactMoment.objects.get().beyond_tags == ["eenzaamheid"]
    assert ContactMoment.objects.get().duration_minutes == 20
    assert Promise.objects.get().due_date == due


def test_bad_duration_keeps_what_was_typed_in_the_browser(phone_page, live_server, login, assert_accessible):
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt, username="huismeester1")
    user.set_password("geheim-wachtwoord-1")
    user.save()
    page = phone_page
    login(page, "huismeester1", "geheim-wachtwoord-1")
    page.goto(f"/huishoudens/{household.pk}/contact/")
    page.locator("details.more > summary").click()
    page.get_by_label("Andere duur in minuten").fill("-5")
    page.get_by_label("Verder dan het proces").fill("Meneer wil graag verhuizen naar een benedenwoning.")
    page.get_by_role("button", name="Opslaan").click()
    assert "De duur is minimaal 1 minuut." in page.inner_text("main")
    assert page.get_by_label("Verder dan het proces").input_value() == (
        "Meneer wil graag verhuizen naar een benedenwoning."
    )
    assert_accessible(page)
    assert not ContactMoment.objects.exists()
