"""Teams and wijken side by side: one indicator for every area a user may see, over 12 or 24
complete months, next to the whole association.

Each row is exactly the single-scope figure of :mod:`frontlijn.dashboard.indicators` for that
area (the same numbers from :mod:`frontlijn.dashboard.measures`, roll-up or live by the same
rule), so the comparison always equals the dashboard filtered to that team or wijk. Who sees
which rows is decided by :func:`frontlijn.dashboard.selectors.scope_for` (the same gate as the
dashboard): managers, functioneel beheerders and superusers see the association, every team
and every wijk; teamleiders and front staff only their own teams.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from frontlijn.dashboard import indicators, periods, rollup, selectors

if TYPE_CHECKING:
    from frontlijn.register.models import Wijk
    from frontlijn.teams.models import Team, User

INDICATORS = {fn.__name__: fn for fn in indicators.INDICATORS}
SORTS = {"naam": _("naam"), "waarde": _("laatste maand"), "verandering": _("verandering")}
KIND_LABELS = {"association": _("Hele corporatie"), "team": _("Team"), "wijk": _("Wijk")}


@dataclass
class Row:
    kind: str  # "association", "team" or "wijk"
    name: str
    scope: indicators.Scope
    figure: indicators.Figure
    running: indicators.Figure | None = None

    @property
    def latest(self) -> float | None:
        return self.figure.values[-1] if self.figure.values else None

    @property
    def first(self) -> float | None:
        return next((v for v in self.figure.values if v is not None), None)

    @property
    def change(self) -> float | None:
        """The last complete month minus the first month with a value in the period."""
        if self.latest is None or self.first is None:
            return None
        return self.latest - self.first

    @property
    def running_value(self) -> float | None:
        return self.running.values[-1] if self.running is not None else None


def _areas(user: User) -> list[tuple[str, str, Team | None, Wijk | None]]:
    """(kind, name, team, wijk) of every area the user may compare."""
    areas: list[tuple[str, str, Team | None, Wijk | None]] = []
    if selectors.sees_whole_association(user):
        areas.append(("association", str(KIND_LABELS["association"]), None, None))
        areas += [("team", t.name, t, None) for t in selectors.dashboard_teams(user=user)]
        areas += [("wijk", w.name, None, w) for w in selectors.dashboard_wijken(user=user)]
    else:
        areas += [("team", t.name, t, None) for t in selectors.dashboard_teams(user=user)]
    return areas


def comparison_rows(
    *, user: User, indicator: str, months: int, end: dt.date | None = None, sort: str = "naam", descending: bool = False
) -> list[Row]:
    """One row per area the user may see, for ``indicator`` over ``months`` complete months
    ending on ``end`` (default: the last complete month), with the running month apart when the
    view ends on the last complete month; sorted by ``sort`` (None values last)."""
    compute = INDICATORS[indicator]
    end = periods.view_end(end)
    with_running = periods.shows_running_month(end)
    # One read of the roll-up's state for the complete months and the running one.
    view = rollup.View([*indicators.months_ending(end, months), periods.running_month()])
    running_view = view
    areas = _areas(user)
    scopes = [
        selectors.scope_for(user=user, team=team, wijk=wijk, last_month=end, months=months).use_rollup_view(view)
        for _kind, _name, team, wijk in areas
    ]
    indicators.Scope.prefetch_areas(scopes)
    rows = []
    for (kind, name, _team, _wijk), scope in zip(areas, scopes, strict=True):
        running = None
        if with_running:
            running = compute(scope.same_area([periods.running_month()]).use_rollup_view(running_view))
        rows.append(Row(kind=kind, name=name, scope=scope, figure=compute(scope), running=running))
    return sort_rows(rows, sort=sort, descending=descending)


def sort_rows(rows: list[Row], *, sort: str, descending: bool) -> list[Row]:
    """The association first, then the rows by ``sort``; rows without a value always last."""
    head = [r for r in rows if r.kind == "association"]
    rest = [r for r in rows if r.kind != "association"]
    if sort == "naam":
        rest.sort(key=lambda r: (r.name.casefold(), r.kind), reverse=descending)
        return head + rest
    attr = "latest" if sort == "waarde" else "change"
    known = [r for r in rest if getattr(r, attr) is not None]
    unknown = [r for r in rest if getattr(r, attr) is None]
    known.sort(key=lambda r: (getattr(r, attr), r.name.casefold()), reverse=descending)
    return head + known + sorted(unknown, key=lambda r: r.name.casefold())
