"""Findings 2 (unit page) and 3 of the security probe: every view of resident data takes the one
audited path — the household timeline pages write an audit row, and the unit page shows occupants'
names only after the reason step, as the household page does."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontlijn.privacy.models import AuditAction, AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    buurt, team = f.area()
    household = f.HouseholdFactory(unit__complex__buurt=buurt, unit__buurt=buurt, name="Familie Oudenrijn")
    f.ContactMomentFactory(household=household, beyond_note="Zorgen om de buurman")
    return household, team


def _views(household):
    return AuditEvent.objects.filter(action=AuditAction.VIEW, household_id=household.pk)


def test_the_timeline_page_writes_an_audit_row(client_for, home):
    household, team = home
    user = f.UserFactory(teams=[team])
    url = reverse("register:household-timeline", args=[household.pk])
    response = client_for(user).get(url)
    assert response.status_code == 200 and "Zorgen om de buurman" in response.content.decode()
    event = _views(household).get()
    assert (event.actor_id, event.path, event.object_type) == (user.pk, url, "register.household")
    assert event.detail["entries"] == 1


def test_each_older_page_of_the_timeline_writes_an_audit_row(client_for, home):
    household, team = home
    client = client_for(f.UserFactory(teams=[team]))
    url = reverse("register:household-timeline", args=[household.pk])
    client.get(url, {"voor": timezone.now().isoformat()}, HTTP_HX_REQUEST="true")
    client.get(url, {"voor": "2020-01-01T00:00:00"}, HTTP_HX_REQUEST="true")
    assert _views(household).count() == 2


def test_the_timeline_asks_the_reason_first_outside_the_users_work(client_for, home):
    household, _team = home
    kcc = f.UserFactory(role="kcc")
    response = client_for(kcc).get(reverse("register:household-timeline", args=[household.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("gdpr:reason", args=[household.pk]))
    assert not _views(household).exists()


def test_the_unit_page_hides_occupants_names_until_the_reason_is_given(client_for, home):
    household, _team = home
    client = client_for(f.UserFactory(role="kcc"))
    url = reverse("register:unit", args=[household.unit_id])
    page = client.get(url).content.decode()
    assert "Familie Oudenrijn" not in page
    assert reverse("gdpr:reason", args=[household.pk]) in page
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="register.unit").get()
    assert event.detail == {"households": 1, "names_shown": []}
    client.post(reverse("gdpr:reason", args=[household.pk]), {"reason": "anders", "other": "bewoner aan de telefoon"})
    assert "Familie Oudenrijn" in client.get(url).content.decode()
    assert AuditEvent.objects.filter(object_type="register.unit").first().detail["names_shown"] == [household.pk]


def test_the_unit_page_shows_names_to_staff_of_the_area(client_for, home):
    household, team = home
    page = client_for(f.UserFactory(teams=[team])).get(reverse("register:unit", args=[household.unit_id]))
    assert "Familie Oudenrijn" in page.content.decode()


@pytest.mark.parametrize("name", ["contacts:create", "cases:create"])
def test_the_forms_that_show_a_household_write_an_audit_row(client_for, home, name):
    household, team = home
    response = client_for(f.UserFactory(teams=[team])).get(reverse(name, args=[household.pk]))
    assert response.status_code == 200
    assert _views(household).count() == 1
