"""Access beyond the selectors: the reason asked when a user opens a household outside their work.

Organisation-wide roles (KCC, balie) and the functioneel beheerder see every household; when they
open one they have no relation with (not in their area, no contact, case or promise of theirs),
they give a reason first — once per household per day — and the reason goes into the audit log.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from frontlijn.privacy import scoping

SESSION_KEY = "frontlijn_access_reasons"


def has_relation(user, household) -> bool:
    if household.unit_id and household.unit.buurt_id in scoping.area_buurt_ids(user):
        return True
    from frontlijn.cases.models import Case
    from frontlijn.contacts.models import ContactMoment, Promise

    return (
        ContactMoment.objects.filter(household=household, staff=user).exists()
        or Case.objects.filter(Q(assignee=user) | Q(created_by=user), household=household).exists()
        or Promise.objects.filter(household=household, owner=user).exists()
    )


def reason_given(request, household_id: int) -> str | None:
    entry = request.session.get(SESSION_KEY, {}).get(str(household_id))
    if entry and entry.get("day") == timezone.localdate().isoformat():
        return entry.get("reason")
    return None


def remember_reason(request, household_id: int, reason: str) -> None:
    reasons = dict(request.session.get(SESSION_KEY, {}))
    reasons[str(household_id)] = {"day": timezone.localdate().isoformat(), "reason": reason}
    request.session[SESSION_KEY] = reasons


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

    url = reverse("privacy:reason", kwargs={"household_pk": household.pk})
    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def household_open(request, pk: int):
    """The one audited path to a household's data: scope (404 outside it), the reason step, then
    an audit row. Returns ``(household, None)`` or ``(household, redirect_to_the_reason_step)``.

    The caller shows the page and then calls :func:`audit_view` with what it showed; a view that
    shows resident data of a household never skips this function.
    """
    from frontlijn.register.selectors import household_get

    household = household_get(user=request.user, pk=pk)
    return household, reason_redirect(request, household)


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


def audit_change(request, obj, *, action: str = "change", detail: dict | None = None) -> None:
    """Log that the user created or changed ``obj`` (ids only, never the text)."""
    from frontlijn.privacy import audit

    reason = reason_given(request, getattr(obj, "household_id", None) or 0) or ""
    audit.record_request(request, action=action, obj=obj, reason=reason, detail=detail)
