"""Factories and helpers for the privacy tests."""

from __future__ import annotations

from django.contrib.auth.models import Group

from tests import factories as f

OFFICER_GROUP = "Functionaris gegevensbescherming"


def privacy_officer(**kwargs):
    user = f.UserFactory(role="beheerder", **kwargs)
    user.groups.add(Group.objects.get(name=OFFICER_GROUP))
    return user
