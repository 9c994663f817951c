"""Compliments reach the person (inbox + impact page); the impact page is one's own."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from frontlijn.appreciation.models import Compliment
from frontlijn.appreciation.services import compliment_create
from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.teams.models import Role
from tests.factories import ContactMomentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_colleague_compliment_lands_in_inbox_and_on_impact_page(client_for):
    giver = UserFactory(first_name="Gijs")
    receiver = UserFactory(first_name="Rana")
    response = client_for(giver).post(
        reverse("appreciation:compliment"),
        {"to_user": receiver.pk, "text": "Wat goed dat je bleef tot de monteur er was."},
    )
    assert response.status_code == 302
    compliment = Compliment.objects.get()
    assert (compliment.from_user, compliment.source) == (giver, "collega")
    assert InboxMessage.objects.filter(recipient=receiver, kind=InboxKind.COMPLIMENT).exists()
    page = client_for(receiver).get(reverse("appreciation:impact")).content.decode()
    assert "Wat goed dat je bleef tot de monteur er was." in page


def test_compliment_from_a_team_lead_counts_as_from_the_manager(client_for):
    lead = UserFactory(role=Role.TEAMLEIDER)
    receiver = UserFactory()
    client_for(lead).post(reverse("appreciation:compliment"), {"to_user": receiver.pk, "text": "Dank voor je inzet"})
    assert Compliment.objects.get().source == "leidinggevende"


def test_resident_compliment_through_the_service_has_no_sender():
    receiver = UserFactory()
    contact = ContactMomentFactory(staff=receiver)
    compliment = compliment_create(to_user=receiver, source="bewoner", text="Fijn geholpen!", contact=contact)
    assert compliment.from_user is None
    assert InboxMessage.objects.get(recipient=receiver).title == "Compliment van een bewoner"


def test_empty_compliment_keeps_the_choice_and_says_why(client_for):
    giver = UserFactory()
    receiver = UserFactory()
    response = client_for(giver).post(reverse("appreciation:compliment"), {"to_user": receiver.pk, "text": "  "})
    html = response.content.decode()
    assert "Schrijf op waarvoor je het compliment geeft." in html
    assert f'<option value="{receiver.pk}" selected>' in html
    assert not Compliment.objects.exists()


def test_compliment_to_yourself_is_refused():
    me = UserFactory()
    with pytest.raises(ValidationError):
        compliment_create(to_user=me, from_user=me, source="collega", text="Goed gedaan, ik")


def test_impact_page_shows_only_my_own_compliments(client_for):
    me, other = UserFactory(), UserFactory()
    compliment_create(to_user=other, from_user=me, source="collega", text="Voor de ander")
    compliment_create(to_user=me, from_user=other, source="collega", text="Voor mij")
    page = client_for(me).get(reverse("appreciation:impact")).content.decode()
    assert "Voor mij" in page
    assert "Voor de ander" not in page
