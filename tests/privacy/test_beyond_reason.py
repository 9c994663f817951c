"""KCC on a live call may open a household's beyond-the-process notes after giving a reason."""

import pytest

from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, ContactMomentFactory, HouseholdFactory, UnitFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db
NOTE = "Mevrouw voelt zich erg alleen sinds haar man overleed."


@pytest.fixture
def world(client):
    buurt = BuurtFactory()
    household = HouseholdFactory(unit=UnitFactory(buurt=buurt, complex__buurt=buurt))
    ContactMomentFactory(household=household, staff=staff_in(buurt), beyond_note=NOTE)
    kcc = UserFactory(role=Role.KCC_MEDEWERKER)
    client.force_login(kcc)
    # the existing reason step for opening a household outside one's own work
    client.post(f"/privacy/reden/{household.pk}/", {"reason": "contact"})
    return household, kcc


def test_note_hidden_until_the_reason_is_given(client, world):
    household, _kcc = world
    body = client.get(f"/huishoudens/{household.pk}/").content.decode()
    assert NOTE not in body
    assert f"/privacy/reden/{household.pk}/notities/" in body

    assert client.get(f"/privacy/reden/{household.pk}/notities/").status_code == 200
    response = client.post(f"/privacy/reden/{household.pk}/notities/", {"reason": "gesprek"})
    assert response.status_code == 302 and response.url == f"/huishoudens/{household.pk}/"
    body = client.get(f"/huishoudens/{household.pk}/").content.decode()
    assert NOTE in body

    event = AuditEvent.objects.filter(action=AuditAction.REASON, household_id=household.pk).order_by("-id").first()
    assert event.detail == {"toegang": "notities"}
    assert "aan de lijn" in event.reason
    view = AuditEvent.objects.filter(action=AuditAction.VIEW, household_id=household.pk).order_by("-id").first()
    assert view.detail == {"notities": True}


def test_the_reason_opens_only_that_household(client, world):
    household, _kcc = world
    client.post(f"/privacy/reden/{household.pk}/notities/", {"reason": "gesprek"})
    buurt = household.unit.buurt
    second = HouseholdFactory(unit=UnitFactory(buurt=buurt, complex__buurt=buurt))
    ContactMomentFactory(household=second, staff=staff_in(buurt), beyond_note="Andere notitie over schulden.")
    client.post(f"/privacy/reden/{second.pk}/", {"reason": "contact"})
    assert "Andere notitie" not in client.get(f"/huishoudens/{second.pk}/").content.decode()


def test_other_explanation_is_required_with_anders(client, world):
    household, _kcc = world
    body = client.post(f"/privacy/reden/{household.pk}/notities/", {"reason": "anders", "other": ""}).content.decode()
    assert "Schrijf kort op" in body
    assert NOTE not in client.get(f"/huishoudens/{household.pk}/").content.decode()


def test_area_roles_are_not_offered_the_step(client, world):
    household, _kcc = world
    outsider = staff_in(BuurtFactory())
    client.force_login(outsider)
    assert client.get(f"/privacy/reden/{household.pk}/notities/").status_code == 404
