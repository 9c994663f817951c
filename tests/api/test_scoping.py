"""The API applies the same role/area scope as the web app: a token acts as its owner."""

import pytest

from tests.factories import BuurtFactory, ContactMomentFactory, HouseholdFactory, ResidentFactory, UnitFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_areas():
    buurt_a, buurt_b = BuurtFactory(), BuurtFactory()
    resident_a = ResidentFactory(
        id_extern="R-A", household=HouseholdFactory(id_extern="H-A", unit=UnitFactory(complex__buurt=buurt_a))
    )
    resident_b = ResidentFactory(
        id_extern="R-B", household=HouseholdFactory(id_extern="H-B", unit=UnitFactory(complex__buurt=buurt_b))
    )
    return buurt_a, resident_a, resident_b


def test_token_of_area_user_lists_only_own_area_residents(api_client_for, two_areas):
    buurt_a, _resident_a, _resident_b = two_areas
    client = api_client_for(staff_in(buurt_a))
    response = client.get("/api/v1/relaties/")
    assert [r["idExtern"] for r in response.json()["results"]] == ["R-A"]


def test_token_of_area_user_cannot_read_other_area_resident(api_client_for, two_areas):
    buurt_a, _resident_a, _resident_b = two_areas
    client = api_client_for(staff_in(buurt_a))
    assert client.get("/api/v1/relaties/R-A/").status_code == 200
    assert client.get("/api/v1/relaties/R-B/").status_code == 404
    assert client.get("/api/v1/huishoudens/H-B/").status_code == 404


def test_contact_moments_are_scoped_too(api_client_for, two_areas):
    buurt_a, resident_a, resident_b = two_areas
    ContactMomentFactory(id_extern="C-A", household=resident_a.household)
    ContactMomentFactory(id_extern="C-B", household=resident_b.household)
    client = api_client_for(staff_in(buurt_a))
    assert [c["idExtern"] for c in client.get("/api/v1/contactmomenten/").json()["results"]] == ["C-A"]


def test_area_user_cannot_write_into_other_area(api_client_for, two_areas):
    buurt_a, _resident_a, _resident_b = two_areas
    client = api_client_for(staff_in(buurt_a), scope="write")
    response = client.put(
        "/api/v1/zaken/Z-1/",
        {
            "zaaktype": {"code": "klacht"},
            "omschrijving": "Tocht",
            "registratiedatum": "2024-03-01",
            "huishouden": "H-B",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "huishouden" in response.json()


def test_area_user_may_not_write_register_data(api_client_for, two_areas):
    buurt_a, _resident_a, _resident_b = two_areas
    client = api_client_for(staff_in(buurt_a), scope="write")
    response = client.put("/api/v1/relaties/R-A/", {"voornaam": "X"}, format="json")
    assert response.status_code == 403


def test_beyond_note_hidden_from_administrator(api_client_for, two_areas):
    from tests.api.factories import admin_user

    _buurt_a, resident_a, _resident_b = two_areas
    ContactMomentFactory(id_extern="C-A", household=resident_a.household, beyond_note="Voelt zich eenzaam")
    data = api_client_for(admin_user()).get("/api/v1/contactmomenten/C-A/").json()
    assert data["verderDanHetProces"] is None
