"""Issue 15, the moment at the door, on a 375 px phone: from home to a saved home visit with a
beyond-the-process note, a promise for Friday and a signal from the note, counting every action.

An action is a tap (click/check) or a typed field (counted once, however long the text). Logging
in is not counted. No shortcut URLs: after the login every page is reached by tapping.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.lib.dates import next_weekday
from frontlijn.signals.models import Sensitivity, Signal
from frontlijn.signals.themes import ensure_default_themes
from tests.factories import HouseholdFactory, ResidentFactory, UnitFactory, staff_in


@pytest.fixture(autouse=True)
def warm_classifier():
    """Load scikit-learn and the shipped model before the clock runs, as `frontlijn serve
    --production` does before forking: the live server shares this process, and a cold import on
    a busy machine can take longer than a click's timeout."""
    from frontlijn.signals.classifier import registry

    registry._shipped()


PASSWORD = "geheim-wachtwoord-1"
MAX_ACTIONS = 10
SCREEN = 812
NOTE = "Mevrouw voelt zich erg alleen sinds haar man overleed en krijgt bijna nooit bezoek."


class Actions:
    """Wraps the user's taps and typed fields and counts them."""

    def __init__(self, page):
        self.page = page
        self.count = 0
        self.log: list[str] = []

    def tap(self, locator, what: str):
        locator.click()
        self._count(f"tap {what}")

    def type(self, locator, text: str, what: str, *, keys: bool = False):
        if keys:  # key by key, as a thumb does (fires keyup: the classifier listens to it)
            locator.click()
            locator.press_sequentially(text, delay=5)
        else:
            locator.fill(text)
        self._count(f"type {what}")

    def press_enter(self, locator, what: str):
        locator.press("Enter")
        self._count(f"enter {what}")

    def _count(self, entry: str):
        self.count += 1
        self.log.append(entry)


def _world():
    ensure_default_themes()
    unit = UnitFactory(street="Lindelaan", house_number=12, postcode="7311 KX", place="Lindeveen")
    household = HouseholdFactory(unit=unit, name="Huishouden De Vries")
    ResidentFactory(household=household, first_name="Truus", last_name="de Vries", birth_year=1944)
    user = staff_in(unit.buurt, username="wijkbeheerder1", first_name="Sanne")
    user.set_password(PASSWORD)
    user.save()
    return household, user


