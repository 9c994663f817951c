import pytest

from frontlijn.register import selectors
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, HouseholdFactory, ResidentFactory, UnitFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    buurt = BuurtFactory()
    unit = UnitFactory(
        complex__buurt=buurt, buurt=buurt, street="Lindelaan", house_number=12, house_letter="A", postcode="1234 AB"
    )
    household = HouseholdFactory(unit=unit, name="Huishouden De Vries")
    ResidentFactory(household=household, first_name="Mira", last_name="Vries", prefix="de")
    other_unit = UnitFactory(complex__buurt=buurt, buurt=buurt, street="Lindelaan", house_number=14, postcode="1234 AB")
    HouseholdFactory(unit=other_unit, name="Huishouden Bakker")
    return buurt, household


@pytest.mark.parametrize(
    "query", ["1234 AB 12", "1234ab12", "1234AB 12A", "Lindelaan 12", "lindelaan 12a", "Vries", "mira vries"]
)
def test_household_found_by_postcode_number_street_or_name(setting, query):
    buurt, household = setting
    user = staff_in(buurt)
    assert household in selectors.household_search(user=user, query=query)


def test_postcode_alone_lists_every_address_on_it(setting):
    buurt, _ = setting
    found = selectors.household_search(user=staff_in(buurt), query="1234 AB")
    assert [h.name for h in found] == ["Huishouden De Vries", "Huishouden Bakker"]


def test_search_never_finds_households_outside_the_users_area(setting):
    _buurt, _household = setting
    outsider = staff_in(BuurtFactory())
    assert selectors.household_search(user=outsider, query="1234 AB 12") == []
    assert selectors.household_search(user=outsider, query="Vries") == []


def test_kcc_finds_households_everywhere(setting):
    _buurt, household = setting
    kcc = UserFactory(role=Role.KCC_MEDEWERKER)
    assert household in selectors.household_search(user=kcc, query="1234 AB 12")


def test_plan_owner_sees_no_residents(setting):
    planner = UserFactory(role=Role.PLANEIGENAAR)
    assert selectors.household_search(user=planner, query="1234 AB") == []
    assert not selectors.household_list(user=planner).exists()


def test_search_page_returns_results_fragment_for_htmx(client, setting):
    buurt, household = setting
    client.force_login(staff_in(buurt))
    response = client.get("/zoeken/", {"q": "1234 AB 12"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert household.name in response.content.decode()


@pytest.mark.parametrize("query", ["ozturk", "ÖZTÜRK", "ayse oztürk", "Ayşe"])
def test_name_search_ignores_case_and_accents_on_every_database(query):
    buurt = BuurtFactory()
    household = HouseholdFactory(unit__complex__buurt=buurt, unit__buurt=buurt, name="Huishouden Öztürk")
    ResidentFactory(household=household, first_name="Ayşe", last_name="Öztürk")
    assert household in selectors.household_search(user=staff_in(buurt), query=query)
