"""Reads for the privacy officer's pages (the audit log); the data-subject searches are in
``frontlijn.gdpr.selectors``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

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