def test_home_visit_with_note_promise_and_signal_in_at_most_ten_actions(
    phone_page, browser, live_server, settings, login, assert_accessible
):
    settings.FRONTLIJN_PUBLIC_URL = live_server.url
    household, user = _world()
    page = phone_page
    login(page, "wijkbeheerder1", PASSWORD)
    act = Actions(page)
    assert_accessible(page)

    # Home -> the household, by postcode and house number.
    act.type(page.get_by_label("Zoek een adres of bewoner"), "7311KX 12", "postcode and number")
    act.tap(page.get_by_role("button", name="Zoek"), "search")
    act.tap(page.get_by_role("link", name="Huishouden De Vries"), "result")
    page.wait_for_url(f"**/huishoudens/{household.pk}/")
    summary = page.locator(".doorbell").inner_text()
    assert "Truus" in summary and "75+" in summary
    assert_accessible(page)

    act.tap(page.get_by_role("link", name="Contact vastleggen"), "log a contact")
    page.wait_for_url(f"**/huishoudens/{household.pk}/contact/")
    # One screen and a half: the save button's bottom within 1.5 x the 812 px viewport.
    save = page.get_by_role("button", name="Opslaan")
    bottom = page.evaluate("(el) => el.getBoundingClientRect().bottom + window.scrollY", save.element_handle())
    assert bottom <= 1.5 * SCREEN, f"save button ends at {bottom} px"
    # Smart defaults for a wijkbeheerder at an address: a home visit, its usual 15 minutes, now.
    assert page.get_by_label("Kanaal").input_value() == "BEZ"
    assert page.locator("input[name=duration_minutes][value='15']").is_checked()
    assert page.get_by_label("Wanneer", exact=True).input_value()[:10] == timezone.localdate().isoformat()
    assert_accessible(page)

    act.type(page.get_by_label("Verder dan het proces"), NOTE, "beyond-the-process note", keys=True)
    offer = page.locator("#signal-offer .offer-toggle")
    offer.wait_for()
    assert "Maak hier een signaal van — Eenzaamheid" in offer.inner_text()
    act.tap(offer, "make it a signal")
    act.type(page.get_by_label("Belofte aan de bewoner"), "Ik kom vrijdag langs met de folder", "promise")
    act.tap(page.locator("label.choice", has_text="vrijdag"), "Friday")
    bottom = page.evaluate("(el) => el.getBoundingClientRect().bottom + window.scrollY", save.element_handle())
    assert bottom <= 1.5 * SCREEN, f"with the offer shown the save button ends at {bottom} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    act.tap(save, "save")

    page.wait_for_url(f"**/huishoudens/{household.pk}/")
    assert "Contactmoment opgeslagen, en het signaal gemeld." in page.inner_text("main")
    print(f"doorstep flow: {act.count} actions: {act.log}; save button bottom {bottom:.0f} px")
    assert act.count <= MAX_ACTIONS, act.log
    assert_accessible(page)

    contact = ContactMoment.objects.get()
    assert (contact.channel, contact.duration_minutes, contact.staff) == ("BEZ", 15, user)
    assert contact.beyond_note == NOTE
    promise = Promise.objects.get()
    assert promise.contact_moment == contact
    assert promise.due_date == next_weekday(timezone.localdate(), 4)
    assert promise.due_date.weekday() == 4 and promise.due_date > timezone.localdate()
    signal = Signal.objects.get()
    assert signal.text == NOTE
    assert (signal.household, signal.unit, signal.contact_moment) == (household, household.unit, contact)
    assert signal.sensitivity == Sensitivity.PERSON
    assert list(signal.themes.values_list("code", flat=True)) == ["eenzaamheid"]

    # After saving: the resident's question as a QR code (not counted: the flow is done).
    page.get_by_role("button", name="Toon QR-code voor de bewoner").click()
    assert page.locator(".qr-figure svg").count() == 1
    assert_accessible(page)
    # The resident scans it with their own phone: read the code back and open that link.
    image = Image.open(io.BytesIO(page.locator(".qr-figure svg").screenshot()))
    links = [result.text for result in zxingcpp.read_barcodes(image)]
    assert len(links) == 1 and links[0].startswith(live_server.url + "/r/"), links
    resident = browser.new_context(viewport={"width": 375, "height": 812}, locale="nl-NL")
    try:
        their_phone = resident.new_page()
        their_phone.goto(links[0])
        about = their_phone.locator(".about").inner_text()
        day = timezone.localtime(contact.occurred_at).day
        assert f"Het gaat over uw contact van {day} " in about
        assert "(huisbezoek) met Sanne." in about
        assert_accessible(their_phone)
    finally:
        resident.close()


def test_promise_dates_and_defaults_for_kcc(phone_page, login, assert_accessible):
    """KCC on the phone: telephone and 5 minutes preselected; the quick dates are real dates."""
    household, _user = _world()
    kcc = staff_in(household.unit.buurt, username="kcc1", role="kcc")
    kcc.set_password(PASSWORD)
    kcc.save()
    page = phone_page
    login(page, "kcc1", PASSWORD)
    page.get_by_label("Zoek een adres of bewoner").fill("7311 KX 12")
    page.get_by_role("button", name="Zoek").click()
    page.get_by_role("link", name="Huishouden De Vries").click()
    page.get_by_role("link", name="Contact vastleggen").click()
    assert page.get_by_label("Kanaal").input_value() == "TEL"
    assert page.locator("input[name=duration_minutes][value='5']").is_checked()
    friday = next_weekday(timezone.localdate(), 4)
    assert page.locator("input[name=promise_quick]").nth(2).get_attribute("value") == friday.isoformat()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert page.locator("input[name=promise_quick]").nth(1).get_attribute("value") == tomorrow.isoformat()
    assert_accessible(page)
