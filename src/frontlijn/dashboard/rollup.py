"""The monthly roll-up: the dashboard's numbers per month, pre-aggregated.

Computing a year of figures for the whole association from the source rows reads ~500,000
contact moments and ~100,000 signals at the size of the largest association, which takes
longer than a page may. The roll-up (:class:`~frontlijn.dashboard.models.MonthlyTotal`) keeps,
per month, the totals of each *source* grouped by the dimensions the dashboard filters
on (who did the work, in which buurt or wijk, for which team, which kind of answer), so a
page sums a few thousand small rows instead.

Rules (also in docs/dashboard.md):

- A *closed* month (before the current one) is read from the roll-up when its last refresh
  *started after the month ended*; the *current* month when its last refresh started less than
  :func:`current_month_max_age` ago (default 60 minutes; 0 keeps the current month live).
  Every other month is computed live from the source rows. So a figure is either live or "as
  of the refresh", and the page says which (:func:`freshness`).
- Dimensions are joined to the current teams, team membership, roles and wijken when the
  roll-up is read, exactly as the live computation does; only the buurt of a unit or household
  (where the work was done) is taken as it was at the refresh.
- A change shows after the next refresh of its month. ``frontlijn dashboard refresh`` rebuilds
  the current month and the last three closed months (answers for last month keep arriving
  for two weeks); ``--all`` rebuilds every month (after an import of old data or a change of
  buurt boundaries).

The pulse survey (small, and privacy-sensitive per team) and the plans-with-a-round figure
(which depends on each plan's current area and input rounds) are always computed live.

Reading: :func:`rolled_indices` (which months of a scope come from the roll-up), :func:`read`
(the same per-month numbers the live ``indicators._live_*`` functions return) and
:func:`freshness`. Writing: :func:`frontlijn.dashboard.services.rollup_refresh`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, QuerySet

from frontlijn.dashboard import indicators as ind
from frontlijn.dashboard import measures
from frontlijn.dashboard.models import MonthlyTotal, RollupMonth
from frontlijn.lib import clock
from frontlijn.teams.models import FRONT_ROLES, User


def installed_sources() -> list[measures.Source]:
    return measures.installed_sources()


def build(months: list[dt.date]) -> Iterator[MonthlyTotal]:
    """The roll-up rows of contiguous ``months``, computed from the source rows.

    Per source, one grouped query: every measure of the source (measures.SOURCES) per month and
    per combination of its dimensions; each measure goes into the column of its name.
    """
    scope = ind.Scope(months=months, live=True)
    for source in installed_sources():
        bounds = scope.date_bounds() if source.is_date else scope.datetime_bounds()
        dims = list(source.dims.items())
        rows = ind.grouped_rows(
            source.queryset(),
            field_name=source.date_field,
            bounds=bounds,
            by=[path for _column, path in dims],
            **{measures.alias(m.name): m.live() for m in source.measures},
        )
        for row in rows:
            values = {column: row[path] for column, path in dims}
            if "kind" in values:
                values["kind"] = values["kind"] or ""
            sums = {m.name: m.to_int(row[measures.alias(m.name)]) for m in source.measures}
            yield MonthlyTotal(source=source.key, month=months[row["_m"]], **values, **sums)


def first_month() -> dt.date | None:
    """The earliest month any source has a row in (for ``refresh --all``)."""
    firsts = []
    for source in installed_sources():
        value = source.queryset().aggregate(first=Min(source.date_field))["first"]
        if value is None:
            continue
        if isinstance(value, dt.datetime):
            value = clock.localdate(value)
        firsts.append(ind.month_start(value))
    return min(firsts) if firsts else None


# --- reading ---------------------------------------------------------------------------------


def current_month() -> dt.date:
    return clock.today().replace(day=1)


def _month_end(month: dt.date) -> dt.datetime:
    nxt = ind.add_months(month, 1)
    return clock.start_of_day(nxt)


class View:
    """What the roll-up holds for a run of months, read once: the refresh stamp of each month
    and who counts as front staff (part of the memo key). Held by the scope (Scope.rollup_view)."""

    def __init__(self, months: list[dt.date]):
        self.months = list(months)
        self._states: dict[dt.date, dt.datetime] | None = None
        self._front_staff_ids: list[int] | None = None

    def states(self) -> dict[dt.date, dt.datetime]:
        if self._states is None:
            months = [m for m in self.months if m <= current_month()]
            self._states = dict(RollupMonth.objects.filter(month__in=months).values_list("month", "refreshed_at"))
        return self._states

    def front_staff_ids(self) -> list[int]:
        if self._front_staff_ids is None:
            self._front_staff_ids = sorted(_front_staff().values_list("pk", flat=True))
        return self._front_staff_ids


def _states(scope: ind.Scope) -> dict[dt.date, dt.datetime]:
    return scope.rollup_view().states()


def current_month_max_age() -> dt.timedelta:
    """How old the roll-up of the current month may be to be used (0: always live).

    ``FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE`` in minutes (setting or environment), default 60:
    with a refresh every 15 minutes, a missed run or two still serves the page from the roll-up;
    if refreshes stop, the current month quietly falls back to live.
    """
    value = getattr(settings, "FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE", None)
    if value is None:
        value = os.environ.get("FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE", "60")
    return dt.timedelta(minutes=int(value))


def is_fresh(month: dt.date, refreshed_at: dt.datetime | None, *, now: dt.datetime | None = None) -> bool:
    """Whether a month is read from the roll-up: closed and refreshed after it ended, or the
    current month refreshed recently enough."""
    if refreshed_at is None:
        return False
    current = current_month()
    if month < current:
        return refreshed_at >= _month_end(month)
    if month == current:
        max_age = current_month_max_age()
        return max_age > dt.timedelta(0) and (now or clock.now()) - refreshed_at <= max_age
    return False


def rolled_indices(scope: ind.Scope) -> list[int]:
    """Indices of the scope's months that are read from the roll-up."""
    if scope.live:
        return []
    states = _states(scope)
    return [i for i, m in enumerate(scope.months) if is_fresh(m, states.get(m))]


