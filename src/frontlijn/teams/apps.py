from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def _has_team_page(user: User) -> bool:
    from frontlijn.privacy import capabilities

    return bool(capabilities.has(user, "teams_all") or user.teams.exists())


def _team_panel(request):
    """Home panel: the work in my teams' queues that nobody has taken yet."""
    from frontlijn.teams import selectors

    user = request.user
    if not user.is_authenticated or not user.is_front:
        return None
    teams = list(user.teams.all())
    if not teams:
        return None
    rows = [(team, selectors.team_queue(user=user, team=team).count()) for team in teams]
    return "teams/_home_panel.html", {"rows": rows}


def _rounds_today_panel(request):
    """Home panel: today's visit rounds with my open visits (fetched ahead for offline use)."""
    from frontlijn.teams.rounds import rounds_today_for

    user = request.user
    if not user.is_authenticated or not user.is_front or not user.teams.all():  # teams: prefetched
        return None
    rows = rounds_today_for(user=user)
    return ("teams/_rounds_today_panel.html", {"rows": rows}) if rows else None


class TeamsConfig(AppConfig):
    name = "frontlijn.teams"
    label = "teams"

    def ready(self) -> None:
        from frontlijn.core import navigation

        navigation.add("teams:list", _("Mijn team"), order=60, visible=_has_team_page)
        navigation.add_home_panel("teams-queue", _team_panel, order=40)
        navigation.add_home_panel("teams-rounds-today", _rounds_today_panel, order=35)
