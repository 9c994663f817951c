"""KCC on the phone: households found by a whole phone number or e-mail address, rate-limited,
audited without the number, and the screen pop."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.register import selectors
from frontlijn.register.models import Resident
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, HouseholdFactory, ResidentFactory, UnitFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    buurt = BuurtFactory()
    unit = UnitFactory(buurt=buurt, complex__buurt=buurt, street="Lindelaan", house_number=12, postcode="1234 AB")
    household = HouseholdFactory(unit=unit, name="Huishouden Jansen")
    ResidentFactory(
        household=household, first_name="Piet", birth_year=1951, phone="06-12345678", email="Piet.Jansen@Example.nl"
    )
    ResidentFactory(household=household, first_name="Truus", birth_year=1954, phone="", email="")
    other = HouseholdFactory(
        unit=UnitFactory(buurt=buurt, complex__buurt=buurt, street="Eikstraat", house_number=3),
        name="Huishouden Jansen",
    )
    ResidentFactory(household=other, first_name="", last_name="Jansen", birth_year=1990, phone="020 1234567", email="")
    kcc = UserFactory(role=Role.KCC_MEDEWERKER)
    return buurt, household, other, kcc


def lookup(user, text):
    parsed = selectors.contact_lookup_parse(text)
    assert parsed is not None
    return selectors.household_by_contact(user=user, lookup=parsed)


@pytest.mark.parametrize("written", ["06-12345678", "+31 6 1234 5678", "0031612345678", "0612345678", "06 1234 5678"])
def test_phone_number_found_in_every_writing(world, written):
    _buurt, household, _other, kcc = world
    assert lookup(kcc, written) == [household]


@pytest.mark.parametrize("written", ["piet.jansen@example.nl", "PIET.JANSEN@EXAMPLE.NL", " Piet.Jansen@Example.nl "])
def test_email_found_whatever_the_case(world, written):
    _buurt, household, _other, kcc = world
    assert lookup(kcc, written) == [household]


@pytest.mark.parametrize(
    "fragment", ["06-1234567", "12345678", "5678 1234", "piet.jansen@", "@example.nl", "example.nl@"]
)
def test_a_partial_number_or_address_finds_nothing(world, fragment):
    _buurt, _household, _other, kcc = world
    parsed = selectors.contact_lookup_parse(fragment)
    assert parsed is not None and not parsed.whole
    assert selectors.household_by_contact(user=kcc, lookup=parsed) == []


def test_the_phone_key_is_kept_on_save_and_cleared_on_change(world):
    _buurt, household, _other, _kcc = world
    resident = Resident.objects.get(household=household, first_name="Piet")
    assert resident.phone_key == "612345678"
    resident.phone = "+31 20 765 4321"
    resident.save(update_fields=["phone"])
    resident.refresh_from_db()
    assert resident.phone_key == "207654321"


def test_phone_search_respects_the_area_of_area_roles(world):
    buurt, household, _other, _kcc = world
    assert lookup(staff_in(buurt), "0612345678") == [household]
    assert lookup(staff_in(BuurtFactory()), "0612345678") == []


def test_search_page_shows_first_names_birth_years_and_addresses(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    body = client.get("/zoeken/", {"q": "Jansen"}).content.decode()
    assert "Piet (1951), Truus (1954)" in body
    assert "J. (1990)" in body
    assert "Lindelaan 12" in body and "Eikstraat 3" in body


def test_search_page_tells_to_type_the_whole_number(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    body = client.get("/zoeken/", {"q": "06 1234"}).content.decode()
    assert "hele telefoonnummer" in body
    assert "Lindelaan" not in body


def test_phone_search_is_audited_without_the_number(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    client.get("/zoeken/", {"q": "06 12 34 56 78"})
    client.get("/zoeken/", {"q": "+31612345678"})
    events = list(AuditEvent.objects.filter(action=AuditAction.SEARCH).order_by("id"))
    assert len(events) == 2
    for event in events:
        stored = f"{event.detail} {event.path} {event.reason}"
        assert "12345678" not in stored and "1234 56" not in stored
        assert event.detail["kind"] == "telefoon" and event.detail["results"] == 1
        assert event.detail["masked"].endswith("78")
    # the same number, written differently, gives the same keyed hash
    assert events[0].detail["key_hash"] == events[1].detail["key_hash"]


@override_settings(FRONTLIJN_CONTACT_LOOKUPS_PER_WINDOW=3)
def test_phone_lookups_are_rate_limited_per_user(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    for _ in range(3):
        assert "Lindelaan" in client.get("/zoeken/", {"q": "0612345678"}).content.decode()
    body = client.get("/zoeken/", {"q": "0612345678"}).content.decode()
    assert "veel nummers" in body and "Lindelaan" not in body
    refused = AuditEvent.objects.filter(action=AuditAction.SEARCH).order_by("-id").first()
    assert refused.detail["refused"] == "rate-limit"
    # a postcode search is not limited, and a colleague has a limit of their own
    assert "Lindelaan" in client.get("/zoeken/", {"q": "1234 AB 12"}).content.decode()
    client.force_login(UserFactory(role=Role.KCC_MEDEWERKER))
    assert "Lindelaan" in client.get("/zoeken/", {"q": "0612345678"}).content.decode()


def test_screen_pop_one_match_opens_the_household(client, world):
    _buurt, household, _other, kcc = world
    client.force_login(kcc)
    assert client.get("/zoeken/beller/").status_code == 200
    response = client.post("/zoeken/beller/", {"nummer": "+31 6 1234 5678"})
    assert response.status_code == 302
    assert response.url == f"/huishoudens/{household.pk}/"
    assert "612345678" not in response.url


def test_screen_pop_several_matches_show_the_choice(client, world):
    _buurt, household, other, kcc = world
    Resident.objects.filter(household=other).update(phone="0612345678", phone_key="612345678")
    client.force_login(kcc)
    response = client.post("/zoeken/beller/", {"nummer": "0612345678"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies het huishouden" in body
    assert f"/huishoudens/{household.pk}/" in body and f"/huishoudens/{other.pk}/" in body
    assert "Piet (1951)" in body and "J. (1990)" in body
    assert "0612345678" not in body.replace('value="0612345678"', "")


def test_screen_pop_no_match_offers_a_new_contact(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    body = client.post("/zoeken/beller/", {"nummer": "06 99999999"}).content.decode()
    assert "Nieuw contact" in body
    assert "99999999" not in body


def test_screen_pop_a_fragment_asks_for_the_whole_number(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    body = client.post("/zoeken/beller/", {"nummer": "0612"}).content.decode()
    assert "hele" in body
    assert not AuditEvent.objects.filter(action=AuditAction.SEARCH).exists()


def test_screen_pop_refused_for_roles_without_residents(client, world):
    client.force_login(UserFactory(role=Role.PLANEIGENAAR))
    assert client.post("/zoeken/beller/", {"nummer": "0612345678"}).status_code == 403


def test_a_number_typed_in_the_search_box_stays_out_of_the_address_bar(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    by_number = client.get("/zoeken/", {"q": "0612345678"}, HTTP_HX_REQUEST="true")
    assert by_number["HX-Push-Url"] == "false"
    by_postcode = client.get("/zoeken/", {"q": "1234 AB 12"}, HTTP_HX_REQUEST="true")
    assert by_postcode["HX-Push-Url"] == "/zoeken/?q=1234+AB+12"


def test_posted_number_search_shows_the_household_without_the_number_in_any_url(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    response = client.post("/zoeken/", {"q": "06 1234 5678"})  # the form sent before htmx has loaded
    assert response.status_code == 200 and "Lindelaan 12" in response.content.decode()
    response = client.post("/zoeken/", {"q": "06 1234 5678"}, HTTP_HX_REQUEST="true")
    assert "Lindelaan 12" in response.content.decode() and response["HX-Push-Url"] == "false"


def test_posted_name_search_gets_its_own_address(client, world):
    _buurt, _household, _other, kcc = world
    client.force_login(kcc)
    response = client.post("/zoeken/", {"q": "Lindelaan 12"})
    assert response.status_code == 302 and response["Location"] == "/zoeken/?q=Lindelaan+12"
    response = client.post("/zoeken/", {"q": "Lindelaan 12"}, HTTP_HX_REQUEST="true")
    assert response["HX-Push-Url"] == "/zoeken/?q=Lindelaan+12"
