"""The audit log's append path: one linear chain when many people write at once.

On PostgreSQL an append is one message (advisory lock + INSERT that reads the previous hash and
hashes in SQL); these tests hold it to the same chain that ``AuditEvent.compute_hash`` and
``audit.verify`` define.
"""

import threading

import pytest
from django.db import connection, transaction

from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditAction, AuditEvent
from tests import factories as f

WRITERS, EACH = 6, 15


def test_writers_in_parallel_keep_one_linear_chain(transactional_db):
    users = [f.UserFactory() for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)
    errors = []

    def write(user, together=True):
        try:
            if together:
                start.wait()
            for i in range(EACH):
                audit.record(user=user, action=AuditAction.VIEW, object_type="register.household", object_id=i)
        except Exception as exc:  # reported below: an assert in a thread would go unnoticed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(user,)) for user in users]
    if connection.vendor == "sqlite":  # the in-memory test database is not shared between threads
        for user in users:
            write(user, together=False)
    else:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    rows = list(AuditEvent.objects.order_by("id").values_list("prev_hash", "hash"))
    assert len(rows) == WRITERS * EACH
    assert [prev for prev, _hash in rows] == [audit.GENESIS] + [h for _prev, h in rows[:-1]]
    assert audit.verify().ok


@pytest.mark.django_db
def test_the_stored_hash_is_the_models_hash_for_any_text():
    user = f.UserFactory(username="o'brien-é")
    event = audit.record(
        user=user,
        action=AuditAction.REASON,
        object_type="register.household",
        object_id=12,
        household_id=12,
        reason="Bewoner belde: 'lekkage' \"dringend\" – 50% korting? ü ß 😀\\n",
        path="/huishoudens/12/?q=geheim",
        detail={"results": 3, "nested": {"b": [1, 2.5, None], "a": "é"}},
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.hash, stored.prev_hash) == (event.hash, event.prev_hash)
    assert stored.compute_hash() == stored.hash
    assert stored.path == "/huishoudens/12/"
    assert stored.detail == {"results": 3, "nested": {"b": [1, 2.5, None], "a": "é"}}


@pytest.mark.django_db
def test_an_append_inside_a_rolled_back_transaction_leaves_no_row_and_no_gap():
    user = f.UserFactory()
    first = audit.record(user=user, action=AuditAction.VIEW, object_type="x", object_id=1)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(user=user, action=AuditAction.VIEW, object_type="x", object_id=2)
        raise RuntimeError("the view failed after logging")
    third = audit.record(user=user, action=AuditAction.VIEW, object_type="x", object_id=3)
    assert third.prev_hash == first.hash
    assert audit.verify().ok
