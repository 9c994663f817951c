"""Hand-made data helpers for the dashboard tests."""

import datetime as dt

from django.utils import timezone

from frontlijn.dashboard.indicators import Scope

JAN = dt.date(2026, 1, 1)
FEB = dt.date(2026, 2, 1)


def at(day: int, month: int = 1, hour: int = 12) -> dt.datetime:
    """An aware datetime in 2026 in the association's time zone."""
    return timezone.make_aware(dt.datetime(2026, month, day, hour, 0))


def scope(**kwargs) -> Scope:
    return Scope(months=[JAN, FEB], **kwargs)


def set_created(obj, when: dt.datetime) -> None:
    """Backdate an ``auto_now_add`` timestamp."""
    type(obj).objects.filter(pk=obj.pk).update(created_at=when)
