"""Writes are idempotent upserts by idExtern (PUT /api/v1/<soort>/<idExtern>/)."""

import datetime as dt

import pytest

from frontlijn.contacts.models import ContactMoment
from frontlijn.register.models import Unit
from tests.api.factories import admin_user
from tests.factories import BuurtFactory, HouseholdFactory, staff_in
from tests.nights import at

pytestmark = pytest.mark.django_db

UNIT = {
    "soort": {"code": "WOO"},
    "status": {"code": "VEH"},
    "adres": {
        "straatnaam": "Kerkstraat",
        "huisnummer": 12,
        "huisletter": "A",
        "postcode": "3511ab",
        "woonplaats": "Utrecht",
    },
    "buurt": "BU-1",
}


@pytest.fixture
def writer(api_client_for):
    BuurtFactory(id_extern="BU-1")
    return api_client_for(admin_user(), scope="write")


def test_put_creates_then_updates_the_same_record(writer):
    first = writer.put("/api/v1/eenheden/E-1/", UNIT, format="json")
    assert first.status_code == 201
    again = writer.put("/api/v1/eenheden/E-1/", UNIT, format="json")
    assert again.status_code == 200
    assert Unit.objects.filter(id_extern="E-1").count() == 1
    assert again.json()["adres"]["postcode"] == "3511 AB"
    assert again.json()["soort"] == {"code": "WOO", "naam": "Woonruimte"}


def test_put_changes_fields_and_keeps_absent_ones(writer):
    writer.put("/api/v1/eenheden/E-1/", {**UNIT, "bouwjaar": 1965}, format="json")
    changed = {**UNIT, "adres": {**UNIT["adres"], "huisnummer": 14}}
    response = writer.put("/api/v1/eenheden/E-1/", changed, format="json")
    unit = Unit.objects.get(id_extern="E-1")
    assert (unit.house_number, unit.construction_year) == (14, 1965)
    assert response.json()["bouwjaar"] == 1965


def test_validation_error_names_field_and_reason_in_dutch(writer):
    bad = {**UNIT, "adres": {**UNIT["adres"], "postcode": "12345"}, "soort": {"code": "XXX"}}
    response = writer.put("/api/v1/eenheden/E-1/", bad, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "geen geldige postcode" in errors["adres.postcode"][0]
    assert "Onbekende code" in errors["soort"][0]
    assert not Unit.objects.exists()


def test_unknown_reference_is_named(writer):
    response = writer.put("/api/v1/eenheden/E-1/", {**UNIT, "buurt": "NOPE"}, format="json")
    assert response.status_code == 400
    assert "NOPE" in response.json()["buurt"][0]


def test_body_id_must_match_url(writer):
    response = writer.put("/api/v1/eenheden/E-1/", {**UNIT, "idExtern": "E-2"}, format="json")
    assert response.status_code == 400
    assert "idExtern" in response.json()


def test_front_staff_logs_contact_moment_as_themselves(api_client_for):
    buurt = BuurtFactory()
    household = HouseholdFactory(id_extern="H-1", unit__complex__buurt=buurt)
    user = staff_in(buurt)
    client = api_client_for(user, scope="write")
    body = {
        "kanaal": {"code": "TEL"},
        "datum": "2024-03-01T10:00:00+01:00",
        "duur": 12,
        "onderwerp": "Huur",
        "huishouden": "H-1",
    }
    assert client.put("/api/v1/contactmomenten/CM-1/", body, format="json").status_code == 201
    assert client.put("/api/v1/contactmomenten/CM-1/", body, format="json").status_code == 200
    contact = ContactMoment.objects.get(id_extern="CM-1")
    assert (contact.staff, contact.household, contact.unit) == (user, household, household.unit)
    household.refresh_from_db()
    assert household.last_contact_at == contact.occurred_at


def test_contact_moment_rules_are_shared_with_the_form(api_client_for):
    buurt = BuurtFactory()
    HouseholdFactory(id_extern="H-1", unit__complex__buurt=buurt)
    client = api_client_for(staff_in(buurt), scope="write")
    body = {"kanaal": {"code": "TEL"}, "datum": "2024-03-01T10:00:00", "duur": 900, "huishouden": "H-1"}
    errors = client.put("/api/v1/contactmomenten/CM-1/", body, format="json").json()
    assert "8 uur" in errors["duur"][0]
    assert "Schrijf iets op" in errors["omschrijving"][0]


def test_id_extern_with_surrounding_spaces_is_refused(writer):
    response = writer.put("/api/v1/eenheden/%20E-1/", UNIT, format="json")
    assert response.status_code == 400
    assert "idExtern" in response.json()


@pytest.mark.parametrize(
    ("datum", "status", "stored_utc"),
    [
        ("2026-10-25T02:30:00", 201, dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)),  # repeated hour: first pass
        ("2026-10-25T02:30:00+01:00", 201, dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)),  # with offset: as given
        ("2026-03-29T02:30:00", 400, None),  # the missing March hour
    ],
)
def test_a_contact_time_without_offset_is_read_on_the_amsterdam_wall_clock(api_client_for, datum, status, stored_utc):
    buurt = BuurtFactory()
    HouseholdFactory(id_extern="H-1", unit__complex__buurt=buurt)
    client = api_client_for(staff_in(buurt), scope="write")
    body = {"kanaal": {"code": "TEL"}, "datum": datum, "duur": 5, "onderwerp": "Huur", "huishouden": "H-1"}
    with at(dt.datetime(2026, 10, 25, 3, 0, tzinfo=dt.UTC)):
        response = client.put("/api/v1/contactmomenten/CM-1/", body, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == status, response.content.decode()
    if stored_utc is None:
        assert "Dit tijdstip bestaat niet: op 29 maart 2026" in response.json()["datum"][0]
        assert not ContactMoment.objects.exists()
    else:
        assert ContactMoment.objects.get().occurred_at == stored_utc
