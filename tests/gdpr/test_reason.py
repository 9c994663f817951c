import pytest
from django.urls import reverse

from frontlijn.privacy.models import AuditAction, AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def outside_household():
    _own_buurt, own_team = f.area()
    other = f.BuurtFactory()
    household = f.HouseholdFactory(unit__complex__buurt=other, unit__buurt=other)
    return household, own_team


def test_kcc_opening_a_household_outside_their_area_is_asked_a_reason(client_for, outside_household):
    household, team = outside_household
    kcc = f.UserFactory(role="kcc", teams=[team])
    response = client_for(kcc).get(reverse("register:household", args=[household.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("gdpr:reason", args=[household.pk]))
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW, household_id=household.pk).exists()


def test_the_reason_is_logged_and_asked_only_once_that_day(client_for, outside_household):
    household, team = outside_household
    client = client_for(f.UserFactory(role="kcc", teams=[team]))
    url = reverse("register:household", args=[household.pk])
    response = client.post(reverse("gdpr:reason", args=[household.pk]), {"reason": "contact", "other": "", "next": url})
    assert response.status_code == 302 and response.url == url
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    reason = AuditEvent.objects.get(action=AuditAction.REASON, household_id=household.pk).reason
    assert reason.startswith("De bewoner belt")
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, household_id=household.pk)
    assert views.count() == 2 and all(v.reason == reason for v in views)


def test_reason_other_needs_an_explanation_and_keeps_the_choice(client_for, outside_household):
    household, team = outside_household
    client = client_for(f.UserFactory(role="kcc", teams=[team]))
    response = client.post(reverse("gdpr:reason", args=[household.pk]), {"reason": "anders", "other": ""})
    assert response.status_code == 200
    assert "Schrijf kort op waarom" in response.content.decode()
    assert response.context["form"]["reason"].value() == "anders"


def test_staff_who_spoke_to_the_household_are_not_asked(client_for, outside_household):
    household, team = outside_household
    kcc = f.UserFactory(role="kcc", teams=[team])
    f.ContactMomentFactory(household=household, staff=kcc)
    assert client_for(kcc).get(reverse("register:household", args=[household.pk])).status_code == 200


@pytest.mark.parametrize(
    "relation",
    [
        lambda household, user: f.CaseFactory(household=household, assignee=user),
        lambda household, user: f.CaseFactory(household=household, created_by=user),
        lambda household, user: f.PromiseFactory(household=household, owner=user),
    ],
    ids=["assigned-case", "created-case", "promise"],
)
def test_staff_with_a_case_or_promise_of_the_household_are_not_asked(client_for, outside_household, relation):
    # The cases and contacts apps add these relations to privacy.access in their ready().
    household, team = outside_household
    kcc = f.UserFactory(role="kcc", teams=[team])
    url = reverse("register:household", args=[household.pk])
    assert client_for(kcc).get(url).status_code == 302
    relation(household, kcc)
    assert client_for(kcc).get(url).status_code == 200


def test_area_staff_are_not_asked_inside_their_area(client_for):
    buurt, team = f.area()
    household = f.HouseholdFactory(unit__complex__buurt=buurt, unit__buurt=buurt)
    user = f.UserFactory(role="huismeester", teams=[team])
    assert client_for(user).get(reverse("register:household", args=[household.pk])).status_code == 200
