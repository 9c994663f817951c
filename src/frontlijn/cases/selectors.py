"""Reads of cases, scoped by the privacy layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from frontlijn.cases.models import Case
from frontlijn.privacy import scoping

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def case_list(*, user: User) -> QuerySet[Case]:
    qs = Case.objects.select_related("unit", "household", "assignee", "assignee_team")
    return scoping.scope_by_unit(user, qs)


def case_get(*, user: User, pk: int) -> Case:
    try:
        return case_list(user=user).get(pk=pk)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def case_list_for_user(*, user: User) -> QuerySet[Case]:
    """Open cases assigned to the user or to one of their teams."""
    from django.db.models import Q

    from frontlijn.cases.models import CLOSED_STATUSES

    return (
        case_list(user=user)
        .filter(Q(assignee=user) | Q(assignee__isnull=True, assignee_team__in=user.teams.all()))
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("target_date", "id")
    )


def works_on_case_of(user: User, household) -> bool:
    """Whether a case of the household is assigned to or was created by the user (a relation
    that spares the reason step: frontlijn.privacy.access.add_relation)."""
    return Case.objects.filter(Q(assignee=user) | Q(created_by=user), household=household).exists()
