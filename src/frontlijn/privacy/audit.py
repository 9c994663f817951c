"""The audit log: record every view, export and change of personal data, and verify the chain.

``record(...)`` appends one row. Rows are chained: ``hash = HMAC-SHA256(key, prev_hash + content)``
with a key kept outside the database (``privacy.audit_guard``; the row stores the key's id). The
writer serialises appends (a PostgreSQL advisory lock; SQLite writes are serialised already), so
the chain stays linear with 400 people working at once.

On PostgreSQL an append is one round trip: ``SELECT pg_advisory_xact_lock(...); INSERT ... SELECT``
sent together. The INSERT reads the previous row's hash and computes the new hash itself (the HMAC
of ``AuditEvent.compute_hash`` written with PostgreSQL's built-in ``sha256()`` and the key's RFC
2104 pads sent as parameters; content serialised here in Python). Each statement of such a message
gets its own snapshot, so the INSERT sees every row committed before the lock was granted, and the
lock is held only while the database runs the INSERT and commits, never across network round trips
or Python work.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection, transaction

from frontlijn.lib import clock
from frontlijn.privacy import audit_guard
from frontlijn.privacy.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 7_345_201  # any constant: "the audit chain"


def _actor(user: User | AnonymousUser | None):
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.pk, user.get_username()


def record(
    *,
    user: User | AnonymousUser | None,
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
        key_id=audit_guard.current_key_id(),
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
     key_id, prev_hash, hash)
SELECT %s::timestamptz, %s::bigint, %s, %s, %s, %s, %s::bigint, %s, %s, %s::jsonb, %s,
       prev.hash, encode(sha256(%s::bytea || sha256(%s::bytea || convert_to(prev.hash || %s, 'UTF8'))), 'hex')
FROM (SELECT COALESCE((SELECT hash FROM privacy_auditevent ORDER BY id DESC LIMIT 1), %s) AS hash) AS prev
RETURNING id, prev_hash, hash"""


def _client_side_cursor():
    """A Django cursor (error wrapping) on psycopg's client-side binding cursor. Never the debug
    cursor: the statement carries the HMAC key's pads, which must not reach a query log (the
    append adds a line without parameters to the query log itself, so query counts stay true)."""
    from psycopg import ClientCursor

    connection.ensure_connection()
    return connection.make_cursor(ClientCursor(connection.connection))


def _append_postgresql(event: AuditEvent) -> AuditEvent:
    payload = event.payload()
    inner_pad, outer_pad = audit_guard.hmac_pads(event.key_id)
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
        event.key_id,
        outer_pad,
        inner_pad,
        payload,
        GENESIS,
    ]
    started = time.monotonic()
    with _client_side_cursor() as cursor:
        # Outside a transaction the message is one implicit transaction: the lock lasts until
        # its commit. Inside one (atomic), the lock lasts until that transaction ends.
        cursor.execute(_APPEND_SQL, params)
        cursor.nextset()  # the INSERT's RETURNING row
        event.pk, event.prev_hash, event.hash = cursor.fetchone()
    if connection.queries_logged:  # counted in the query log like any query, without its parameters
        connection.queries_log.append(
            {"sql": "-- privacy.audit append (parameters withheld)", "time": f"{time.monotonic() - started:.3f}"}
        )
    event._state.adding = False
    event._state.db = connection.alias
    if event.hash != event.compute_hash():  # the database must hash exactly as compute_hash does
        raise RuntimeError(f"audit event {event.pk}: the database computed a different hash")
    return event


def _household_of(obj) -> int | None:
    # A household is its own; by its label, so the audit log imports no app (privacy is below them).
    if getattr(getattr(obj, "_meta", None), "label_lower", None) == "register.household":
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


def _checkpoints() -> dict[str, dict]:
    """Approved prunes: the hash of the last pruned row -> the checkpoint's detail."""
    found = {}
    for event in AuditEvent.objects.filter(action=AuditAction.CHECKPOINT).only("id", "detail"):
        if event.detail.get("last_pruned_hash"):
            found[event.detail["last_pruned_hash"]] = {**event.detail, "checkpoint_id": event.pk}
    return found


