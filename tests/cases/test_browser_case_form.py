"""On a phone: the case form offers only the detail types of the chosen case type."""

import pytest

from frontlijn.cases.models import Case
from frontlijn.teams.models import Role
from tests.factories import HouseholdFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


def test_detail_types_follow_the_case_type(phone_page, live_server, login, assert_accessible, transactional_db):
    household = HouseholdFactory()
    team = TeamFactory(buurten=[household.unit.buurt])
    UserFactory(username="wijkbeheerder1", role=Role.WIJKBEHEERDER, teams=[team], password=PASSWORD)
    page = phone_page
    login(page, "wijkbeheerder1", PASSWORD)
    page.goto(f"/zaken/nieuw/{household.pk}/")
    detail = page.get_by_label("Detailsoort")
    page.get_by_label("Soort zaak").select_option("reparatieverzoek")
    assert detail.is_disabled()  # a repair request has no detail types
    page.get_by_label("Soort zaak").select_option("overlastmelding")
    assert detail.is_enabled()
    groups = page.locator('select[name="detail_type"] optgroup:not([disabled])')
    assert groups.count() == 1 and groups.first.get_attribute("label") == "Overlastmelding"
    detail.select_option("HEN")
    assert_accessible(page)
    page.get_by_label("Soort zaak").select_option("klacht")
    assert detail.input_value() == ""  # Hennepkwekerij is no complaint
    page.get_by_label("Soort zaak").select_option("overlastmelding")
    detail.select_option("HEN")
    page.get_by_label("Omschrijving").fill("Sterke geur en warmte uit de zolder.")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url("**/zaken/*/")
    assert Case.objects.get().detail_type == "HEN"
