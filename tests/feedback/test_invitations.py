"""Frontlijn invites residents by itself after a contact or a closed case; tokens are hashed."""

import datetime as dt
import logging

import pytest
from django.core import mail
from django.utils import timezone

from frontlijn.cases.models import CaseType
from frontlijn.cases.services import case_change_status
from frontlijn.contacts.services import contact_moment_create
from frontlijn.feedback import messaging
from frontlijn.feedback.models import FeedbackInvitation, Kind
from frontlijn.feedback.services import feedback_invitation_send, hash_token
from tests.factories import CaseFactory, HouseholdFactory, ResidentFactory, TenancyFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def sms_outbox(settings):
    settings.FRONTLIJN_SMS_BACKEND = "frontlijn.feedback.messaging.LocmemSmsBackend"
    messaging.LocmemSmsBackend.outbox.clear()
    return messaging.LocmemSmsBackend.outbox


def _household(email="bewoner@example.org", phone="06 12345678"):
    household = HouseholdFactory()
    ResidentFactory(household=household, email=email, phone=phone)
    return household


def _log_contact(staff, household):
    return contact_moment_create(
        staff=staff,
        channel="TEL",
        direction="INK",
        occurred_at=timezone.now() - dt.timedelta(minutes=5),
        duration_minutes=7,
        household=household,
        subject="Vraag over de huur",
    )


def _link_from_mail(body: str) -> str:
    return next(word for word in body.split() if "/r/" in word)


def test_contact_moment_sends_an_email_link_by_itself(django_capture_on_commit_callbacks):
    household = _household()
    staff = staff_in(household.unit.buurt)
    with django_capture_on_commit_callbacks(execute=True):
        _log_contact(staff, household)
    invitation = FeedbackInvitation.objects.get()
    assert invitation.kind == Kind.GENERAL
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bewoner@example.org"]
    token = _link_from_mail(mail.outbox[0].body).rstrip("/").rsplit("/", 1)[-1]
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash


def test_invitation_counts_for_the_staff_members_team_and_the_wijk(django_capture_on_commit_callbacks):
    household = _household()
    staff = staff_in(household.unit.buurt)
    _log_contact(staff, household)
    invitation = FeedbackInvitation.objects.get()
    assert invitation.team == staff.teams.get()
    assert invitation.wijk == household.unit.buurt.wijk
    assert invitation.period == timezone.localdate().replace(day=1)


def test_without_email_a_mobile_number_gets_an_sms_without_logging_the_number(
    django_capture_on_commit_callbacks, sms_outbox, caplog
):
    household = _household(email="", phone="06 98765432")
    staff = staff_in(household.unit.buurt)
    with django_capture_on_commit_callbacks(execute=True):
        _log_contact(staff, household)
    assert len(sms_outbox) == 1 and "/r/" in sms_outbox[0]["text"]
    # The logging backend never writes the number or the link.
    caplog.set_level(logging.INFO)
    messaging.LoggingSmsBackend().send(phone="06 98765432", text=sms_outbox[0]["text"])
    assert "98765432" not in caplog.text and "/r/" not in caplog.text
    assert "06******32" in caplog.text


def test_household_without_address_or_mobile_gets_no_invitation():
    household = _household(email="", phone="020 1234567")
    _log_contact(staff_in(household.unit.buurt), household)
    assert not FeedbackInvitation.objects.exists()


def test_only_one_open_invitation_per_household():
    household = _household()
    staff = staff_in(household.unit.buurt)
    _log_contact(staff, household)
    _log_contact(staff, household)
    assert FeedbackInvitation.objects.count() == 1


def test_closing_a_repair_request_invites_for_reparaties():
    household = _household()
    staff = staff_in(household.unit.buurt)
    case = CaseFactory(household=household, case_type=CaseType.REPARATIEVERZOEK, status="TEC", assignee=staff)
    case_change_status(case=case, user=staff, to_status="AFG")
    assert FeedbackInvitation.objects.get().kind == Kind.REPAIRS


def test_closing_a_letting_invites_the_new_tenant():
    household = _household()
    staff = staff_in(household.unit.buurt)
    case = CaseFactory(household=household, case_type=CaseType.VERHUUR, status="INB")
    case_change_status(case=case, user=staff, to_status="AFG")
    assert FeedbackInvitation.objects.get().kind == Kind.NEW_TENANTS


def test_ending_a_tenancy_invites_the_departing_tenant():
    household = _household()
    tenancy = TenancyFactory(household=household)
    assert not FeedbackInvitation.objects.exists()
    tenancy.end_date = timezone.localdate()
    tenancy.save()
    assert FeedbackInvitation.objects.get().kind == Kind.LEFT_TENANTS


def test_an_invitation_is_sent_once():
    household = _household()
    _log_contact(staff_in(household.unit.buurt), household)
    invitation = FeedbackInvitation.objects.get()
    assert feedback_invitation_send(invitation_id=invitation.pk) is True
    assert feedback_invitation_send(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 1
