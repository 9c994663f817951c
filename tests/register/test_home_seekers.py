import pytest

from frontlijn.contacts.models import ContactMoment
from frontlijn.teams.models import Role
from tests.factories import HomeSeekerFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


def test_verhuurmedewerker_finds_a_home_seeker_and_logs_a_contact(client):
    seeker = HomeSeekerFactory(last_name="Öztürk", registration_number="WZ123456")
    user = UserFactory(role=Role.VERHUURMEDEWERKER)
    client.force_login(user)
    assert "Öztürk" in client.get("/woningzoekenden/", {"q": "öztürk"}).content.decode()
    assert "Öztürk" in client.get("/woningzoekenden/", {"q": "WZ1234"}).content.decode()
    response = client.post(
        f"/woningzoekenden/{seeker.pk}/contact/",
        {
            "channel": "BAL",
            "direction": "INK",
            "occurred_at": "2026-01-05T10:00",
            "duration_minutes": "25",
            "subject": "Vraag over inschrijfduur",
            "beyond_note": "Woont nu bij haar ouders met twee kinderen.",
        },
    )
    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    assert contact.home_seeker == seeker and contact.household is None
    page = client.get(f"/woningzoekenden/{seeker.pk}/").content.decode()
    assert "Woont nu bij haar ouders" in page


def test_area_staff_without_a_letting_role_cannot_see_home_seekers(client):
    seeker = HomeSeekerFactory()
    from tests.factories import BuurtFactory

    client.force_login(staff_in(BuurtFactory(), role=Role.HUISMEESTER))
    assert client.get("/woningzoekenden/").status_code == 403
    assert client.get(f"/woningzoekenden/{seeker.pk}/").status_code == 404
