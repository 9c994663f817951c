"""Role -> capability rules live in one table (privacy/capabilities.py); the modules that decide by
role read their role sets from it instead of spelling roles out."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import frontlijn
from frontlijn.privacy import capabilities
from frontlijn.teams.models import Role

ROOT = Path(frontlijn.__file__).parent
# Where access decisions are taken by role (the list, plus the teams, feedback and privacy
# helpers that did the same).
DECIDING_MODULES = [
    "privacy/scoping.py",
    "privacy/selectors.py",
    "privacy/views.py",
    "gdpr/views.py",
    "gdpr/selectors.py",
    "dashboard/selectors.py",
    "signals/selectors.py",
    "signals/pattern_selectors.py",
    "signals/patterns.py",
    "appreciation/views.py",
    "plans/permissions.py",
    "teams/selectors.py",
    "teams/services.py",
    "teams/apps.py",
    "feedback/selectors.py",
]


def _role_literals(tree: ast.AST) -> list[int]:
    """Lines where a role is compared (``role == Role.X``, ``in (Role.X, ...)``) or collected in a
    set/tuple/list literal: a role rule written outside the table."""

    def is_role(node) -> bool:
        return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Role"

    def role_rule(node) -> bool:
        if isinstance(node, ast.Compare):
            return any(is_role(n) for n in [node.left, *node.comparators])
        return isinstance(node, ast.Set | ast.Tuple | ast.List) and any(is_role(e) for e in node.elts)

    return [node.lineno for node in ast.walk(tree) if role_rule(node)]


@pytest.mark.parametrize("module", DECIDING_MODULES)
def test_no_module_spells_out_role_rules_itself(module):
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    assert _role_literals(tree) == [], f"{module}: role rules belong in privacy/capabilities.py CAPABILITIES"


def test_the_modules_read_their_role_sets_from_the_table():
    from frontlijn.dashboard import selectors as dashboard
    from frontlijn.plans import permissions as plans
    from frontlijn.privacy import scoping
    from frontlijn.signals import selectors as signals

    assert scoping.AREA_ROLES is capabilities.roles("residents_in_area")
    assert scoping.HOME_SEEKER_ROLES is capabilities.roles("home_seekers")
    assert dashboard.ORGANISATION_WIDE is capabilities.roles("dashboard_whole_association")
    assert signals.AGGREGATE_ROLES is capabilities.roles("signal_aggregates")
    assert plans.PLAN_ROLES is capabilities.roles("plan_create")


def test_every_capability_names_known_roles_only():
    known = set(Role.values)
    for name, roles in capabilities.CAPABILITIES.items():
        assert roles and set(roles) <= known, name


@pytest.mark.django_db
def test_superusers_hold_every_capability_and_inactive_users_none():
    from tests import factories as f

    superuser = f.UserFactory(is_superuser=True, role=Role.VAKMAN)
    inactive = f.UserFactory(role=Role.BEHEERDER, is_active=False)
    for name in capabilities.CAPABILITIES:
        assert capabilities.has(superuser, name)
        assert not capabilities.has(inactive, name)
