"""Which month a report opens on. Pure functions of a date: the caller passes today
(``frontlijn.lib.clock.today()``, the association's wall clock)."""

from __future__ import annotations

import datetime as dt


def last_complete_month(today: dt.date) -> dt.date:
    """The first day of the last month that has ended by ``today`` (on the 1st: the month before)."""
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def is_running_month(month: dt.date, today: dt.date) -> bool:
    """True if ``month`` (any day in it) is the month ``today`` falls in: not complete yet."""
    return (month.year, month.month) == (today.year, today.month)
