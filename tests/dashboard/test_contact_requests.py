"""Opted-in residents reach the staff of their area; anonymous answers never do."""

import pytest
from django.urls import reverse

from frontlijn.feedback.models import FeedbackResponse
from frontlijn.teams.models import Role
from tests.factories import HouseholdFactory, UserFactory, staff_in
from tests.feedback.factories import FeedbackResponseFactory

pytestmark = pytest.mark.django_db


def test_staff_see_opted_in_residents_of_their_area_only(client_for):
    mine, other = HouseholdFactory(name="Familie Yilmaz"), HouseholdFactory(name="Familie Smit")
    FeedbackResponseFactory(contact_opt_in=True, household=mine, comment="Bel me even")
    FeedbackResponseFactory(contact_opt_in=True, household=other)
    FeedbackResponseFactory(comment="Anoniem antwoord")
    staff = staff_in(mine.unit.buurt, role=Role.WOONCONSULENT)
    body = client_for(staff).get(reverse("dashboard:contact_requests")).content.decode()
    assert "Familie Yilmaz" in body and "Bel me even" in body
    assert "Familie Smit" not in body and "Anoniem antwoord" not in body


def test_marking_a_request_as_followed_up(client_for):
    household = HouseholdFactory()
    answer = FeedbackResponseFactory(contact_opt_in=True, household=household)
    staff = staff_in(household.unit.buurt)
    client_for(staff).post(reverse("dashboard:contact_requests"), {"id": str(answer.pk)})
    assert FeedbackResponse.objects.get(pk=answer.pk).contact_handled


def test_beheerder_has_no_follow_up_list(client_for):
    assert client_for(UserFactory(role=Role.BEHEERDER)).get(reverse("dashboard:contact_requests")).status_code == 403
