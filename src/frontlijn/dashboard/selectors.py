"""Who may see which dashboard, and the figures for a scope.

The dashboard shows aggregates only — never a resident, never an individual answer — so it does
not read personal data through :mod:`frontlijn.privacy.scoping`; it does limit *which teams* a
user may look at:

- managers/bestuurders, functioneel beheerders and superusers: every team, every wijk and the
  whole association;
- teamleiders and front staff: only their own teams (a team must be chosen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from frontlijn.dashboard import huurdersoordeel, indicators, periods, rollup
from frontlijn.lib import clock
from frontlijn.privacy import capabilities
from frontlijn.register.models import Wijk
from frontlijn.teams.models import Team

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User

ORGANISATION_WIDE = capabilities.roles("dashboard_whole_association")
OWN_TEAM_ROLES = capabilities.roles("dashboard_own_teams")


def sees_whole_association(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in ORGANISATION_WIDE))


def can_see_dashboard(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return sees_whole_association(user) or (user.role in OWN_TEAM_ROLES and user.teams.exists())


def dashboard_teams(*, user: User) -> QuerySet[Team]:
    if sees_whole_association(user):
        return Team.objects.order_by("name")
    if user.role in OWN_TEAM_ROLES:
        return user.teams.order_by("name")
    return Team.objects.none()


def dashboard_wijken(*, user: User) -> QuerySet[Wijk]:
    if sees_whole_association(user):
        return Wijk.objects.order_by("name")
    team_ids = list(user.teams.values_list("pk", flat=True))
    return (
        (
            Wijk.objects.filter(pk__in=Wijk.objects.filter(teams__in=team_ids).values("pk"))
            | Wijk.objects.filter(pk__in=Wijk.objects.filter(buurten__teams__in=team_ids).values("pk"))
        )
        .distinct()
        .order_by("name")
    )


def scope_for(
    *, user: User, team: Team | None, wijk: Wijk | None, last_month: dt.date, months: int, allow_running: bool = False
) -> indicators.Scope:
    """The scope a user asked for, after checking they may see it. It ends on a complete month,
    unless ``allow_running`` (the exports) and the running month was asked for by name."""
    if not can_see_dashboard(user):
        raise PermissionDenied
    if not sees_whole_association(user):
        allowed = set(dashboard_teams(user=user).values_list("pk", flat=True))
        if team is None:
            team = dashboard_teams(user=user).first()
        if team is None or team.pk not in allowed:
            raise PermissionDenied
    if allow_running and periods.is_running_month(last_month, clock.today()):
        end = last_month.replace(day=1)
    else:
        end = periods.view_end(last_month)  # complete months only: the running month is shown apart
    return indicators.Scope(months=indicators.months_ending(end, months), team=team, wijk=wijk)


@dataclass
class Dashboard:
    scope: indicators.Scope  # the complete months of the view
    figures: list[indicators.Figure]
    oordeel: huurdersoordeel.Huurdersoordeel
    freshness: rollup.Freshness | None = None
    # The running month, shown apart ("lopende maand, t/m ..."), when the view ends on the last
    # complete month: its figures by key; never part of ``figures`` nor of the headline.
    running: dict[str, indicators.Figure] | None = None
    running_month: dt.date | None = None

    def running_value(self, figure: indicators.Figure) -> float | None:
        if not self.running:
            return None
        return self.running[figure.key].values[-1]

    def by_pillar(self) -> list[tuple[str, str, list[indicators.Figure]]]:
        return [(key, str(label), [f for f in self.figures if f.pillar == key]) for key, label in indicators.PILLARS]


def dashboard_compute(*, scope: indicators.Scope, with_running: bool | None = None) -> Dashboard:
    """Every figure of the scope: months from the roll-up where it is fresh, the rest live.

    ``with_running`` (default: when the scope ends on the last complete month) adds the running
    month's figures apart (:func:`frontlijn.dashboard.periods.shows_running_month`).
    """
    figures = indicators.all_figures(scope)
    oordeel = huurdersoordeel.compute(indicators.grades_per_kind(scope))
    dashboard = Dashboard(scope=scope, figures=figures, oordeel=oordeel, freshness=rollup.freshness(scope))
    if with_running is None:
        with_running = periods.shows_running_month(scope.months[-1])
    if with_running:
        month = periods.running_month()
        running = scope.same_area([month])
        dashboard.running = {f.key: f for f in indicators.all_figures(running)}
        dashboard.running_month = month
    return dashboard
