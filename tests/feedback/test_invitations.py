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
from frontlijn.feedback.services import feedback_invitation_send
from frontlijn.lib.tokens import hash_token
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


def _erp_client(api_client_for):
    from tests.api.factories import admin_user

    return api_client_for(admin_user(), scope="write")


def _tenancy(household, **fields) -> dict:
    household.id_extern, household.unit.id_extern = "HH-1", "EH-1"
    household.save()
    household.unit.save()
    return {"huishouden": "HH-1", "eenheid": "EH-1", "begindatum": "2015-01-01", **fields}


def test_the_erp_ending_a_tenancy_now_invites_the_departing_tenant(api_client_for):
    household = _household()
    TenancyFactory(household=household, id_extern="HO-1")
    assert not FeedbackInvitation.objects.exists()
    today = timezone.localdate().isoformat()
    response = _erp_client(api_client_for).put(
        "/api/v1/huurovereenkomsten/HO-1/", _tenancy(household, einddatum=today), format="json"
    )
    assert response.status_code == 200, response.content
    assert FeedbackInvitation.objects.get().kind == Kind.LEFT_TENANTS


def test_a_tenancy_that_ended_long_ago_invites_nobody(api_client_for):
    household = _household()
    TenancyFactory(household=household, id_extern="HO-1")
    response = _erp_client(api_client_for).put(
        "/api/v1/huurovereenkomsten/HO-1/", _tenancy(household, einddatum="2020-06-30"), format="json"
    )
    assert response.status_code == 200, response.content
    assert not FeedbackInvitation.objects.exists()


def test_saving_records_directly_invites_nobody_no_model_signals():
    """Invitations come from explicit service calls (probe finding 14): a record written by any
    other path (an import's bulk write, the admin, a script) does not invite by accident."""
    from tests.factories import ContactMomentFactory

    household = _household()
    ContactMomentFactory(household=household, unit=household.unit)
    tenancy = TenancyFactory(household=household)
    tenancy.end_date = timezone.localdate()
    tenancy.save()
    case = CaseFactory(household=household, status="TEC")
    from frontlijn.cases.models import CaseStatusChange

    CaseStatusChange.objects.create(case=case, from_status="TEC", to_status="AFG")
    assert not FeedbackInvitation.objects.exists()


def test_contacts_and_cases_synced_through_the_api_invite_nobody(api_client_for):
    household = _household()
    household.id_extern = "HH-1"
    household.save()
    client = _erp_client(api_client_for)
    response = client.put(
        "/api/v1/contactmomenten/CM-1/",
        {
            "huishouden": "HH-1",
            "kanaal": "TEL",
            "richting": "INK",
            "datum": timezone.now().isoformat(),
            "duur": 5,
            "onderwerp": "Vraag over de huur",
        },
        format="json",
    )
    assert response.status_code in (200, 201), response.content
    assert not FeedbackInvitation.objects.exists()


def test_an_imported_history_invites_nobody(tmp_path):
    from frontlijn.api.exchange.files import import_file
    from frontlijn.api.exchange.kinds import get_kind

    household = _household()
    household.id_extern = "HH-1"
    household.save()
    staff = staff_in(household.unit.buurt)
    path = tmp_path / "contactmomenten.csv"
    moment = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    path.write_text(
        "idExtern;huishouden;kanaal;richting;datum;duur;onderwerp;medewerker\n"
        f"CM-1;HH-1;TEL;INK;{moment};5;Huur;{staff.username}\n"
    )
    report = import_file(kind=get_kind("contactmomenten"), path=path)
    assert report.ok, report
    assert not FeedbackInvitation.objects.exists()


def test_an_invitation_is_sent_once():
    household = _household()
    _log_contact(staff_in(household.unit.buurt), household)
    invitation = FeedbackInvitation.objects.get()
    assert feedback_invitation_send(invitation_id=invitation.pk) is True
    assert feedback_invitation_send(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 1
