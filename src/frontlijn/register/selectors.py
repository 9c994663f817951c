"""Reads of the housing register, always through the privacy scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404, HttpResponseRedirect

from frontlijn.lib import phone
from frontlijn.lib.text import search_key
from frontlijn.privacy import access, scoping
from frontlijn.register.models import HomeSeeker, Household, Resident, Unit

if TYPE_CHECKING:
    from frontlijn.teams.models import User

_POSTCODE_NUMBER = re.compile(
    r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})(?:[\s,]*(\d+)\s*([A-Za-z]?)(?:[-\s]+(\w{1,4}))?)?\s*$"
)


def household_list(*, user: User) -> QuerySet[Household]:
    return scoping.scope_households(user, Household.objects.all()).select_related(
        "unit", "unit__buurt", "unit__complex"
    )


def household_get(*, user: User, pk: int) -> Household:
    """A household the user may see, or 404 (we do not reveal that it exists)."""
    try:
        return household_list(user=user).get(pk=pk)
    except Household.DoesNotExist as exc:
        raise Http404 from exc


def household_open(request, pk: int) -> tuple[Household, HttpResponseRedirect | None]:
    """The one audited path to a household's data: scope (404 outside it), the reason step, then
    an audit row. Returns ``(household, None)`` or ``(household, redirect_to_the_reason_step)``.

    The caller shows the page and then calls :func:`frontlijn.privacy.access.audit_view` with what
    it showed; a view that shows resident data of a household never skips this function.
    """
    household = household_get(user=request.user, pk=pk)
    return household, access.reason_redirect(request, household)


def unit_list(*, user: User) -> QuerySet[Unit]:
    return scoping.scope_units(user, Unit.objects.all()).select_related("buurt", "complex")


def unit_get(*, user: User, pk: int) -> Unit:
    try:
        return unit_list(user=user).get(pk=pk)
    except Unit.DoesNotExist as exc:
        raise Http404 from exc


def unit_find_by_address(*, user: User, query: str, limit: int = 5) -> list[Unit] | None:
    """Units the user may see at a postcode + house number (with letter / addition when typed),
    e.g. "1234 AB 12", "1234ab 12a", "1234 AB 12-2". ``None`` when the text is not a postcode with a
    house number."""
    match = _POSTCODE_NUMBER.match(query or "")
    if not match or not match.group(3):
        return None
    qs = unit_list(user=user).filter(
        postcode=f"{match.group(1)} {match.group(2).upper()}", house_number=int(match.group(3))
    )
    if match.group(4):
        qs = qs.filter(house_letter__iexact=match.group(4))
    if match.group(5):
        qs = qs.filter(house_number_addition__iexact=match.group(5))
    return list(qs.order_by("house_letter", "house_number_addition", "id")[:limit])


def household_search(*, user: User, query: str, limit: int = 20) -> list[Household]:
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


def with_residents(households) -> list[Household]:
    """Prefetch what a search result shows of the residents: first name (or initial) and birth
    year, so that households with the same name can be told apart."""
    from django.db.models import prefetch_related_objects

    households = list(households)
    prefetch_related_objects(
        households,
        Prefetch(
            "residents",
            queryset=Resident.objects.only(
                "id", "household_id", "first_name", "last_name", "birth_year", "is_main_tenant"
            ),
        ),
    )
    return households


@dataclass(frozen=True)
class ContactLookup:
    """A search text meant as a phone number or e-mail address, in its lookup form."""

    kind: str  # "telefoon" or "e-mail"
    key: str
    whole: bool  # only a whole number (at least 9 digits) or a whole address is looked up


def contact_lookup_parse(query: str) -> ContactLookup | None:
    """``None`` when the text is not meant as a phone number or e-mail address."""
    query = (query or "").strip()
    if "@" in query:
        key = phone.email_key(query)
        try:
            validate_email(key)
        except ValidationError:
            return ContactLookup("e-mail", key, whole=False)
        return ContactLookup("e-mail", key, whole=True)
    if phone.looks_like_phone(query):
        key = phone.phone_key(query)
        return ContactLookup("telefoon", key, whole=phone.is_whole_number(key))
    return None


def household_by_contact(*, user: User, lookup: ContactLookup, limit: int = 20) -> list[Household]:
    """The households (in the user's scope) with a resident with exactly this number or address.

    A fragment finds nothing: the number must be whole, the address complete."""
    if not lookup.whole:
        return []
    resident_q = scoping.household_q(user, prefix="household__")
    residents = Resident.objects.all()
    if lookup.kind == "telefoon":
        residents = residents.filter(resident_q, phone_key=lookup.key)
    else:  # LOWER(email) = ...: the expression of the index resident_email_lower
        residents = residents.alias(email_lower=Lower("email")).filter(resident_q, email_lower=lookup.key)
    ids = residents.order_by().values("household_id")
    qs = household_list(user=user).select_related(None).select_related("unit").filter(id__in=ids)
    return list(qs.order_by("unit__street", "unit__house_number", "name")[:limit])


def home_seeker_list(*, user: User) -> QuerySet[HomeSeeker]:
    if not scoping.sees_home_seekers(user):
        return HomeSeeker.objects.none()
    return HomeSeeker.objects.all()


def home_seeker_get(*, user: User, pk: int) -> HomeSeeker:
    try:
        return home_seeker_list(user=user).get(pk=pk)
    except HomeSeeker.DoesNotExist as exc:
        raise Http404 from exc


def home_seeker_search(*, user: User, query: str, limit: int = 20) -> list[HomeSeeker]:
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
