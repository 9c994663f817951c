import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.lib import clock
from tests.factories import HouseholdFactory, PromiseFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    return HouseholdFactory()


@pytest.fixture
def logged_in(client, household):
    user = staff_in(household.unit.buurt)
    client.force_login(user)
    return client, user


def form_data(**overrides):
    data = {
        "channel": "BEZ",
        "direction": "INK",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "15",
        "subject": "Schimmel in de badkamer",
        "process_note": "Reparatieverzoek besproken.",
        "beyond_note": "Meneer is somber sinds zijn vrouw in het verpleeghuis zit.",
        "beyond_tags": ["eenzaamheid"],
        "promise_description": "Ik bel u donderdag terug",
        "promise_kind": "terugbellen",
        "promise_due_date": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
    }
    data.update(overrides)
    return data


def test_contact_with_beyond_note_and_promise_is_saved_and_shown(logged_in, household):
    client, user = logged_in
    response = client.post(f"/huishoudens/{household.pk}/contact/", form_data())
    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    assert contact.staff == user and contact.unit == household.unit
    assert contact.beyond_tags == ["eenzaamheid"]
    promise = Promise.objects.get()
    assert promise.owner == user and promise.household == household and promise.contact_moment == contact
    household.refresh_from_db()
    assert household.last_contact_at == contact.occurred_at
    timeline = client.get(f"/huishoudens/{household.pk}/").content.decode()
    assert "somber sinds zijn vrouw" in timeline and "Ik bel u donderdag terug" in timeline


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"duration_minutes": "-5"}, "De duur is minimaal 1 minuut."),
        ({"duration_minutes": "100000"}, "De duur is hoogstens 480 minuten"),
        ({"duration_minutes": "tien"}, "Vul de duur in als een heel getal minuten."),
        (
            {"occurred_at": clock.localtime(clock.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
            "Een contactmoment kan niet in de toekomst liggen.",
        ),
        ({"subject": "", "process_note": "", "beyond_note": "", "beyond_tags": []}, "Schrijf iets op"),
        ({"promise_due_date": ""}, "Wanneer kom je de belofte na?"),
        ({"beyond_note": "BSN 111222333"}, "BSN"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(logged_in, household, overrides, message):
    client, _ = logged_in
    data = form_data(**overrides)
    response = client.post(f"/huishoudens/{household.pk}/contact/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # What was typed is still in the form.
    if data["subject"]:
        assert 'value="Schimmel in de badkamer"' in html
    if data["beyond_note"]:
        assert data["beyond_note"] in html
    assert data["duration_minutes"] in html
    assert not ContactMoment.objects.exists()


def test_empty_contact_form_reports_every_problem_at_once(logged_in, household):
    client, _ = logged_in
    response = client.post(f"/huishoudens/{household.pk}/contact/", {"channel": "TEL", "direction": "INK"})
    html = response.content.decode()
    assert "Vul de duur in minuten in." in html
    assert "Vul de datum en tijd van het contact in." in html
    assert "Schrijf iets op" in html


def test_my_open_promises_lists_overdue_first_and_only_mine(logged_in, household):
    client, user = logged_in
    today = timezone.localdate()
    PromiseFactory(owner=user, household=household, description="Later", due_date=today + dt.timedelta(days=5))
    PromiseFactory(owner=user, household=household, description="Te laat", due_date=today - dt.timedelta(days=1))
    PromiseFactory(owner=user, household=household, description="Vandaag", due_date=today)
    PromiseFactory(household=household, description="Van een collega")
    html = client.get("/beloftes/").content.decode()
    assert "Van een collega" not in html
    assert html.index("Te laat") < html.index("Vandaag") < html.index("Later")
    assert "te laat" in html


def test_keeping_a_promise_removes_it_from_the_open_list(logged_in, household):
    client, user = logged_in
    promise = PromiseFactory(owner=user, household=household, description="Terugbellen")
    client.post(f"/beloftes/{promise.pk}/nagekomen/")
    promise.refresh_from_db()
    assert promise.status == "nagekomen" and promise.kept_on_time is True
    assert "Terugbellen" not in client.get("/beloftes/").content.decode()


def test_nobody_can_complete_someone_elses_promise(logged_in, household):
    client, _ = logged_in
    promise = PromiseFactory(household=household)
    assert client.post(f"/beloftes/{promise.pk}/nagekomen/").status_code == 404
    promise.refresh_from_db()
    assert promise.status == "open"
