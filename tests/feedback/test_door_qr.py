"""Issue 15: resident feedback at the door — a QR code for this contact's single-use link."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment
from frontlijn.core.services import inbox_send
from frontlijn.feedback.models import Channel, FeedbackInvitation
from frontlijn.feedback.services import (
    feedback_invitation_for_door,
    feedback_invitation_send,
    feedback_invite_after_contact,
)
from frontlijn.lib.urls import absolute
from tests.factories import HouseholdFactory, ResidentFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    household = HouseholdFactory()
    ResidentFactory(household=household, email="bewoner@example.org")
    staff = staff_in(household.unit.buurt, first_name="Sanne")
    return ContactMoment.objects.create(
        staff=staff,
        household=household,
        unit=household.unit,
        channel="BEZ",
        direction="UIT",
        occurred_at=timezone.now() - dt.timedelta(minutes=2),
        duration_minutes=15,
        subject="Huisbezoek",
    )


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_link_opens_the_feedback_page_about_this_contact(contact, settings):
    settings.FRONTLIJN_PUBLIC_URL = "https://frontlijn.example.nl/"
    invitation, url = feedback_invitation_for_door(contact_moment=contact, staff=contact.staff)
    assert url.startswith("https://frontlijn.example.nl/r/")
    assert invitation.channel == Channel.DOOR and invitation.contact_moment == contact
    html = Client().get(_path(url)).content.decode()
    day = timezone.localtime(contact.occurred_at)
    assert f"Het gaat over uw contact van {day.day} " in html
    assert "(huisbezoek) met Sanne." in html


def test_the_mailed_link_of_the_same_contact_expires_and_is_never_sent_afterwards(contact):
    # What contact_moment_create does after saving: the e-mail/SMS invitation of this contact.
    mailed = feedback_invite_after_contact(contact=contact)
    assert mailed is not None
    feedback_invitation_for_door(contact_moment=contact, staff=contact.staff)
    mailed.refresh_from_db()
    assert mailed.expires_at <= timezone.now()
    FeedbackInvitation.objects.filter(pk=mailed.pk).update(sent_at=None)
    assert feedback_invitation_send(invitation_id=mailed.pk) is False


def test_showing_the_code_again_replaces_the_link(contact):
    _invitation, first = feedback_invitation_for_door(contact_moment=contact, staff=contact.staff)
    _invitation, second = feedback_invitation_for_door(contact_moment=contact, staff=contact.staff)
    assert first != second
    assert Client().get(_path(first)).status_code == 404
    assert Client().get(_path(second)).status_code == 200
    assert FeedbackInvitation.objects.filter(contact_moment=contact, channel=Channel.DOOR).count() == 1


def test_only_the_staff_member_and_only_shortly_after(contact):
    with pytest.raises(PermissionDenied):
        feedback_invitation_for_door(contact_moment=contact, staff=UserFactory())
    with pytest.raises(ValidationError):
        feedback_invitation_for_door(
            contact_moment=contact, staff=contact.staff, now=timezone.now() + dt.timedelta(hours=3)
        )


def test_after_saving_the_household_page_offers_the_code_and_the_page_shows_an_svg(client, contact):
    staff = contact.staff
    client.force_login(staff)
    household = contact.household
    client.post(
        f"/huishoudens/{household.pk}/contact/",
        {
            "channel": "BEZ",
            "direction": "UIT",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "10",
            "subject": "Nog even langs",
        },
    )
    saved = ContactMoment.objects.latest("pk")
    html = client.get(f"/huishoudens/{household.pk}/").content.decode()
    assert f"/contacten/{saved.pk}/oordeel-qr/" in html
    assert "/oordeel-qr/" not in client.get(f"/huishoudens/{household.pk}/").content.decode()  # once
    response = client.post(f"/contacten/{saved.pk}/oordeel-qr/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert re.search(r"<svg[^>]*class=\"segno\"", body) and "<title>" in body
    assert "http" not in body.split("<svg", 1)[1].split("</svg>", 1)[0]  # the link only as the code
    assert client.get(f"/contacten/{saved.pk}/oordeel-qr/").status_code == 405


def test_another_colleague_cannot_show_the_code(client, contact):
    other = staff_in(contact.household.unit.buurt)
    client.force_login(other)
    assert client.post(f"/contacten/{contact.pk}/oordeel-qr/").status_code == 404


def test_absolute_links_come_from_the_public_url(settings):
    settings.FRONTLIJN_PUBLIC_URL = "http://127.0.0.1:8123"
    assert absolute("/signalen/1/") == "http://127.0.0.1:8123/signalen/1/"
    assert absolute("https://elders.example/x") == "https://elders.example/x"


def test_inbox_mails_carry_absolute_links(settings, django_capture_on_commit_callbacks):
    settings.FRONTLIJN_PUBLIC_URL = "http://127.0.0.1:8123"
    user = UserFactory(email="medewerker@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        inbox_send(recipient=user, title="Terugkoppeling", body="Er is iets gedaan.", url="/signalen/7/")
    assert "http://127.0.0.1:8123/signalen/7/" in mail.outbox[-1].body
