import pytest

from frontlijn.core.models import InboxMessage
from frontlijn.signals.models import Sensitivity, Signal, Status
from frontlijn.teams.models import Role
from tests.factories import ContactMomentFactory, staff_in
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


def test_suggest_fragment_lists_suggested_theme_first(client_for):
    contact = ContactMomentFactory()
    user = staff_in(contact.unit.buurt)
    response = client_for(user).post("/signalen/suggesties/", {"text": "schimmel op het plafond van de badkamer"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index('value="vocht-schimmel"') < body.index('value="geluid"')
    assert "voorstel" in body


def test_raise_from_contact_moment(client_for):
    contact = ContactMomentFactory()
    user = staff_in(contact.unit.buurt)
    client = client_for(user)
    url = f"/signalen/nieuw/?contact={contact.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"text": "Mevrouw lijkt eenzaam", "themes": ["eenzaamheid"], "urgency": "normaal", "sensitivity": "plek"}
    )
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.contact_moment == contact
    assert signal.household == contact.household
    assert signal.sensitivity == Sensitivity.PERSON  # about a household: always person-level
    assert signal.buurt == contact.unit.buurt


def test_form_keeps_what_was_typed_on_error(client_for):
    contact = ContactMomentFactory()
    client = client_for(staff_in(contact.unit.buurt))
    response = client.post(
        f"/signalen/nieuw/?household={contact.household_id}",
        {"text": "Rommel op de galerij", "urgency": "normaal", "sensitivity": "plek"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rommel op de galerij" in body
    assert "Kies minstens één thema." in body
    assert not Signal.objects.exists()


def test_lead_closes_with_feedback_via_the_page(client_for):
    signal = SignalFactory()
    lead = staff_in(signal.buurt, role=Role.TEAMLEIDER)
    client = client_for(lead)
    response = client.post(f"/signalen/{signal.pk}/", {"outcome": "actie", "feedback": ""})
    assert response.status_code == 200
    assert "terugkoppeling aan de melder" in response.content.decode()
    response = client.post(f"/signalen/{signal.pk}/", {"outcome": "actie", "feedback": "Opgeruimd."})
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == Status.ANSWERED
    inbox = client_for(signal.raised_by).get("/inbox/").content.decode()
    assert "Opgeruimd." in inbox
    assert InboxMessage.objects.filter(recipient=signal.raised_by).count() == 1
