"""Routing of new work: which team, and within the team which member with room.

The rules (also in docs/teams.md):

1. Candidate teams cover the unit's buurt (directly or through its wijk). Functiegericht teams
   without any area are organisation-wide role queues and are candidates everywhere.
2. A wijkgericht team takes all work in its area. A functiegericht team takes the work of the
   roles it has: a case type goes to the queue of the roles in :data:`CASE_TYPE_ROLES`, so the
   team is a candidate only when one of its members has such a role.
3. The team's own priorities decide between candidates: a team that lists the case type (or
   theme) higher wins; listed beats unlisted; then a team covering the area beats an
   organisation-wide one; then the team name.
4. Within the team the case goes to the member with room: present today (no absence), the
   fewest open cases; for a functiegericht team only members of the case type's roles. No member
   with room: the case stays in the team's queue (assignee empty) for someone to take.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from frontlijn.lib import clock
from frontlijn.teams.models import FRONT_ROLES, Role, Team, User, WayOfWorking
from frontlijn.teams.models_work import Absence, PriorityKind

# Which roles handle which case type when a team works functiegericht.
CASE_TYPE_ROLES: dict[str, tuple[str, ...]] = {
    "reparatieverzoek": (Role.OPZICHTER, Role.VAKMAN),
    "klacht": (Role.WOONCONSULENT,),
    "overlastmelding": (Role.WOONCONSULENT, Role.WIJKBEHEERDER),
    "inkomenscontrole": (Role.VERHUURMEDEWERKER,),
    "verhuur": (Role.VERHUURMEDEWERKER,),
}
# Signals (any theme) go to the roles that walk the neighbourhood.
THEME_ROLES: tuple[str, ...] = (Role.WIJKBEHEERDER, Role.HUISMEESTER, Role.WOONCONSULENT)
UNLISTED = 10_000


@dataclass(frozen=True)
class RoutingDecision:
    team: Team | None
    assignee: User | None
    reason: str = ""


def teams_covering(buurt_id: int):
    """Teams whose area covers the buurt, plus organisation-wide functiegericht teams."""
    covering = Team.objects.filter(Q(buurten__id=buurt_id) | Q(wijken__buurten__id=buurt_id))
    area_less = Team.objects.filter(
        way_of_working=WayOfWorking.FUNCTIEGERICHT, buurten__isnull=True, wijken__isnull=True
    )
    return covering, area_less


def _roles_for(kind: str, code: str) -> tuple[str, ...]:
    if kind == PriorityKind.CASE_TYPE:
        return CASE_TYPE_ROLES.get(code, ())
    return THEME_ROLES


def _active_members(team: Team):
    return team.members.filter(is_active=True, role__in=[str(r) for r in FRONT_ROLES])


def _priority_rank(team: Team, kind: str, code: str) -> int:
    for priority in team.priorities.all():
        if priority.kind == kind and priority.code == code:
            return priority.position
    return UNLISTED


def choose_team(*, buurt_id: int, kind: str, code: str) -> Team | None:
    covering, area_less = teams_covering(buurt_id)
    area_ids = set(covering.values_list("id", flat=True))
    candidates = (
        Team.objects.filter(Q(id__in=area_ids) | Q(id__in=area_less.values("id")))
        .distinct()
        .prefetch_related("priorities")
    )
    roles = [str(r) for r in _roles_for(kind, code)]
    ranked = []
    for team in candidates:
        if team.way_of_working == WayOfWorking.WIJKGERICHT:
            if team.id not in area_ids:
                continue
        elif not _active_members(team).filter(role__in=roles).exists():
            continue
        ranked.append((_priority_rank(team, kind, code), 0 if team.id in area_ids else 1, team.name, team))
    if not ranked:
        return None
    ranked.sort(key=lambda r: r[:3])
    return ranked[0][3]


def member_with_room(*, team: Team, roles: tuple[str, ...] | list[str] = ()) -> User | None:
    """The present member with the fewest open cases (ties: name), or None."""
    from frontlijn.cases.models import CLOSED_STATUSES

    today = clock.today()
    absent = Absence.objects.filter(start_date__lte=today, end_date__gte=today).values("user_id")
    members = _active_members(team).exclude(id__in=absent)
    if roles:
        members = members.filter(role__in=[str(r) for r in roles])
    members = members.annotate(
        open_cases=Count("assigned_cases", filter=~Q(assigned_cases__status__in=CLOSED_STATUSES))
    ).order_by("open_cases", "first_name", "last_name", "username")
    return members.first()


def route(*, buurt_id: int, kind: str, code: str) -> RoutingDecision:
    team = choose_team(buurt_id=buurt_id, kind=kind, code=code)
    if team is None:
        return RoutingDecision(None, None, "no team covers this area")
    roles = _roles_for(kind, code) if team.way_of_working == WayOfWorking.FUNCTIEGERICHT else ()
    assignee = member_with_room(team=team, roles=roles)
    return RoutingDecision(team, assignee, "member with room" if assignee else "team queue")


def route_case(*, unit, case_type: str) -> RoutingDecision:
    """Where a new case on ``unit`` goes. Called by ``cases.services.case_create``."""
    return route(buurt_id=unit.buurt_id, kind=PriorityKind.CASE_TYPE, code=case_type)


def route_signal(*, buurt_id: int, theme: str) -> RoutingDecision:
    """Where a new signal with ``theme`` (a theme code) in ``buurt_id`` goes; for the signals app."""
    return route(buurt_id=buurt_id, kind=PriorityKind.THEME, code=theme)
