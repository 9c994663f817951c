"""The four instants at which date code breaks, for tests with a frozen clock.

Use the ``night`` fixture (tests/conftest.py) to run a test once at each of them, or
``at(instant)`` to travel to one instant inside a test. ``.ci/run`` also runs the whole suite
with the system clock set (libfaketime) to ``CI_NIGHT``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import time_machine

UTC = dt.UTC


@dataclass(frozen=True)
class Night:
    name: str
    instant: dt.datetime  # aware, UTC
    local_date: dt.date  # the date on the wall clock in Amsterdam at that instant
    local_time: str  # HH:MM on that wall clock

    def travel(self, *, tick: bool = True):
        return time_machine.travel(self.instant, tick=tick)


NIGHTS = [
    # 00:30 in Amsterdam (CET): the UTC date is still yesterday.
    Night("winter-2330utc", dt.datetime(2026, 12, 1, 23, 30, tzinfo=UTC), dt.date(2026, 12, 2), "00:30"),
    # 00:30 in Amsterdam (CEST): the UTC date is still yesterday.
    Night("summer-2230utc", dt.datetime(2026, 7, 14, 22, 30, tzinfo=UTC), dt.date(2026, 7, 15), "00:30"),
    # 02:30 CEST on 25 October 2026, the first pass through the hour that happens twice.
    Night("october-repeated-hour", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), dt.date(2026, 10, 25), "02:30"),
    # 03:30 CEST on 29 March 2026, just after the hour that does not exist (02:00-03:00).
    Night("march-missing-hour", dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC), dt.date(2026, 3, 29), "03:30"),
]

#: The instant .ci/run and `make test-night` give libfaketime (the repeated October hour).
CI_NIGHT = "2026-10-25 00:30:00"


def at(instant: dt.datetime, *, tick: bool = False):
    """Travel to ``instant`` (aware) for a ``with`` block; the clock stands still unless ``tick``."""
    return time_machine.travel(instant, tick=tick)
