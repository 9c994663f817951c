"""Feedback links: the period is the Amsterdam month of the contact; the link lives exactly
FRONTLIJN_FEEDBACK_LINK_DAYS from the moment it was made, also across a clock change."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from frontlijn.contacts.services import contact_moment_create
from frontlijn.feedback.models import FeedbackInvitation, FeedbackResponse
from frontlijn.feedback.services import feedback_invitations_expire
from tests.factories import HouseholdFactory, ResidentFactory, staff_in
from tests.nights import at

pytestmark = pytest.mark.django_db
UTC = dt.UTC
ANSWER = {"grade": "8", "heard": "ja", "promise_kept": "ja", "comment": ""}


def _invite(capture, occurred_at: dt.datetime) -> tuple[FeedbackInvitation, str]:
    household = HouseholdFactory()
    ResidentFactory(household=household, email="bewoner@example.org")
    with capture(execute=True):
        contact_moment_create(
            staff=staff_in(household.unit.buurt),
            channel="TEL",
            direction="INK",
            occurred_at=occurred_at,
            duration_minutes=5,
            household=household,
            subject="Vraag over de huur",
        )
    link = next(word for word in mail.outbox[-1].body.split() if "/r/" in word)
    return FeedbackInvitation.objects.get(), "/r/" + link.rstrip("/").rsplit("/", 1)[-1] + "/"


def test_a_contact_just_after_midnight_on_the_first_counts_for_the_new_month(django_capture_on_commit_callbacks):
    instant = dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 December in Amsterdam
    with at(instant):
        invitation, _url = _invite(django_capture_on_commit_callbacks, instant - dt.timedelta(minutes=1))
    assert invitation.period == dt.date(2026, 12, 1)


def test_the_link_is_made_at_night_and_expires_exactly_its_days_later(night, django_capture_on_commit_callbacks):
    invitation, url = _invite(django_capture_on_commit_callbacks, night.instant)
    assert invitation.period == night.local_date.replace(day=1)
    lifetime = invitation.expires_at - invitation.created_at
    assert dt.timedelta(days=14, minutes=-1) < lifetime <= dt.timedelta(days=14)
    with at(invitation.expires_at - dt.timedelta(minutes=1)):
        assert Client().get(url).status_code == 200
        assert feedback_invitations_expire() == 0
    with at(invitation.expires_at):
        response = Client().post(url, ANSWER)
        assert response.status_code == 410 and "verlopen" in response.content.decode()
        assert feedback_invitations_expire() == 1
    assert not FeedbackResponse.objects.exists()


def test_a_link_made_before_the_october_change_lives_its_days_in_hours_not_in_wall_clock_days(
    django_capture_on_commit_callbacks,
):
    made = dt.datetime(2026, 10, 20, 10, 0, tzinfo=UTC)  # 12:00 CEST; 14 days later it is CET
    with at(made):
        invitation, url = _invite(django_capture_on_commit_callbacks, made)
    assert invitation.expires_at == made + dt.timedelta(days=14)
    with at(made + dt.timedelta(days=14, seconds=-1)):
        assert Client().get(url).status_code == 200