def verify(*, chunk: int = 2000, anchors: list[dict] | None = None) -> VerifyResult:
    """Walk the chain from the first row. Each row's HMAC must match its content (else: altered)
    and point to the previous row's hash (else: rows removed, or the chain itself altered). The
    first row may point to a pruned row only when an approved checkpoint says so. ``anchors``
    (default: the anchor file) are heads written outside the database: each must still be there."""
    problems: list[str] = []
    checkpoints = _checkpoints()
    prev, prev_id = GENESIS, 0
    checked = 0
    pruned_through = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=prev_id).order_by("id")[:chunk])
        if not rows:
            break
        for event in rows:
            checked += 1
            if checked == 1 and event.prev_hash != GENESIS and event.prev_hash in checkpoints:
                pruned_through = checkpoints[event.prev_hash].get("pruned_through_id", 0)
                prev = event.prev_hash  # an approved prune removed the rows before this one
            if event.prev_hash != prev:
                problems.append(_link_problem(event, prev_id=prev_id, first=checked == 1))
            try:
                intact = event.compute_hash() == event.hash
            except audit_guard.AuditKeyError:
                problems.append(
                    f"rij {event.pk}: sleutel {event.key_id!r} ontbreekt: de rij kan niet worden gecontroleerd"
                )
            else:
                if not intact:
                    problems.append(f"rij {event.pk}: gewijzigd (de inhoud past niet bij de HMAC van de rij)")
            prev, prev_id = event.hash, event.pk
    for anchor in read_anchors() if anchors is None else anchors:
        problems += _anchor_problems(anchor, pruned_through=pruned_through)
    return VerifyResult(ok=not problems, checked=checked, problems=problems)


def _link_problem(event: AuditEvent, *, prev_id: int, first: bool) -> str:
    if first:
        return f"rij {event.pk}: de rijen ervoor zijn verwijderd zonder goedgekeurde opschoning (keten verbroken)"
    if event.pk != prev_id + 1:
        missing = f"{prev_id + 1}" if event.pk == prev_id + 2 else f"{prev_id + 1}-{event.pk - 1}"
        return f"rij {event.pk}: rij(en) {missing} ervoor ontbreken: verwijderd (keten verbroken)"
    return f"rij {event.pk}: verwijst niet naar de vorige rij {prev_id}: de keten is gewijzigd (keten verbroken)"


def _anchor_problems(anchor: dict, *, pruned_through: int) -> list[str]:
    anchor_id, anchor_hash, at = anchor.get("id", 0), anchor.get("hash", ""), anchor.get("at", "?")
    if not anchor_id or anchor_id <= pruned_through:
        return []
    row = AuditEvent.objects.filter(pk=anchor_id).values_list("hash", flat=True).first()
    if row is None:
        return [f"anker van {at}: rij {anchor_id} ontbreekt: verwijderd na het anker"]
    if row != anchor_hash:
        return [f"anker van {at}: rij {anchor_id} is gewijzigd sinds het anker"]
    return []


def head() -> tuple[int, str]:
    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    return last if last else (0, GENESIS)


def anchor_write() -> dict:
    """Append the chain's head to the anchor file (outside the database) and to the log."""
    import logging

    from django.conf import settings

    anchor_id, anchor_hash = head()
    anchor = {"at": clock.now().isoformat(timespec="seconds"), "id": anchor_id, "hash": anchor_hash}
    path = settings.FRONTLIJN_AUDIT_ANCHOR_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(anchor) + "\n")
    logging.getLogger("frontlijn.audit").info("audit anchor id=%s hash=%s", anchor_id, anchor_hash)
    return anchor


def read_anchors(path=None) -> list[dict]:
    from django.conf import settings

    path = path or settings.FRONTLIJN_AUDIT_ANCHOR_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    anchors = []
    for line in lines:
        try:
            anchors.append(json.loads(line))
        except ValueError:
            continue
    return anchors


@transaction.atomic
def audit_prune(*, before, approved_by) -> AuditEvent:
    """Remove audit rows older than ``before`` (retention), approved by a privacy officer, and
    append a checkpoint row that names the last removed row's hash: ``verify`` accepts a chain that
    starts there, and nothing else. Refused (PermissionDenied) for anyone else."""
    from django.core.exceptions import PermissionDenied

    from frontlijn.privacy.selectors import is_privacy_officer

    if not is_privacy_officer(approved_by):
        raise PermissionDenied("only a privacy officer approves pruning the audit log")
    newest_id = head()[0]
    # Never the newest row: the checkpoint then chains on to the rows that stay.
    doomed = AuditEvent.objects.filter(at__lt=before, id__lt=newest_id).exclude(action=AuditAction.CHECKPOINT)
    last = doomed.order_by("-id").values_list("id", "hash").first()
    if last is None:
        return record(
            user=approved_by,
            action=AuditAction.CHECKPOINT,
            object_type="privacy.auditevent",
            detail={"pruned": 0, "before": str(before)},
        )
    last_id, last_hash = last
    # The chain must stay one piece: prune only a prefix (every row up to the last old one).
    ids = list(AuditEvent.objects.filter(id__lte=last_id).values_list("id", flat=True))
    with audit_guard.allow_prune(connection), connection.cursor() as cursor:
        cursor.execute("DELETE FROM privacy_auditevent WHERE id <= %s", [last_id])
    return record(
        user=approved_by,
        action=AuditAction.CHECKPOINT,
        object_type="privacy.auditevent",
        detail={"pruned": len(ids), "pruned_through_id": last_id, "last_pruned_hash": last_hash, "before": str(before)},
    )
