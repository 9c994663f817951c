"""Who may do what with plans. Plans hold no resident data; the briefing is pseudonymised.

- Plan owners (adviseur / projectleider) and managers create plans; the owner manages their
  own plan (phases, rounds, answers); a manager may step in for an owner.
- Managers, plan owners and team leads see every plan and the overview (figures only).
- Front staff see the plans they are invited to the table for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontlijn.privacy import capabilities

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User

# The role sets come from the one role -> capability table (privacy/capabilities.py).
PLAN_ROLES = capabilities.roles("plan_create")
OVERVIEW_ROLES = capabilities.roles("plan_overview")


def _active(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_create_plans(user: User) -> bool:
    return _active(user) and (user.is_superuser or user.role in PLAN_ROLES)


def sees_all_plans(user: User) -> bool:
    return _active(user) and (user.is_superuser or user.role in OVERVIEW_ROLES)


def can_start_plan_from_pattern(user: User) -> bool:
    """Team leads answer signal patterns and may start a plan from one (they then own it)."""
    return _active(user) and (user.is_superuser or capabilities.role_in(user, "plan_from_pattern"))


def can_manage_plan(user: User, plan) -> bool:
    if not _active(user):
        return False
    return bool(user.is_superuser or plan.owner_id == user.pk or capabilities.role_in(user, "plan_manage_any"))


def can_answer_inputs(user: User, plan) -> bool:
    return can_manage_plan(user, plan)


def uses_plans(user: User) -> bool:
    """Whether the "Plannen" menu item is shown: everyone but the functional administrator."""
    return _active(user) and (user.is_superuser or not capabilities.role_in(user, "no_plans"))
