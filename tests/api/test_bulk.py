"""The bulk write for the nightly sync: POST /api/v1/<soort>/bulk/ (issue 20)."""

import json

import pytest
from django.test import override_settings

from frontlijn.contacts.models import ContactMoment
from frontlijn.privacy.models import AuditEvent
from frontlijn.register.models import Unit
from tests.api.factories import admin_user
from tests.factories import BuurtFactory, HouseholdFactory, UnitFactory, staff_in

pytestmark = pytest.mark.django_db
URL = "/api/v1/eenheden/bulk/"


def unit(n: int, **extra) -> dict:
    return {
        "idExtern": f"E-{n}",
        "adres": {"straatnaam": "Kerkstraat", "huisnummer": n + 1, "postcode": "3511ab", "woonplaats": "Utrecht"},
        "buurt": "BU-1",
        **extra,
    }


@pytest.fixture
def writer(api_client_for):
    BuurtFactory(id_extern="BU-1")
    return api_client_for(admin_user(), scope="write")


def test_bulk_creates_then_changes_nothing_on_the_same_list(writer):
    records = [unit(n) for n in range(250)]
    first = writer.post(URL, records, format="json")
    assert first.status_code == 200, first.json()
    assert first.json() | {"fouten": None} == {
        "aantal": 250,
        "nieuw": 250,
        "bijgewerkt": 0,
        "ongewijzigd": 0,
        "afgekeurd": 0,
        "fouten": None,
    }
    stamps = dict(Unit.objects.values_list("id_extern", "updated_at"))
    again = writer.post(URL, records, format="json")
    assert again.json()["ongewijzigd"] == 250 and again.json()["nieuw"] == 0
    assert dict(Unit.objects.values_list("id_extern", "updated_at")) == stamps
    records[3]["bouwjaar"] = 1965
    third = writer.post(URL, records, format="json").json()
    assert (third["bijgewerkt"], third["ongewijzigd"]) == (1, 249)
    assert Unit.objects.count() == 250


