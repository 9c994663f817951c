"""Reads of patterns, scoped through the signals' own scope (``signals.selectors``).

- A pattern (theme, place, counts) is read by the roles that handle signals and may see the
  signal figures of its buurt: the team leads of that area, plan owners and managers.
- The signals listed on a pattern are only those the reader may read
  (``signals.selectors.signal_visibility_q``); the others are a count, never a text. A plan owner
  therefore sees a person-level signal in a pattern as a number only.
- The team lead of the pattern's buurt answers it (managers and superusers may step in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from frontlijn.privacy import capabilities, scoping
from frontlijn.signals import selectors as signal_selectors
from frontlijn.signals.models import Pattern, PatternStatus, Signal

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User


def reads_patterns(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.role in signal_selectors.HANDLER_ROLES)
    )


def pattern_visibility_q(user: User) -> Q:
    if not reads_patterns(user):
        return Q(pk__in=[])
    allowed = signal_selectors.aggregate_buurt_ids(user)
    if allowed is scoping.ALL:
        return Q()
    return Q(buurt_id__in=list(allowed))


def pattern_list(*, user: User) -> QuerySet[Pattern]:
    return Pattern.objects.filter(pattern_visibility_q(user)).select_related("theme", "complex", "buurt", "plan")


def pattern_list_open(*, user: User) -> QuerySet[Pattern]:
    return pattern_list(user=user).filter(status=PatternStatus.OPEN)


def pattern_get(*, user: User, pk: int) -> Pattern:
    try:
        return pattern_list(user=user).get(pk=pk)
    except Pattern.DoesNotExist as exc:
        raise Http404 from exc


def can_answer(user: User, pattern: Pattern) -> bool:
    """The team lead of the pattern's buurt (managers and superusers may step in)."""
    if not reads_patterns(user):
        return False
    if user.is_superuser or capabilities.role_in(user, "pattern_answer_any"):
        return True
    return capabilities.role_in(user, "pattern_answer_in_area") and pattern.buurt_id in scoping.area_buurt_ids(user)


def pattern_signals(*, user: User, pattern: Pattern) -> tuple[list[Signal], int]:
    """The pattern's signals the user may read (oldest first) and how many others it holds."""
    members = Signal.objects.filter(pattern_memberships__pattern=pattern)
    readable = list(
        signal_selectors.signal_list(user=user)
        .filter(pattern_memberships__pattern=pattern)
        .order_by("created_at", "id")
    )
    return readable, members.count() - len(readable)


def open_plans_for(*, pattern: Pattern, user: User) -> list:
    """Plans on the pattern's buurt that are not decided yet (before "uitvoering")."""
    from frontlijn.plans.models import PHASE_ORDER, Phase
    from frontlijn.plans.selectors import plan_list

    undecided = PHASE_ORDER[: PHASE_ORDER.index(Phase.UITVOERING)]
    buurt_id = pattern.buurt_id
    return list(
        plan_list(user=user)
        .filter(phase__in=undecided)
        .filter(Q(buurten=buurt_id) | Q(wijken__buurten=buurt_id) | Q(complexes__buurt_id=buurt_id))
        .distinct()
        .order_by("title")
    )
