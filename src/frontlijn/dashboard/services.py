"""Writes of the dashboard app: refreshing the monthly roll-up (see rollup.py)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.db import transaction

from frontlijn.dashboard import indicators as ind
from frontlijn.dashboard import rollup
from frontlijn.dashboard.models import MonthlyTotal, RollupMonth
from frontlijn.lib import clock

DEFAULT_MONTHS = 3  # closed months a plain refresh rebuilds besides the current one (late answers)
SHOWN_MONTHS = 24  # closed months the dashboard can show (its longest view), besides the running one
CHUNK_MONTHS = 12  # months built by one grouped query per source


@dataclass
class RefreshResult:
    months: list[dt.date]
    rows: int
    seconds: float
    refreshed_at: dt.datetime

    def as_dict(self) -> dict:
        return {
            "months": [f"{m:%Y-%m}" for m in self.months],
            "rows": self.rows,
            "seconds": round(self.seconds, 2),
            "refreshed_at": self.refreshed_at.isoformat(),
        }


def _chunks(months: list[dt.date]) -> list[list[dt.date]]:
    """Contiguous runs of at most CHUNK_MONTHS months."""
    out: list[list[dt.date]] = []
    for m in sorted(set(months)):
        if out and out[-1][-1] == ind.add_months(m, -1) and len(out[-1]) < CHUNK_MONTHS:
            out[-1].append(m)
        else:
            out.append([m])
    return out


def rollup_months_to_refresh(*, last: int = DEFAULT_MONTHS, everything: bool = False) -> list[dt.date]:
    """The months a refresh rebuilds: every month from the first one with data and every month
    the dashboard can show (``everything``),
    else the current month, the last ``last`` closed ones, and every other month the dashboard
    can show (the last :data:`SHOWN_MONTHS` closed ones) that the roll-up does not hold fresh —
    missing, or refreshed before the month ended. So after any refresh every month a dashboard
    view can show is in the roll-up; once filled, those older months are not rebuilt again."""
    current = rollup.current_month()
    if everything:
        first = min(rollup.first_month() or current, ind.add_months(current, -SHOWN_MONTHS))
        count = (current.year - first.year) * 12 + current.month - first.month + 1
        return ind.months_ending(current, max(1, count))
    recent = ind.months_ending(current, max(0, last) + 1)
    shown = ind.months_ending(current, SHOWN_MONTHS + 1)
    states = dict(RollupMonth.objects.filter(month__in=shown).values_list("month", "refreshed_at"))
    stale = [m for m in shown if not rollup.is_fresh(m, states.get(m))]
    return sorted(set(recent) | set(stale))


def rollup_refresh(
    *, months: list[dt.date] | None = None, last: int = DEFAULT_MONTHS, everything: bool = False
) -> RefreshResult:
    """Rebuild the roll-up from the source rows.

    ``months`` (first days of months, up to the current one) when given, else the current month
    and the last ``last`` closed ones, or with ``everything`` every month from the first one with
    data. Each run of up to twelve months is replaced in one transaction, so a page sees a month
    either before or after. The months are stamped with the moment the refresh *started*: what
    was committed after that may or may not be in it, and counts from the next refresh.
    """
    if months is None:
        months = rollup_months_to_refresh(last=last, everything=everything)
    current = rollup.current_month()
    months = sorted({ind.month_start(m) for m in months if ind.month_start(m) <= current})
    started_at = clock.now()
    started = time.monotonic()
    total = 0
    for chunk in _chunks(months):
        rows = list(rollup.build(chunk))
        per_month: dict[dt.date, int] = {}
        for row in rows:
            per_month[row.month] = per_month.get(row.month, 0) + 1
        with transaction.atomic():
            MonthlyTotal.objects.filter(month__in=chunk).delete()
            MonthlyTotal.objects.bulk_create(rows, batch_size=5000)
            RollupMonth.objects.filter(month__in=chunk).delete()
            RollupMonth.objects.bulk_create(
                [RollupMonth(month=m, refreshed_at=started_at, rows=per_month.get(m, 0)) for m in chunk]
            )
        total += len(rows)
    return RefreshResult(months=months, rows=total, seconds=time.monotonic() - started, refreshed_at=started_at)
