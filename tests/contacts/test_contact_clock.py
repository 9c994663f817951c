"""Logging a contact (with a promise) works at night and on the nights the clock changes.

Through the real form at /huishoudens/<pk>/contact/: a time typed in the repeated October hour
is its first occurrence; a time in the missing March hour gets a Dutch message and the form
keeps what was typed; "today" for a promise is the date in Amsterdam, not the UTC date.
"""

import datetime as dt
import re

import pytest

from frontlijn.contacts.models import ContactMoment, Promise, PromiseStatus
from frontlijn.lib import clock
from tests.factories import HouseholdFactory, PromiseFactory, staff_in
from tests.nights import at

pytestmark = pytest.mark.django_db
UTC = dt.UTC

# 02:45 on the wall clock, first pass (CEST) and second pass (CET) through the repeated hour.
OCTOBER_FIRST_PASS = dt.datetime(2026, 10, 25, 0, 45, tzinfo=UTC)
OCTOBER_SECOND_PASS = dt.datetime(2026, 10, 25, 1, 45, tzinfo=UTC)
# 03:30 CEST, half an hour after the clock jumped from 02:00 to 03:00.
MARCH_AFTER_THE_JUMP = dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
MISSING = "Dit tijdstip bestaat niet: op 29 maart 2026 gaat de klok van 02:00 naar 03:00. Kies een ander tijdstip."


@pytest.fixture
def desk(client_for):
    """(client, staff member, household): a staff member logged in, working in the household's buurt.

    Tests that travel in time request ``night`` before this fixture, or log in again after ``at()``:
    a session made at another instant may have expired at the one travelled to."""
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt)
    return client_for(user), user, household


def _data(**overrides):
    data = {
        "channel": "TEL",
        "direction": "INK",
        "duration_minutes": "10",
        "subject": "Vraag over de huur",
        "process_note": "Uitgelegd.",
        "promise_description": "Ik bel u terug",
        "promise_kind": "terugbellen",
    }
    return data | overrides


def _post(client, household, **overrides):
    return client.post(f"/huishoudens/{household.pk}/contact/", _data(**overrides))


@pytest.mark.parametrize("instant", [OCTOBER_FIRST_PASS, OCTOBER_SECOND_PASS], ids=["first-pass", "second-pass"])
def test_a_time_in_the_repeated_october_hour_is_accepted_as_its_first_occurrence(desk, instant):
    client, user, household = desk
    with at(instant):
        client.force_login(user)  # a session of this instant: one made at the real time may have expired
        response = _post(client, household, occurred_at="2026-10-25T02:30", promise_due_date="2026-10-25")
    assert response.status_code == 302, response.content.decode()
    contact = ContactMoment.objects.get()
    assert contact.occurred_at == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    promise = Promise.objects.get()
    assert promise.due_date == dt.date(2026, 10, 25) and promise.owner == user
    household.refresh_from_db()
    assert household.last_contact_at == contact.occurred_at


def test_a_time_in_the_missing_march_hour_gets_a_dutch_message_and_keeps_what_was_typed(desk):
    client, user, household = desk
    with at(MARCH_AFTER_THE_JUMP):
        client.force_login(user)
        response = _post(client, household, occurred_at="2026-03-29T02:30", promise_due_date="2026-03-29")
    assert response.status_code == 200
    html = response.content.decode()
    assert MISSING in html
    assert 'value="2026-03-29T02:30"' in html and 'value="Vraag over de huur"' in html
    assert not ContactMoment.objects.exists() and not Promise.objects.exists()


def test_the_form_opened_at_night_can_be_sent_as_it_is(night, desk):
    """The form's own "now" (its initial value) is accepted at each instant, with a promise for today."""
    client, _, household = desk
    page = client.get(f"/huishoudens/{household.pk}/contact/").content.decode()
    shown = re.search(r'name="occurred_at" value="([^"]+)"', page).group(1)
    assert shown == f"{night.local_date.isoformat()}T{night.local_time}"
    response = _post(client, household, occurred_at=shown, promise_due_date=night.local_date.isoformat())
    assert response.status_code == 302, response.content.decode()
    assert clock.localdate(ContactMoment.objects.get().occurred_at) == night.local_date


def test_the_promise_date_is_today_or_later_in_amsterdam(night, desk):
    client, _, household = desk
    now = clock.localtime().strftime("%Y-%m-%dT%H:%M")
    yesterday = night.local_date - dt.timedelta(days=1)  # at 00:30 in Amsterdam that is the UTC date
    response = _post(client, household, occurred_at=now, promise_due_date=yesterday.isoformat())
    assert response.status_code == 200
    assert "De datum van een belofte ligt vandaag of later." in response.content.decode()
    assert not ContactMoment.objects.exists()
    assert _post(client, household, occurred_at=now, promise_due_date=night.local_date.isoformat()).status_code == 302


def test_a_contact_more_than_five_minutes_ahead_of_the_clock_is_in_the_future(night, desk):
    client, _, household = desk
    ahead = clock.localtime(clock.now() + dt.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    response = _post(client, household, occurred_at=ahead, promise_description="", promise_due_date="")
    assert "Een contactmoment kan niet in de toekomst liggen." in response.content.decode()
    just_now = clock.localtime(clock.now() - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    assert _post(client, household, occurred_at=just_now, promise_description="").status_code == 302


def test_open_promises_are_overdue_from_the_day_after_their_date_in_amsterdam(night, desk):
    client, user, household = desk
    today = night.local_date
    PromiseFactory(owner=user, household=household, description="Gisteren", due_date=today - dt.timedelta(days=1))
    PromiseFactory(owner=user, household=household, description="Vandaag", due_date=today)
    html = client.get("/beloftes/").content.decode()
    assert html.index("Gisteren") < html.index("Vandaag")
    overdue = html[html.index("Gisteren") : html.index("Vandaag")]
    assert "te laat" in overdue


def test_a_promise_kept_after_midnight_in_amsterdam_is_late_though_the_utc_date_is_its_due_date():
    promise = PromiseFactory(due_date=dt.date(2026, 12, 1))
    # 23:30 UTC on 1 December is 00:30 on 2 December in Amsterdam: one day late.
    promise.status, promise.done_at = PromiseStatus.KEPT, dt.datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert promise.kept_on_time is False
    promise.done_at = dt.datetime(2026, 12, 1, 22, 59, tzinfo=UTC)  # 23:59 on 1 December
    assert promise.kept_on_time is True
