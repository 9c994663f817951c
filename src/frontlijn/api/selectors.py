"""Reads for the API: every query goes through the apps' selectors or the privacy scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontlijn.cases.selectors import case_list
from frontlijn.contacts.selectors import contact_moment_list
from frontlijn.privacy import scoping
from frontlijn.register.models import Buurt, Complex, Resident, Tenancy, Wijk
from frontlijn.register.selectors import household_list, unit_list

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def api_queryset(*, kind: str, user: User) -> QuerySet:
    """The records of ``kind`` the user may see (areas are not personal: everyone sees them)."""
    if kind == "wijken":
        return Wijk.objects.all()
    if kind == "buurten":
        return Buurt.objects.select_related("wijk")
    if kind == "clusters":
        return Complex.objects.select_related("buurt")
    if kind == "eenheden":
        return unit_list(user=user)
    if kind == "huishoudens":
        return household_list(user=user)
    if kind == "relaties":
        return Resident.objects.filter(scoping.household_q(user, "household__")).select_related("household")
    if kind == "huurovereenkomsten":
        return Tenancy.objects.filter(scoping.household_q(user, "household__")).select_related("household", "unit")
    if kind == "zaken":
        return case_list(user=user)
    if kind == "contactmomenten":
        return contact_moment_list(user=user)
    raise KeyError(kind)


REGISTER_KINDS = frozenset(
    {"wijken", "buurten", "clusters", "eenheden", "huishoudens", "relaties", "huurovereenkomsten"}
)


def may_write(*, kind: str, user: User) -> bool:
    """Register data is written by the functional administrator (the ERP link); cases and
    contact moments by whoever may work with the residents of that area."""
    if scoping.is_register_wide(user):
        return True
    if kind in REGISTER_KINDS:
        return False
    if kind == "contactmomenten":
        return scoping.can_log_contacts(user)
    return scoping.sees_residents(user)


def export_queryset_for(*, kind: str, user: User) -> QuerySet:
    """What ``frontlijn export`` writes for ``user``: the API's scoped records, in id order."""
    from frontlijn.api.serializers import RELATED

    return api_queryset(kind=kind, user=user).select_related(*RELATED.get(kind, ())).order_by("pk")
