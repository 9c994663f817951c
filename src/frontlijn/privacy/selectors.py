"""Reads for the privacy officer's pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from frontlijn.privacy import capabilities
from frontlijn.privacy.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User


def is_privacy_officer(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm("privacy.privacy_officer"))


def is_administrator(user: User | AnonymousUser) -> bool:
    return bool(is_privacy_officer(user) or (user.is_authenticated and capabilities.role_in(user, "administration")))


def audit_list(
    *, user: User, username: str = "", household_id: int | None = None, day: dt.date | None = None, action: str = ""
) -> QuerySet[AuditEvent]:
    if not is_privacy_officer(user):
        raise PermissionDenied
    qs = AuditEvent.objects.all()
    if username:
        qs = qs.filter(actor_username__iexact=username.strip())
    if household_id:
        qs = qs.filter(household_id=household_id)
    if day:
        qs = qs.filter(at__date=day)
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-id")


def subject_search(*, user: User, query: str, limit: int = 25):
    """Residents matching a name, postcode or household name: for data-subject requests only."""
    from frontlijn.register.models import Resident

    if not is_privacy_officer(user):
        raise PermissionDenied
    query = (query or "").strip()
    if len(query) < 2:
        return []
    qs = Resident.objects.select_related("household", "household__unit")
    words = query.split()
    name_q = Q()
    for word in words:
        name_q &= Q(last_name__icontains=word) | Q(first_name__istartswith=word)
    qs = qs.filter(name_q | Q(household__name__icontains=query) | Q(household__unit__postcode__iexact=query.upper()))
    return list(qs.order_by("last_name", "first_name")[:limit])


def subject_get(*, user: User, pk: int):
    from django.shortcuts import get_object_or_404

    from frontlijn.register.models import Resident

    if not is_privacy_officer(user):
        raise PermissionDenied
    return get_object_or_404(Resident.objects.select_related("household", "household__unit"), pk=pk)
