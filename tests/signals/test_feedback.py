"""The raiser of a signal gets the handler's own answer, never an empty or canned text."""

import pytest
from django.core.exceptions import ValidationError

from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.signals import services
from frontlijn.signals.feedback import start_close, start_pick_up
from frontlijn.signals.models import Status
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, staff_in
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buurt():
    return BuurtFactory()


@pytest.fixture
def lead(buurt):
    return staff_in(buurt, role=Role.TEAMLEIDER, first_name="Fatima")


@pytest.fixture
def signal(buurt):
    return SignalFactory(buurt=buurt, raised_by=staff_in(buurt))


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Dank voor uw signaal: we hebben het opgepakt.", "dank voor je signaal, we hebben het opgepakt"],
)
def test_pick_up_refuses_empty_or_canned_text(signal, lead, text):
    with pytest.raises(ValidationError) as exc:
        services.signal_pick_up(signal=signal, user=lead, feedback=text)
    assert "feedback" in exc.value.message_dict
    signal.refresh_from_db()
    assert signal.status == Status.NEW
    assert not InboxMessage.objects.exists()


def test_pick_up_refuses_the_unchanged_start_text(signal, lead):
    with pytest.raises(ValidationError) as exc:
        services.signal_pick_up(signal=signal, user=lead, feedback=start_pick_up())
    assert "echt antwoord" in exc.value.message_dict["feedback"][0]


def test_pick_up_sends_the_handlers_words_to_the_raiser(signal, lead):
    text = start_pick_up() + "ik vraag de gemeente deze week om extra containers."
    services.signal_pick_up(signal=signal, user=lead, feedback=text)
    signal.refresh_from_db()
    assert signal.picked_up_note == text
    message = InboxMessage.objects.get(recipient=signal.raised_by)
    assert message.kind == InboxKind.SIGNAL_FEEDBACK
    assert message.body == text
    assert "Fatima" in message.title


def test_close_refuses_the_unchanged_start_text(signal, lead):
    with pytest.raises(ValidationError) as exc:
        services.signal_close(signal=signal, user=lead, outcome=Status.ACTION, feedback=start_close())
    assert "feedback" in exc.value.message_dict
    signal.refresh_from_db()
    assert signal.status == Status.NEW


def test_take_into_plan_refuses_a_canned_message(buurt, signal):
    owner = staff_in(buurt, role=Role.PLANEIGENAAR)
    for message in ("", "Dank voor je signaal."):
        with pytest.raises(ValidationError):
            services.signal_take_into_plan(
                signal=signal, user=owner, plan_title="Plan", plan_url="/plannen/1/", message=message
            )
    signal.refresh_from_db()
    assert signal.status == Status.NEW


def test_pick_up_page_offers_a_start_and_keeps_a_refused_text(signal, lead, client_for):
    client = client_for(lead)
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert start_pick_up().strip() in page
    # Two forms on one page (pick up, close): each field has its own id, so each label finds its field.
    assert page.count('id="id_feedback"') == 1 and page.count('id="id_pickup-feedback"') == 1
    response = client.post(f"/signalen/{signal.pk}/oppakken/", {"pickup-feedback": "Dank voor je signaal."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "echt antwoord" in html
    assert "Dank voor je signaal." in html
    signal.refresh_from_db()
    assert signal.status == Status.NEW


def test_pick_up_page_sends_the_answer(signal, lead, client_for):
    client = client_for(lead)
    text = "Ik loop vrijdag langs en spreek de beheerder aan."
    response = client.post(f"/signalen/{signal.pk}/oppakken/", {"pickup-feedback": text})
    assert response.status_code == 302
    assert InboxMessage.objects.filter(recipient=signal.raised_by, body=text).exists()
    raiser_page = client.get(f"/signalen/{signal.pk}/")
    assert text in raiser_page.content.decode()


def test_close_page_refuses_the_start_text_and_keeps_the_form(signal, lead, client_for):
    client = client_for(lead)
    response = client.post(f"/signalen/{signal.pk}/", {"outcome": Status.ACTION, "feedback": start_close()})
    assert response.status_code == 200
    assert "echt antwoord" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == Status.NEW
