"""Reads for the data-subject requests: residents found by name, postcode or household, for the
privacy officer only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from frontlijn.privacy.selectors import is_privacy_officer
from frontlijn.register.models import Resident

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def subject_search(*, user: User, query: str, limit: int = 25):
    """Residents matching a name, postcode or household name: for data-subject requests only."""
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
    if not is_privacy_officer(user):
        raise PermissionDenied
    return get_object_or_404(Resident.objects.select_related("household", "household__unit"), pk=pk)