@dataclass
class Freshness:
    """How fresh the figures of a scope are: which months come from the roll-up, as of when."""

    refreshed_at: dt.datetime | None  # the newest refresh among the rolled-up months
    oldest_refresh: dt.datetime | None  # the oldest one (older months are rebuilt less often)
    rolled: list[dt.date] = field(default_factory=list)
    live: list[dt.date] = field(default_factory=list)


def freshness(scope: ind.Scope) -> Freshness:
    indices = set(rolled_indices(scope))
    states = _states(scope) if indices else {}
    rolled = [m for i, m in enumerate(scope.months) if i in indices]
    return Freshness(
        refreshed_at=max((states[m] for m in rolled), default=None),
        oldest_refresh=min((states[m] for m in rolled), default=None),
        rolled=rolled,
        live=[m for i, m in enumerate(scope.months) if i not in indices],
    )


def _front_staff() -> QuerySet:
    return User.objects.filter(role__in=list(FRONT_ROLES)).values("pk")


def read(scope: ind.Scope, numbers: measures.Numbers | str, indices: list[int]) -> dict[int, dict]:
    """The per-month ``numbers`` of the months ``indices`` of the scope, from the roll-up.

    Memoised in Django's cache: roll-up rows change only when a refresh rewrites their month,
    and a refresh stamps the month anew in the same transaction, so a key made of the months'
    stamps and of everything else the sums depend on (the team's people, the wijk's buurten,
    who counts as front staff) always gives the sums the database would give.
    """
    if not indices:
        return {}
    if isinstance(numbers, str):
        numbers = measures.NUMBERS[numbers]
    key = _read_key(scope, numbers, indices)
    found = cache.get(key)
    if found is None:
        found = measures.rolled(numbers, scope, indices)
        cache.set(key, found, READ_CACHE_SECONDS)
    return found


READ_CACHE_SECONDS = 24 * 3600


def _read_key(scope: ind.Scope, numbers: measures.Numbers, indices: list[int]) -> str:
    """Everything the sums depend on: the numbers, the area they are filtered to (the team's
    people, the wijk's buurten, ...), who counts as front staff (when it matters) and the
    refresh stamps of the months."""
    states = _states(scope)
    parts = (
        numbers.name,
        sorted((dim, list(ids)) for dim, ids in numbers.area(scope).items()),
        scope.rollup_view().front_staff_ids() if numbers.front_staff else None,
        [(scope.months[i].isoformat(), states[scope.months[i]].isoformat(), i) for i in indices],
    )
    return "dashboard-rollup:" + hashlib.sha256(repr(parts).encode()).hexdigest()
