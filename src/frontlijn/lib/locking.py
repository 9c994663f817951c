"""Optimistic locking for edit forms of shared records (cases, plans, team settings).

The record carries a ``version`` (a positive integer, 1 when created). The edit form sends back
the version the user saw (a hidden field); the service locks the row, compares, and refuses the
change with :class:`StaleEditError` when someone else saved in between. The view then shows the
current record next to what the user typed, which stays in the form. Every successful change
raises the version by one.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class StaleEditError(ValidationError):
    """Someone else changed the record after the user opened it."""


class VersionField(forms.IntegerField):
    """The hidden field with the version the user saw. Missing (an old page, a script): no check."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(**kwargs)


def check_version(locked, seen: int | None, message: str) -> None:
    """``locked``: the row, read with ``select_for_update``; ``seen``: the version the user saw."""
    if seen is not None and locked.version != seen:
        raise StaleEditError(message, code="stale")


def bump(locked) -> None:
    locked.version += 1


def show_current_version(form, version: int, field: str = "version") -> None:
    """After a conflict: the form keeps what the user typed but now carries the current version,
    so saving again (having seen the other change) goes through."""
    data = form.data.copy()
    data[form.add_prefix(field)] = str(version)
    form.data = data
