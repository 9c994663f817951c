"""Issue 15: the beyond-the-process note becomes a signal — the offer while typing, and contact and
signal saved together in one transaction."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.contacts.services import contact_moment_create
from frontlijn.signals.models import Sensitivity, Signal, StaffCorrection
from frontlijn.signals.themes import ensure_default_themes
from frontlijn.teams.models import Role
from tests.factories import HouseholdFactory, staff_in

pytestmark = pytest.mark.django_db

LONELY = "Mevrouw voelt zich erg alleen sinds haar man overleed en krijgt nooit bezoek."


@pytest.fixture(autouse=True)
def themes():
    ensure_default_themes()


@pytest.fixture
def household():
    return HouseholdFactory()


@pytest.fixture
def user(household):
    return staff_in(household.unit.buurt)


def post_data(**overrides):
    data = {
        "channel": "BEZ",
        "direction": "UIT",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "15",
        "beyond_note": LONELY,
        "raise_signal": "on",
        "signal_theme": "eenzaamheid",
        "signal_sensitivity": "persoon",
    }
    data.update(overrides)
    return data


def test_the_offer_names_the_theme_and_its_score(client, household, user):
    client.force_login(user)
    html = client.post(f"/huishoudens/{household.pk}/contact/signaal/", {"beyond_note": LONELY}).content.decode()
    assert "Maak hier een signaal van — Eenzaamheid" in html
    assert "%)" in html and 'name="raise_signal"' in html
    assert '<option value="eenzaamheid" selected>' in html
    assert 'value="persoon" checked' in html


def test_no_offer_for_a_short_note_or_below_the_threshold(client, household, user, settings):
    client.force_login(user)
    url = f"/huishoudens/{household.pk}/contact/signaal/"
    assert "raise_signal" not in client.post(url, {"beyond_note": "Gaat goed"}).content.decode()
    settings.FRONTLIJN_SIGNAL_OFFER_THRESHOLD = 1.01
    assert "raise_signal" not in client.post(url, {"beyond_note": LONELY}).content.decode()


def test_a_ticked_offer_stays_ticked_with_the_chosen_theme_while_typing(client, household, user):
    client.force_login(user)
    data = {"beyond_note": LONELY + " Ook zorgen om haar gezondheid.", "raise_signal": "on", "signal_theme": "zorg"}
    html = client.post(f"/huishoudens/{household.pk}/contact/signaal/", data).content.decode()
    assert 'id="id_raise_signal" checked' in html
    assert '<option value="zorg" selected>' in html


def test_the_offer_endpoint_is_scoped_post_only_and_never_logs_the_text(client, household, caplog):
    outsider = staff_in(HouseholdFactory().unit.buurt)
    client.force_login(outsider)
    url = f"/huishoudens/{household.pk}/contact/signaal/"
    with caplog.at_level(logging.DEBUG):
        assert client.post(url, {"beyond_note": LONELY}).status_code == 404
        assert client.get(url, {"beyond_note": LONELY}).status_code == 405
    client.force_login(staff_in(household.unit.buurt))
    with caplog.at_level(logging.DEBUG):
        assert client.post(url, {"beyond_note": LONELY}).status_code == 200
    assert not any("alleen" in record.getMessage() for record in caplog.records)
    planner = staff_in(household.unit.buurt, role=Role.PLANEIGENAAR)
    client.force_login(planner)
    assert client.post(url, {"beyond_note": LONELY}).status_code == 403


def test_one_tap_raises_the_signal_with_the_same_text_household_and_unit(client, household, user):
    client.force_login(user)
    response = client.post(f"/huishoudens/{household.pk}/contact/", post_data())
    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    signal = Signal.objects.get()
    assert signal.text == contact.beyond_note == LONELY
    assert (signal.household, signal.unit, signal.contact_moment, signal.raised_by) == (
        household,
        household.unit,
        contact,
        user,
    )
    assert signal.sensitivity == Sensitivity.PERSON
    assert list(signal.themes.values_list("code", flat=True)) == ["eenzaamheid"]
    assert signal.suggested and signal.suggested[0][0] == "eenzaamheid"
    assert not StaffCorrection.objects.exists()  # the suggestion was kept


def test_a_changed_theme_is_kept_as_a_correction(client, household, user):
    client.force_login(user)
    client.post(f"/huishoudens/{household.pk}/contact/", post_data(signal_theme="zorg"))
    assert list(Signal.objects.get().themes.values_list("code", flat=True)) == ["zorg"]
    correction = StaffCorrection.objects.get()
    assert (correction.suggested_code, correction.chosen_code) == ("eenzaamheid", "zorg")


def test_a_signal_about_the_place_leaves_the_household_out(client, household, user):
    client.force_login(user)
    client.post(f"/huishoudens/{household.pk}/contact/", post_data(signal_sensitivity="plek"))
    signal = Signal.objects.get()
    assert signal.sensitivity == Sensitivity.PLACE
    assert (signal.household, signal.contact_moment, signal.unit) == (None, None, household.unit)


def test_without_the_tap_no_signal(client, household, user):
    client.force_login(user)
    data = post_data()
    del data["raise_signal"]
    client.post(f"/huishoudens/{household.pk}/contact/", data)
    assert ContactMoment.objects.count() == 1
    assert not Signal.objects.exists()


def test_a_failing_signal_stores_no_contact_and_no_promise(household, user):
    with pytest.raises(ValidationError) as exc:
        contact_moment_create(
            staff=user,
            household=household,
            channel="BEZ",
            direction="UIT",
            occurred_at=timezone.now(),
            duration_minutes=15,
            beyond_note=LONELY,
            promise_description="Ik bel u vrijdag",
            promise_due_date=timezone.localdate(),
            signal_theme_codes=["bestaat-niet"],
        )
    assert "signal_theme" in exc.value.message_dict
    assert not ContactMoment.objects.exists()
    assert not Promise.objects.exists()
    assert not Signal.objects.exists()


def test_a_note_too_long_for_a_signal_is_reported_on_the_note_and_nothing_is_stored(client, household, user):
    client.force_login(user)
    note = LONELY + " " + "Ze vertelt veel over vroeger. " * 150
    response = client.post(f"/huishoudens/{household.pk}/contact/", post_data(beyond_note=note))
    assert response.status_code == 200
    assert "hoogstens 4000 tekens" in response.content.decode()
    assert not ContactMoment.objects.exists() and not Signal.objects.exists()


def test_ticking_the_offer_without_a_note_asks_for_the_note(client, household, user):
    client.force_login(user)
    response = client.post(f"/huishoudens/{household.pk}/contact/", post_data(beyond_note="", subject="Huur"))
    assert "dat wordt de tekst van het signaal" in response.content.decode()
    assert not ContactMoment.objects.exists()
