"""Access beyond the selectors: the reason asked when a user opens a household outside their work.

Organisation-wide roles (KCC, balie) and the functioneel beheerder see every household; when they
open one they have no relation with (not in their area, no contact, case or promise of theirs),
they give a reason first — once per household per day — and the reason goes into the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from frontlijn.lib import clock
from frontlijn.lib.roles import ORGANISATION_WIDE_FRONT_ROLES
from frontlijn.privacy import scoping

if TYPE_CHECKING:
    from frontlijn.teams.models import User

SESSION_KEY = "frontlijn_access_reasons"
Relation = Callable[["User", Any], bool]  # (user, household) -> whether the user works with it
_relations: list[Relation] = []


def add_relation(relation: Relation) -> None:
    """A way a user works with a household (a contact, case or promise of theirs): the apps that
    hold that work add theirs in ``AppConfig.ready``, so privacy reads none of them."""
    if relation not in _relations:
        _relations.append(relation)


def has_relation(user: User, household) -> bool:
    if household.unit_id and household.unit.buurt_id in scoping.area_buurt_ids(user):
        return True
    return any(relation(user, household) for relation in _relations)


def _session_reason(request, key: str, household_id: int) -> str | None:
    """A reason given today for this household, kept in the session under ``key``."""
    entry = request.session.get(key, {}).get(str(household_id))
    if entry and entry.get("day") == clock.today().isoformat():
        return entry.get("reason")
    return None


def _remember_session_reason(request, key: str, household_id: int, reason: str) -> None:
    reasons = dict(request.session.get(key, {}))
    reasons[str(household_id)] = {"day": clock.today().isoformat(), "reason": reason}
    request.session[key] = reasons


def reason_given(request, household_id: int) -> str | None:
    return _session_reason(request, SESSION_KEY, household_id)


def remember_reason(request, household_id: int, reason: str) -> None:
    _remember_session_reason(request, SESSION_KEY, household_id, reason)


def reason_needed(request, household) -> bool:
    """Whether the user must give a reason before this household is shown."""
    if reason_given(request, household.pk) is not None:
        return False
    return not has_relation(request.user, household)


def reason_redirect(request, household):
    """A redirect to the reason prompt when one is needed, else ``None``. Use in views."""
    from django.shortcuts import redirect
    from django.utils.http import urlencode

    if not reason_needed(request, household):
        return None
    from django.urls import reverse

    url = reverse("gdpr:reason", kwargs={"household_pk": household.pk})
    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def names_visible(request, households) -> set[int]:
    """Of ``households`` (already in scope), those whose names may show without the reason step:
    the user works with them, or gave a reason today (the unit page, like the household page)."""
    return {h.pk for h in households if not reason_needed(request, h)}


def audit_view(request, obj, *, household=None, detail: dict | None = None) -> None:
    """Log that the user viewed ``obj`` (with the reason given for this household, if any)."""
    from frontlijn.privacy import audit

    household_id = household.pk if household is not None else None
    reason = reason_given(request, household_id or getattr(obj, "household_id", None) or 0) or ""
    audit.record_request(request, obj=obj, household_id=household_id, reason=reason, detail=detail)


def audit_search(request, *, count: int) -> None:
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    audit.record_request(
        request, action=AuditAction.SEARCH, object_type="register.household", detail={"results": count}
    )


def audit_unit_search(request, *, count: int) -> None:
    """Log an address look-up in the register (the signal form's "op een adres"); no query text."""
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    audit.record_request(request, action=AuditAction.SEARCH, object_type="register.unit", detail={"results": count})


def audit_change(request, obj, *, action: str = "change", detail: dict | None = None) -> None:
    """Log that the user created or changed ``obj`` (ids only, never the text)."""
    from frontlijn.privacy import audit

    reason = reason_given(request, getattr(obj, "household_id", None) or 0) or ""
    audit.record_request(request, action=action, obj=obj, reason=reason, detail=detail)


def audit_contact_search(request, *, kind: str, key: str, count: int, refused: bool = False) -> None:
    """Log a lookup by phone number or e-mail address without the number or address itself: a
    keyed hash (the same number gives the same hash, so an officer can see that one number was
    looked up repeatedly) and a masked form with the last two characters."""
    from frontlijn.lib import phone
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    detail = {"kind": kind, "key_hash": phone.keyed_hash(kind, key), "masked": phone.mask(key), "results": count}
    if refused:
        detail["refused"] = "rate-limit"
    audit.record_request(request, action=AuditAction.SEARCH, object_type="register.household", detail=detail)


# --- beyond-the-process notes for organisation-wide roles on a live call ------------------------
BEYOND_SESSION_KEY = "frontlijn_beyond_reasons"


def may_unlock_beyond(user: User, household) -> bool:
    """KCC and balie read beyond-the-process notes in their own area only; on a live call with a
    resident elsewhere they may open that household's notes after giving a reason."""
    if user.role not in ORGANISATION_WIDE_FRONT_ROLES or user.is_superuser:
        return False
    return not (household.unit_id and household.unit.buurt_id in scoping.area_buurt_ids(user))


def beyond_reason_given(request, household_id: int) -> str | None:
    return _session_reason(request, BEYOND_SESSION_KEY, household_id)


def remember_beyond_reason(request, household_id: int, reason: str) -> None:
    _remember_session_reason(request, BEYOND_SESSION_KEY, household_id, reason)


def apply_beyond_reason(request, household) -> bool:
    """Let this request read the household's beyond-the-process notes when a reason was given
    today (:func:`frontlijn.privacy.scoping.grant_beyond_notes`). Returns whether it did."""
    if not may_unlock_beyond(request.user, household) or beyond_reason_given(request, household.pk) is None:
        return False
    scoping.grant_beyond_notes(request.user, household.pk)
    return True
