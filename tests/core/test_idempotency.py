"""Nothing twice: every create form carries an idempotency key; a re-sent POST stores one record."""

import datetime as dt
import threading
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.core.idempotency import keys_expire
from frontlijn.core.models import IdempotencyKey
from frontlijn.signals.models import Signal
from tests.contacts.test_log_contact import form_data
from tests.factories import HouseholdFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    return HouseholdFactory()


@pytest.fixture
def staff(household):
    return staff_in(household.unit.buurt)


def test_the_form_carries_a_fresh_key_each_time_it_opens(client, household, staff):
    client.force_login(staff)
    keys = set()
    for _ in range(2):
        html = client.get(f"/huishoudens/{household.pk}/contact/").content.decode()
        start = html.index('name="idempotency_key"')
        tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
        keys.add(tag.split('value="')[1].split('"')[0])
        assert "data-idempotency-key" in tag and 'type="hidden"' in tag
    assert len(keys) == 2 and all(uuid.UUID(k) for k in keys)


def test_a_resent_contact_post_stores_one_contact_and_answers_with_the_first_result(client, household, staff):
    client.force_login(staff)
    key = str(uuid.uuid4())
    first = client.post(f"/huishoudens/{household.pk}/contact/", form_data(idempotency_key=key))
    again = client.post(f"/huishoudens/{household.pk}/contact/", form_data(idempotency_key=key), follow=True)
    assert first.status_code == 302 and first["Location"] == f"/huishoudens/{household.pk}/"
    assert again.redirect_chain[0] == (f"/huishoudens/{household.pk}/", 302)
    assert "Dit was al opgeslagen" in again.content.decode()
    assert ContactMoment.objects.count() == 1 and Promise.objects.count() == 1
    row = IdempotencyKey.objects.get()
    assert (row.user, str(row.key), row.kind) == (staff, key, "contact")
    assert row.object_id == str(ContactMoment.objects.get().pk) and row.received_at is not None


def test_a_new_key_is_a_new_contact(client, household, staff):
    client.force_login(staff)
    for _ in range(2):
        client.post(f"/huishoudens/{household.pk}/contact/", form_data(idempotency_key=str(uuid.uuid4())))
    assert ContactMoment.objects.count() == 2


def test_the_key_is_scoped_to_the_user(client, household, staff):
    other = staff_in(household.unit.buurt)
    key = str(uuid.uuid4())
    for user in (staff, other):
        client.force_login(user)
        client.post(f"/huishoudens/{household.pk}/contact/", form_data(idempotency_key=key))
    assert sorted(ContactMoment.objects.values_list("staff_id", flat=True)) == sorted([staff.pk, other.pk])


def test_a_rejected_post_keeps_the_key_free_to_send_again_corrected(client, household, staff):
    client.force_login(staff)
    key = str(uuid.uuid4())
    bad = client.post(f"/huishoudens/{household.pk}/contact/", form_data(idempotency_key=key, duration_minutes="-5"))
    assert bad.status_code == 200 and "De duur is minimaal 1 minuut." in bad.content.decode()
    assert key in bad.content.decode()  # the re-shown form keeps the same key
    assert not IdempotencyKey.objects.exists()
    client.post(f"/huishoudens/{household.pk}/contact/", form_data(idempotency_key=key))
    assert ContactMoment.objects.count() == 1


def test_a_signal_posted_twice_is_one_signal(client, household, staff):
    client.force_login(staff)
    data = {"text": "De galerij is donker, lamp kapot", "themes": ["veiligheid"], "urgency": "normaal"}
    data |= {"sensitivity": "plek", "idempotency_key": str(uuid.uuid4())}
    for _ in range(2):
        response = client.post(f"/signalen/nieuw/?household={household.pk}", data)
        assert response.status_code == 302
    assert Signal.objects.count() == 1