def test_one_bad_record_stores_nothing_and_is_named(writer):
    records = [unit(n) for n in range(100)]
    records[41]["adres"]["postcode"] = "12345"
    records[77]["buurt"] = "ONBEKEND"
    response = writer.post(URL, records, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["afgekeurd"] == 2 and "niets bewaard" in body["detail"]
    assert [(e["regel"], e["idExtern"], e["veld"]) for e in body["fouten"]] == [
        (42, "E-41", "adres.postcode"),
        (78, "E-77", "buurt"),
    ]
    assert not Unit.objects.exists()


def test_a_record_needs_its_own_id_extern(writer):
    response = writer.post(URL, [unit(1), {k: v for k, v in unit(2).items() if k != "idExtern"}], format="json")
    assert response.status_code == 400
    assert [(e["regel"], e["veld"]) for e in response.json()["fouten"]] == [(2, "idExtern")]


def test_a_read_token_may_not_write_in_bulk(api_client_for):
    BuurtFactory(id_extern="BU-1")
    reader = api_client_for(admin_user(), scope="sync")
    assert reader.post(URL, [unit(1)], format="json").status_code == 403
    assert not Unit.objects.exists()


def test_register_data_is_only_for_the_administrator(api_client_for):
    buurt = BuurtFactory(id_extern="BU-1")
    staff = api_client_for(staff_in(buurt), scope="write")
    assert staff.post(URL, [unit(1)], format="json").status_code == 403


def test_bulk_is_scoped_to_the_token_owner(api_client_for):
    mine, other = BuurtFactory(), BuurtFactory()
    HouseholdFactory(id_extern="HH-MINE", unit=UnitFactory(buurt=mine))
    HouseholdFactory(id_extern="HH-OTHER", unit=UnitFactory(buurt=other))
    owner = staff_in(mine)
    client = api_client_for(owner, scope="write")
    contact = {
        "kanaal": {"code": "TEL"},
        "datum": "2024-03-01T09:00:00+01:00",
        "duur": 5,
        "onderwerp": "Vraag",
    }
    response = client.post(
        "/api/v1/contactmomenten/bulk/",
        [
            {**contact, "idExtern": "C-1", "huishouden": "HH-MINE"},
            {**contact, "idExtern": "C-2", "huishouden": "HH-OTHER"},
            {**contact, "idExtern": "C-3", "huishouden": "HH-MINE", "medewerker": "iemand-anders"},
        ],
        format="json",
    )
    assert response.status_code == 400
    assert [(e["regel"], e["veld"]) for e in response.json()["fouten"]] == [(2, "huishouden"), (3, "medewerker")]
    response = client.post(
        "/api/v1/contactmomenten/bulk/", [{**contact, "idExtern": "C-1", "huishouden": "HH-MINE"}], format="json"
    )
    assert response.status_code == 200
    assert ContactMoment.objects.get(id_extern="C-1").staff == owner


def test_a_record_outside_the_owners_area_is_not_overwritten(api_client_for):
    mine, other = BuurtFactory(), BuurtFactory()
    HouseholdFactory(id_extern="HH-OTHER", unit=UnitFactory(buurt=other))
    HouseholdFactory(id_extern="HH-MINE", unit=UnitFactory(buurt=mine))
    admin = api_client_for(admin_user(), scope="write")
    contact = {"kanaal": {"code": "TEL"}, "datum": "2024-03-01T09:00:00+01:00", "duur": 5, "onderwerp": "Vraag"}
    assert (
        admin.post(
            "/api/v1/contactmomenten/bulk/", [{**contact, "idExtern": "C-9", "huishouden": "HH-OTHER"}], format="json"
        ).status_code
        == 200
    )
    client = api_client_for(staff_in(mine), scope="write")
    response = client.post(
        "/api/v1/contactmomenten/bulk/", [{**contact, "idExtern": "C-9", "huishouden": "HH-MINE"}], format="json"
    )
    assert response.status_code == 400
    assert response.json()["fouten"][0]["veld"] == "idExtern"
    assert ContactMoment.objects.get(id_extern="C-9").household.id_extern == "HH-OTHER"


@override_settings(FRONTLIJN_API_BULK_MAX_BYTES=2000)
def test_a_body_over_the_limit_gets_a_413_in_dutch(writer):
    body = json.dumps([unit(n) for n in range(40)])
    response = writer.post(URL, body, content_type="application/json")
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"]
    assert not Unit.objects.exists()


@override_settings(FRONTLIJN_API_BULK_MAX_RECORDS=10)
def test_more_records_than_allowed_are_refused(writer):
    response = writer.post(URL, [unit(n) for n in range(11)], format="json")
    assert response.status_code == 400
    assert "Hoogstens 10 records" in response.json()["non_field_errors"][0]


def test_bad_json_and_a_non_list_get_a_clear_400(writer):
    assert writer.post(URL, "[{", content_type="application/json").status_code == 400
    response = writer.post(URL, {"idExtern": "E-1"}, format="json")
    assert response.status_code == 400 and "lijst" in response.json()["non_field_errors"][0]


def test_the_bulk_write_is_audited_with_its_counts(writer):
    writer.post(URL, [unit(1), unit(2)], format="json")
    row = AuditEvent.objects.filter(detail__nieuw=2).first()
    assert row is not None and row.detail["aantal"] == 2


def test_bulk_ending_a_tenancy_invites_as_a_put_does_and_only_once(api_client_for):
    from frontlijn.feedback.models import FeedbackInvitation, Kind
    from frontlijn.lib import clock
    from tests.factories import TenancyFactory
    from tests.feedback.test_invitations import _household, _tenancy

    household = _household()
    TenancyFactory(household=household, id_extern="HO-1")
    client = api_client_for(admin_user(), scope="write")
    body = [{**_tenancy(household, einddatum=clock.today().isoformat()), "idExtern": "HO-1"}]
    for _ in range(2):  # the same list twice: the tenancy ended once, one invitation
        response = client.post("/api/v1/huurovereenkomsten/bulk/", body, format="json")
        assert response.status_code == 200, response.json()
    assert FeedbackInvitation.objects.get().kind == Kind.LEFT_TENANTS
