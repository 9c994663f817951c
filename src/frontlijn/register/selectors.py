"""Reads of the housing register, always through the privacy scope."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.http import Http404

from frontlijn.lib.text import search_key
from frontlijn.privacy import scoping
from frontlijn.register.models import HomeSeeker, Household, Resident, Unit

_POSTCODE_NUMBER = re.compile(
    r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})(?:[\s,]*(\d+)\s*([A-Za-z]?)(?:[-\s]+(\w{1,4}))?)?\s*$"
)


def household_list(*, user) -> QuerySet[Household]:
    return scoping.scope_households(user, Household.objects.all()).select_related(
        "unit", "unit__buurt", "unit__complex"
    )


def household_get(*, user, pk: int) -> Household:
    """A household the user may see, or 404 (we do not reveal that it exists)."""
    try:
        return household_list(user=user).get(pk=pk)
    except Household.DoesNotExist as exc:
        raise Http404 from exc


def unit_list(*, user) -> QuerySet[Unit]:
    return scoping.scope_units(user, Unit.objects.all()).select_related("buurt", "complex")


def unit_get(*, user, pk: int) -> Unit:
    try:
        return unit_list(user=user).get(pk=pk)
    except Unit.DoesNotExist as exc:
        raise Http404 from exc


def household_search(*, user, query: str, limit: int = 20) -> list[Household]:
    """Find households by postcode (+ house number), street (+ number) or a resident's name."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    # A result shows the household and its address: no buurt or complex needed.
    qs = household_list(user=user).select_related(None).select_related("unit")
    match = _POSTCODE_NUMBER.match(query)
    if match:
        postcode = f"{match.group(1)} {match.group(2).upper()}"
        qs = qs.filter(unit__postcode=postcode)
        if match.group(3):
            qs = qs.filter(unit__house_number=int(match.group(3)))
        if match.group(4):
            qs = qs.filter(unit__house_letter__iexact=match.group(4))
        if match.group(5):
            qs = qs.filter(unit__house_number_addition__iexact=match.group(5))
        return list(qs.order_by("unit__house_number", "unit__house_letter", "unit__house_number_addition")[:limit])
    street_match = re.match(r"^(.*\D)\s+(\d+)\s*([A-Za-z]?)$", query)
    if street_match:
        street, number = street_match.group(1).strip(), int(street_match.group(2))
        found = qs.filter(unit__street__istartswith=street, unit__house_number=number)
        if street_match.group(3):
            found = found.filter(unit__house_letter__iexact=street_match.group(3))
        return list(found.order_by("unit__street", "unit__house_number")[:limit])
    # Names: two simple queries (residents, household names) instead of one OR over a join, so
    # that PostgreSQL can use the trigram indexes on search_key (migration register 0003).
    key = search_key(query)
    resident_q = scoping.household_q(user, prefix="household__")
    for word in key.split():
        resident_q &= Q(search_key__contains=word)
    ids = list(Resident.objects.filter(resident_q).order_by().values_list("household_id", flat=True)[: limit * 3])
    ids += list(qs.filter(search_key__contains=key).values_list("id", flat=True)[:limit])
    if len(ids) < limit:
        ids += list(qs.filter(unit__street__istartswith=query).values_list("id", flat=True)[:limit])
    return list(qs.filter(id__in=set(ids)).order_by("name")[:limit])


def home_seeker_list(*, user) -> QuerySet[HomeSeeker]:
    if not scoping.sees_home_seekers(user):
        return HomeSeeker.objects.none()
    return HomeSeeker.objects.all()


def home_seeker_get(*, user, pk: int) -> HomeSeeker:
    try:
        return home_seeker_list(user=user).get(pk=pk)
    except HomeSeeker.DoesNotExist as exc:
        raise Http404 from exc


def home_seeker_search(*, user, query: str, limit: int = 20) -> list[HomeSeeker]:
    """Find home seekers by registration number or name."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    qs = home_seeker_list(user=user)
    if query.upper().startswith("WZ") or query.isdigit():
        return list(qs.filter(registration_number__icontains=query)[:limit])
    name_q = Q()
    for word in search_key(query).split():
        name_q &= Q(search_key__contains=word)
    return list(qs.filter(name_q).order_by("last_name", "first_name")[:limit])
