"""The one place that decides what a user may see: role + area.

Every selector (``<app>/selectors.py``), every API view and every export asks this module for
its scope; nothing else filters personal data by role. The matrix it implements is written out
in ``docs/privacy.md``.

- Area-bound roles (wijkbeheerder, huismeester, woonconsulent, opzichter, verhuurmedewerker,
  vakman, teamleider) see the households and units in the buurten their teams cover (a team
  covering a wijk covers all its buurten).
- Organisation-wide front roles (KCC-medewerker, baliemedewerker) take any resident who calls or
  walks in: they see every household, but beyond-the-process notes only inside their own area
  or where they wrote the note themselves.
- Functioneel beheerder and superusers see the whole register; the beheerder does not read
  beyond-the-process notes.
- Plan owners and managers work with figures per area, never with individual residents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from frontlijn.privacy import capabilities

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User

# The role sets come from the one role -> capability table (privacy/capabilities.py).
AREA_ROLES = capabilities.roles("residents_in_area")
ORGANISATION_WIDE_FRONT_ROLES = capabilities.roles("residents_anywhere_front")
HOME_SEEKER_ROLES = capabilities.roles("home_seekers")
ALL = None  # marker: no area restriction


def is_register_wide(user: User) -> bool:
    return bool(user.is_superuser or capabilities.role_in(user, "register_wide"))


def area_buurt_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The buurten covered by the user's teams (cached on the user object for the request)."""
    cached = getattr(user, "_frontlijn_buurt_ids", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return frozenset()
    # From the user's teams: the buurten they cover and those of the wijken they cover (one query).
    teams = user.teams.order_by()
    covered = teams.values_list("buurten", flat=True).union(teams.values_list("wijken__buurten", flat=True))
    ids = frozenset(buurt_id for buurt_id in covered if buurt_id is not None)
    user._frontlijn_buurt_ids = ids
    return ids


def sees_residents(user: User | AnonymousUser) -> bool:
    """Whether the user may see individual residents at all."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_register_wide(user) or user.role in AREA_ROLES or user.role in ORGANISATION_WIDE_FRONT_ROLES


def resident_area_buurt_ids(user: User) -> frozenset[int] | None:
    """Buurt ids whose residents the user may see; ``None`` means all; empty means none."""
    if not sees_residents(user):
        return frozenset()
    if is_register_wide(user) or user.role in ORGANISATION_WIDE_FRONT_ROLES:
        return ALL
    return area_buurt_ids(user)


def _buurt_q(user: User, buurt_path: str) -> Q:
    ids = resident_area_buurt_ids(user)
    if ids is ALL:
        return Q()
    if not ids:
        return Q(pk__in=[])
    return Q(**{f"{buurt_path}__in": ids})


def household_q(user: User, prefix: str = "") -> Q:
    """Filter on a Household (or a relation to one via ``prefix``, e.g. ``"household__"``)."""
    return _buurt_q(user, f"{prefix}unit__buurt_id")


def unit_q(user: User, prefix: str = "") -> Q:
    return _buurt_q(user, f"{prefix}buurt_id")


def scope_households(user: User, qs: QuerySet) -> QuerySet:
    return qs.filter(household_q(user))


def scope_units(user: User, qs: QuerySet) -> QuerySet:
    return qs.filter(unit_q(user))


def scope_by_unit(user: User, qs: QuerySet, unit_path: str = "unit__") -> QuerySet:
    """Scope any model that hangs off a unit (cases, contact moments) by that unit's buurt."""
    return qs.filter(_buurt_q(user, f"{unit_path}buurt_id"))


def beyond_note_q(user: User, prefix: str = "") -> Q:
    """Which contact moments' beyond-the-process notes the user may read."""
    if user.is_superuser:
        return Q()
    if not sees_residents(user) or capabilities.role_in(user, "register_wide"):
        return Q(pk__in=[])
    own = Q(**{f"{prefix}staff": user})
    if user.role in ORGANISATION_WIDE_FRONT_ROLES:
        ids = area_buurt_ids(user)
        if granted := _beyond_granted(user):
            own |= Q(**{f"{prefix}household_id__in": sorted(granted)})
        return own | Q(**{f"{prefix}unit__buurt_id__in": ids}) if ids else own
    return own | _buurt_q(user, f"{prefix}unit__buurt_id")


def grant_beyond_notes(user: User, household_id: int) -> None:
    """For this request only: an organisation-wide front role gave a reason (on a live call) to
    read this household's beyond-the-process notes (``privacy.access.apply_beyond_reason``)."""
    granted = getattr(user, "_frontlijn_beyond_households", None)
    if granted is None:
        granted = set()
        user._frontlijn_beyond_households = granted
    granted.add(household_id)


def _beyond_granted(user: User) -> frozenset[int]:
    if user.role not in ORGANISATION_WIDE_FRONT_ROLES:
        return frozenset()
    return frozenset(getattr(user, "_frontlijn_beyond_households", ()) or ())


def can_read_beyond_note(user: User, contact) -> bool:
    if user.is_superuser:
        return True
    if not sees_residents(user) or capabilities.role_in(user, "register_wide"):
        return False
    if contact.staff_id == user.pk:
        return True
    if contact.household_id and contact.household_id in _beyond_granted(user):
        return True
    if contact.unit_id is None:
        # A home seeker's contacts are read by those who work with home seekers.
        return bool(contact.home_seeker_id) and sees_home_seekers(user)
    if user.role in ORGANISATION_WIDE_FRONT_ROLES:
        return contact.unit.buurt_id in area_buurt_ids(user)
    ids = resident_area_buurt_ids(user)
    return ids is ALL or contact.unit.buurt_id in ids


BRIEFING_EXCLUDED_NOTE_TAGS = frozenset({"gezondheid", "geldzorgen"})  # special-category data: never quoted


def briefing_note_q(user: User | AnonymousUser, *, buurt_ids) -> Q:
    """Contact moments whose beyond-the-process notes a plan briefing may quote.

    A briefing quotes, pseudonymised and without author, notes from the plan's own area to
    whoever may open the plan (``plans.selectors.plan_get``): the purpose the front wrote them
    for. Outside the plan's area, or for a user who does not see plans at all, nothing.
    Health and money notes are left out by :func:`may_quote_in_briefing`.
    """
    if not user.is_authenticated or not buurt_ids:
        return Q(pk__in=[])
    return Q(unit__buurt_id__in=list(buurt_ids)) & ~Q(beyond_note="")


def may_quote_in_briefing(contact) -> bool:
    """Whether one note from :func:`briefing_note_q` may be quoted (no health or money note)."""
    return not (set(contact.beyond_tags or []) & BRIEFING_EXCLUDED_NOTE_TAGS)


def sees_home_seekers(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in HOME_SEEKER_ROLES))


def can_log_contacts(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_superuser or sees_residents(user))
        and not capabilities.role_in(user, "register_wide")
    )


def sees_vulnerability(user: User, household) -> bool:
    """Whether the household summary may show vulnerability (loneliness, health, money worries, as
    drawn from beyond-the-process notes and person-level signals): the same people who may read
    the household's beyond-the-process notes — not the beheerder, not KCC or balie outside their
    own area, not figures-only roles."""
    if user.is_superuser:
        return True
    if not sees_residents(user) or capabilities.role_in(user, "register_wide") or household.unit_id is None:
        return False
    buurt_id = household.unit.buurt_id
    if user.role in ORGANISATION_WIDE_FRONT_ROLES:
        return buurt_id in area_buurt_ids(user)
    ids = resident_area_buurt_ids(user)
    return ids is ALL or buurt_id in ids
