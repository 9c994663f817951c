"""Factories for the API tests (the shared model factories live in tests/factories.py)."""

from __future__ import annotations

from frontlijn.teams.models import Role
from tests.factories import UserFactory


def admin_user(**kwargs):
    """The functional administrator: the owner of an ERP integration's token."""
    return UserFactory(role=Role.BEHEERDER, **kwargs)
