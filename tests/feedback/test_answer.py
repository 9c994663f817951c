"""The public answer page: no account, single use, expiry, anonymity unless opted in."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontlijn.core.models import InboxMessage
from frontlijn.feedback.models import FeedbackInvitation, FeedbackResponse
from frontlijn.feedback.services import InvitationUnavailable, feedback_submit
from tests.factories import UserFactory
from tests.feedback.factories import FeedbackInvitationFactory

pytestmark = pytest.mark.django_db

ANSWER = {"grade": "8", "heard": "ja", "promise_kept": "deels", "comment": ""}


def _url(token: str) -> str:
    return reverse("feedback:answer", kwargs={"token": token})


def test_page_opens_without_an_account():
    FeedbackInvitationFactory(token="abc")
    response = Client().get(_url("abc"))
    assert response.status_code == 200
    assert "Voelde u zich gehoord?" in response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"


def test_answer_is_stored_and_the_link_closed():
    invitation = FeedbackInvitationFactory(token="abc")
    response = Client().post(_url("abc"), ANSWER)
    assert response.status_code == 302
    stored = FeedbackResponse.objects.get()
    assert (stored.grade, stored.heard, stored.promise_kept, stored.kind) == (8, "ja", "deels", invitation.kind)
    invitation.refresh_from_db()
    assert invitation.used


def test_link_works_once():
    FeedbackInvitationFactory(token="abc")
    client = Client()
    client.post(_url("abc"), ANSWER)
    second = client.post(_url("abc"), ANSWER)
    assert second.status_code == 410
    assert "al een antwoord gegeven" in second.content.decode()
    assert FeedbackResponse.objects.count() == 1


def test_expired_link_is_refused():
    FeedbackInvitationFactory(token="abc", expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = Client().get(_url("abc"))
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    with pytest.raises(InvitationUnavailable):
        feedback_submit(token="abc", grade=7, heard="ja", promise_kept="ja")


def test_unknown_link_is_not_found():
    assert Client().get(_url("nope")).status_code == 404


def test_without_opt_in_the_answer_holds_no_link_to_the_resident():
    staff = UserFactory()
    invitation = FeedbackInvitationFactory(token="abc", staff=staff)
    Client().post(_url("abc"), ANSWER | {"comment": "Prima geholpen"})
    stored = FeedbackResponse.objects.get()
    assert stored.household_id is None
    invitation.refresh_from_db()
    # The invitation forgets the household, contact and staff member once used.
    assert (invitation.household_id, invitation.contact_moment_id, invitation.case_id, invitation.staff_id) == (
        None,
        None,
        None,
        None,
    )


def test_with_opt_in_the_household_is_kept_for_contact():
    invitation = FeedbackInvitationFactory(token="abc")
    household_id = invitation.household_id
    Client().post(_url("abc"), ANSWER | {"contact_opt_in": "on"})
    assert FeedbackResponse.objects.get().household_id == household_id


def test_compliment_reaches_the_staff_member_only_when_chosen():
    staff = UserFactory()
    FeedbackInvitationFactory(token="a", staff=staff)
    FeedbackInvitationFactory(token="b", staff=staff)
    Client().post(_url("a"), ANSWER | {"comment": "Heel vriendelijk!", "pass_compliment": "on"})
    Client().post(_url("b"), ANSWER | {"comment": "Niet doorgeven"})
    texts = _compliment_texts(staff)
    assert texts == ["Heel vriendelijk!"]


def _compliment_texts(staff):
    try:
        from frontlijn.appreciation.models import Compliment
    except ImportError:  # pragma: no cover
        Compliment = None
    if Compliment is not None:
        return list(Compliment.objects.filter(to_user=staff).values_list("text", flat=True))
    return list(InboxMessage.objects.filter(recipient=staff, kind="compliment").values_list("body", flat=True))


def test_missing_answers_get_dutch_errors_and_keep_what_was_typed():
    FeedbackInvitationFactory(token="abc")
    response = Client().post(_url("abc"), {"comment": "Mijn getypte tekst"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies een cijfer van 1 tot en met 10." in body
    assert "Kies ja, deels of nee." in body
    assert "Mijn getypte tekst" in body
    assert 'role="alert"' in body
    assert not FeedbackResponse.objects.exists()


def test_a_bsn_in_the_comment_is_refused():
    FeedbackInvitationFactory(token="abc")
    response = Client().post(_url("abc"), ANSWER | {"comment": "mijn bsn is 111222333"})
    assert "BSN" in response.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_logged_in_staff_cannot_fill_in_the_form(client_for):
    FeedbackInvitationFactory(token="abc")
    client = client_for(UserFactory())
    assert client.get(_url("abc")).status_code == 403
    assert client.post(_url("abc"), ANSWER).status_code == 403
    assert not FeedbackResponse.objects.exists()
    assert not FeedbackInvitation.objects.get().used


def test_expired_unused_links_forget_the_household():
    from django.core.management import call_command

    expired = FeedbackInvitationFactory(token="old", expires_at=timezone.now() - dt.timedelta(days=1))
    open_link = FeedbackInvitationFactory(token="new")
    call_command("feedback_expire", stdout=io.StringIO())
    expired.refresh_from_db()
    open_link.refresh_from_db()
    assert expired.household_id is None and open_link.household_id is not None
