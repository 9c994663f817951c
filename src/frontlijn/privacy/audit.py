"""The audit log: record every view, export and change of personal data, and verify the chain.

``record(...)`` appends one row. Rows are chained: ``hash = sha256(prev_hash + content)``. The
writer serialises appends (a PostgreSQL advisory lock; SQLite writes are serialised already), so
the chain stays linear with 400 people working at once.

On PostgreSQL an append is one round trip: ``SELECT pg_advisory_xact_lock(...); INSERT ... SELECT``
sent together. The INSERT reads the previous row's hash and computes the new hash itself
(``sha256(prev_hash || content)``, the very formula of ``AuditEvent.compute_hash``, content
serialised here in Python). Each statement of such a message gets its own snapshot, so the INSERT
sees every row committed before the lock was granted, and the lock is held only while the database
runs the INSERT and commits, never across network round trips or Python work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection, transaction

from frontlijn.lib import clock
from frontlijn.privacy.models import AuditAction, AuditEvent

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 7_345_201  # any constant: "the audit chain"


def _actor(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.pk, user.get_username()


def record(
    *,
    user,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    household_id: int | None = None,
    reason: str = "",
    path: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Append an audit event. Pass ``obj`` (a model instance) or ``object_type``/``object_id``.

    Never pass resident text (names, notes, search terms) in ``detail``: ids and counts only.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        if household_id is None:
            household_id = _household_of(obj)
    actor_id, username = _actor(user)
    event = AuditEvent(
        at=clock.now(),
        actor_id=actor_id,
        actor_username=username,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        household_id=household_id,
        reason=(reason or "")[:300],
        path=(path or "").split("?")[0][:300],
        detail=detail or {},
    )
    if connection.vendor == "postgresql":
        return _append_postgresql(event)
    return _append(event)


@transaction.atomic
def _append(event: AuditEvent) -> AuditEvent:
    """SQLite: read the previous hash and insert in one transaction (SQLite serialises writers)."""
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event.prev_hash = last or GENESIS
    event.hash = event.compute_hash()
    event.save()
    return event


# Both statements in one message: the simple query protocol of psycopg's client-side binding
# cursor (used for this statement also when the connection binds parameters server-side).
_APPEND_SQL = """SELECT pg_advisory_xact_lock(%s);
INSERT INTO privacy_auditevent
    (at, actor_id, actor_username, action, object_type, object_id, household_id, reason, path, detail,
     prev_hash, hash)
SELECT %s::timestamptz, %s::bigint, %s, %s, %s, %s, %s::bigint, %s, %s, %s::jsonb,
       prev.hash, encode(sha256(convert_to(prev.hash || %s, 'UTF8')), 'hex')
FROM (SELECT COALESCE((SELECT hash FROM privacy_auditevent ORDER BY id DESC LIMIT 1), %s) AS hash) AS prev
RETURNING id, prev_hash, hash"""


def _client_side_cursor():
    """A Django cursor (query log, error wrapping) on psycopg's client-side binding cursor."""
    from psycopg import ClientCursor

    connection.ensure_connection()
    raw = ClientCursor(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


def _append_postgresql(event: AuditEvent) -> AuditEvent:
    payload = json.dumps(event.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    params = [
        _ADVISORY_LOCK_KEY,
        event.at,
        event.actor_id,
        event.actor_username,
        event.action,
        event.object_type,
        event.object_id,
        event.household_id,
        event.reason,
        event.path,
        json.dumps(event.detail),
        payload,
        GENESIS,
    ]
    with _client_side_cursor() as cursor:
        # Outside a transaction the message is one implicit transaction: the lock lasts until
        # its commit. Inside one (atomic), the lock lasts until that transaction ends.
        cursor.execute(_APPEND_SQL, params)
        cursor.nextset()  # the INSERT's RETURNING row
        event.pk, event.prev_hash, event.hash = cursor.fetchone()
    event._state.adding = False
    event._state.db = connection.alias
    if event.hash != event.compute_hash():  # the database must hash exactly as compute_hash does
        raise RuntimeError(f"audit event {event.pk}: the database computed a different hash")
    return event


def _household_of(obj) -> int | None:
    from frontlijn.register.models import Household

    if isinstance(obj, Household):
        return obj.pk
    return getattr(obj, "household_id", None)


def record_request(request, *, action: str = AuditAction.VIEW, **kwargs) -> AuditEvent:
    """``record`` for a view: the user and path come from the request."""
    return record(user=request.user, action=action, path=request.path, **kwargs)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problems: list[str]


def verify(*, chunk: int = 2000) -> VerifyResult:
    """Walk the chain from the first row: each row must hash to its stored hash and point to the
    previous row's hash. A removed row shows as a broken link; an altered row as a wrong hash."""
    problems: list[str] = []
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:chunk])
        if not rows:
            break
        for event in rows:
            checked += 1
            if event.prev_hash != prev:
                problems.append(f"rij {event.pk}: de vorige rij ontbreekt of is gewijzigd (keten verbroken)")
            if event.compute_hash() != event.hash:
                problems.append(f"rij {event.pk}: de inhoud is gewijzigd (hash klopt niet)")
            prev = event.hash
            last_id = event.pk
    return VerifyResult(ok=not problems, checked=checked, problems=problems)