def test_outbox_replay_answers_in_json_created_then_duplicate(client, household, staff):
    client.force_login(staff)
    made = timezone.localtime() - dt.timedelta(hours=2)
    data = form_data(idempotency_key=str(uuid.uuid4()), occurred_at=made.strftime("%Y-%m-%dT%H:%M"))
    headers = {"HTTP_X_FRONTLIJN_OUTBOX": "1", "HTTP_X_FRONTLIJN_MADE_AT": made.isoformat()}
    first = client.post(f"/huishoudens/{household.pk}/contact/", data, **headers)
    second = client.post(f"/huishoudens/{household.pk}/contact/", data, **headers)
    assert first.json() == {"status": "created", "url": f"/huishoudens/{household.pk}/"}
    assert second.json()["status"] == "duplicate"
    row = IdempotencyKey.objects.get()
    assert abs(row.made_at - made) < dt.timedelta(seconds=1) and row.received_at > row.made_at


def test_outbox_replay_of_an_invalid_form_comes_back_with_the_errors(client, household, staff):
    client.force_login(staff)
    data = form_data(idempotency_key=str(uuid.uuid4()), duration_minutes="0")
    response = client.post(f"/huishoudens/{household.pk}/contact/", data, HTTP_X_FRONTLIJN_OUTBOX="1")
    assert response.status_code == 422
    assert response.json()["errors"]["duration_minutes"] == ["De duur is minimaal 1 minuut."]


def test_outbox_replay_for_a_household_outside_the_area_is_rejected_not_lost(client, household):
    client.force_login(UserFactory(role="wijkbeheerder"))  # no team: the household is not in scope
    data = form_data(idempotency_key=str(uuid.uuid4()))
    response = client.post(f"/huishoudens/{household.pk}/contact/", data, HTTP_X_FRONTLIJN_OUTBOX="1")
    assert response.status_code == 404 and response.json()["status"] == "rejected"
    assert ContactMoment.objects.count() == 0


def test_a_device_clock_too_far_ahead_is_refused_within_the_allowance_accepted(client, household, staff):
    client.force_login(staff)
    ahead = timezone.now() + dt.timedelta(minutes=30)
    data = form_data(idempotency_key=str(uuid.uuid4()))
    response = client.post(
        f"/huishoudens/{household.pk}/contact/",
        data,
        HTTP_X_FRONTLIJN_OUTBOX="1",
        HTTP_X_FRONTLIJN_MADE_AT=ahead.isoformat(),
    )
    assert response.status_code == 422 and "loopt voor" in response.json()["errors"]["__all__"][0]
    slightly = timezone.now() + dt.timedelta(minutes=3)
    response = client.post(
        f"/huishoudens/{household.pk}/contact/",
        data,
        HTTP_X_FRONTLIJN_OUTBOX="1",
        HTTP_X_FRONTLIJN_MADE_AT=slightly.isoformat(),
    )
    assert response.json()["status"] == "created"


def test_retention_removes_keys_after_the_period_never_before_30_days(household, staff, settings):
    settings.FRONTLIJN_IDEMPOTENCY_DAYS = 10  # a setting below 30 days still keeps 30
    old, recent = (IdempotencyKey.objects.create(user=staff, key=uuid.uuid4(), kind="contact") for _ in range(2))
    IdempotencyKey.objects.filter(pk=old.pk).update(received_at=timezone.now() - dt.timedelta(days=31))
    IdempotencyKey.objects.filter(pk=recent.pk).update(received_at=timezone.now() - dt.timedelta(days=29))
    assert keys_expire(dry_run=True) == 1 and IdempotencyKey.objects.count() == 2
    call_command("retention")
    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql_only  # real concurrent transactions: run on PostgreSQL, deselected on SQLite
def test_a_double_click_two_concurrent_posts_store_one_contact(household, staff):
    """Two requests with the same key at the same moment (a double click): one contact."""
    from django.test import Client

    key = str(uuid.uuid4())
    barrier = threading.Barrier(2)
    statuses = []

    def post():
        from django.db import connections

        client = Client()
        client.force_login(staff)
        barrier.wait()
        statuses.append(
            client.post(f"/huishoudens/{household.pk}/contact/", form_data(idempotency_key=key)).status_code
        )
        connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert ContactMoment.objects.count() == 1
