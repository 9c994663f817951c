"""The audit log: record every view, export and change of personal data, and verify the chain.

``record(...)`` appends one row. Rows are chained: ``hash = sha256(prev_hash + content)``. The
writer serialises appends (a PostgreSQL advisory lock; SQLite writes are serialised already), so
the chain stays linear with 400 people working at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from frontlijn.privacy.models import AuditAction, AuditEvent

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 7_345_201  # any constant: "the audit chain"


def _actor(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.pk, user.get_username()


@transaction.atomic
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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    actor_id, username = _actor(user)
    event = AuditEvent(
        at=timezone.now(),
        actor_id=actor_id,
        actor_username=username,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        household_id=household_id,
        reason=(reason or "")[:300],
        path=(path or "").split("?")[0][:300],
        detail=detail or {},
        prev_hash=last or GENESIS,
    )
    event.hash = event.compute_hash()
    event.save()
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
