"""Reads for teams: my teams, the team's work in its own priority order, time for contact per week.

Contact time is summed per person and team; rows are always in name order. Nothing here ranks
people by their contact durations (see docs/teams.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from django.db.models import Case as CaseExpr
from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.http import Http404

from frontlijn.lib import clock
from frontlijn.privacy import capabilities
from frontlijn.teams.models import FRONT_ROLES, Team, User
from frontlijn.teams.models_work import Absence, PriorityKind, RoundVisit

if TYPE_CHECKING:
    from frontlijn.teams.models import User

WIDE_ROLES = capabilities.roles("teams_all")


def team_list_for(*, user: User) -> QuerySet[Team]:
    """The user's own teams; managers and administrators see every team."""
    if user.is_superuser or user.role in WIDE_ROLES:
        return Team.objects.all()
    return user.teams.all()


def team_get(*, user: User, pk: int) -> Team:
    try:
        return team_list_for(user=user).get(pk=pk)
    except Team.DoesNotExist as exc:
        raise Http404 from exc


def active_members(team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True).order_by("first_name", "last_name", "username")


def absent_user_ids(*, on: dt.date | None = None) -> set[int]:
    on = on or clock.today()
    return set(Absence.objects.filter(start_date__lte=on, end_date__gte=on).values_list("user_id", flat=True))


def member_workload(*, team: Team) -> list[dict]:
    """Members with their open cases and whether they are away today, in name order."""
    from frontlijn.cases.models import CLOSED_STATUSES

    absent = absent_user_ids()
    members = active_members(team).annotate(
        open_cases=Count("assigned_cases", filter=~Q(assigned_cases__status__in=CLOSED_STATUSES))
    )
    return [{"user": m, "open_cases": m.open_cases, "absent": m.pk in absent} for m in members]


def priority_order(team: Team):
    """An expression ranking case types by the team's own priority list (unlisted last)."""
    whens = [
        When(case_type=p.code, then=Value(p.position))
        for p in team.priorities.filter(kind=PriorityKind.CASE_TYPE).order_by("position")
    ]
    if not whens:
        return Value(10_000, output_field=IntegerField())
    return CaseExpr(*whens, default=Value(10_000), output_field=IntegerField())


def team_queue(*, user: User, team: Team):
    """Open cases in the team's queue (nobody has them yet), in the team's priority order."""
    from frontlijn.cases.models import CLOSED_STATUSES
    from frontlijn.cases.selectors import case_list

    return (
        case_list(user=user)
        .filter(assignee_team=team, assignee__isnull=True)
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(priority=priority_order(team))
        .order_by("priority", "target_date", "id")
    )


def team_open_cases(*, user: User, team: Team):
    """All open cases of the team (with or without a member), in the team's priority order."""
    from frontlijn.cases.models import CLOSED_STATUSES
    from frontlijn.cases.selectors import case_list

    return (
        case_list(user=user)
        .filter(Q(assignee_team=team) | Q(assignee__in=team.members.all()))
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(priority=priority_order(team))
        .order_by("priority", "target_date", "id")
        .distinct()
    )


# --- time for contact ---------------------------------------------------------------------------


def week_start_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


_THIS_WEEK = object()


@overload
def parse_week(value: str | None) -> dt.date: ...
@overload
def parse_week(value: str | None, default: dt.date | None) -> dt.date | None: ...
def parse_week(value: str | None, default: Any = _THIS_WEEK) -> dt.date | None:
    """``"2025-W07"`` (as an <input type=week> sends it) -> that Monday; else ``default``
    (this week's Monday unless given)."""
    if value:
        try:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        except (ValueError, TypeError):
            pass
    return week_start_of(clock.today()) if default is _THIS_WEEK else default


def _absent_weekdays(user_id: int, start: dt.date, end: dt.date, absences) -> int:
    days = set()
    for absence in absences:
        if absence.user_id != user_id:
            continue
        day = max(absence.start_date, start)
        while day <= min(absence.end_date, end):
            if day.weekday() < 5:
                days.add(day)
            day += dt.timedelta(days=1)
    return len(days)


@dataclass
class PersonWeek:
    user: User
    available_minutes: int
    contact_minutes: int = 0
    contact_count: int = 0
    planned_minutes: int = 0
    absent_days: int = 0
    week_start: dt.date | None = None  # set by my_contact_weeks

    @property
    def process_minutes(self) -> int:
        return max(self.available_minutes - self.contact_minutes, 0)

    @property
    def contact_percent(self) -> int:
        return round(100 * self.contact_minutes / self.available_minutes) if self.available_minutes else 0

    @property
    def planned_percent(self) -> int:
        total = self.contact_minutes + self.planned_minutes
        return round(100 * total / self.available_minutes) if self.available_minutes else 0


@dataclass
class TeamWeek:
    team: Team
    week_start: dt.date
    people: list[PersonWeek] = field(default_factory=list)

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def iso_week(self) -> str:
        year, week, _ = self.week_start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def target_percent(self) -> int:
        return self.team.contact_target_percent

    def _sum(self, attr: str) -> int:
        return sum(getattr(p, attr) for p in self.people)

    @property
    def available_minutes(self) -> int:
        return self._sum("available_minutes")

    @property
    def contact_minutes(self) -> int:
        return self._sum("contact_minutes")

    @property
    def planned_minutes(self) -> int:
        return self._sum("planned_minutes")

    @property
    def process_minutes(self) -> int:
        return self._sum("process_minutes")

    @property
    def contact_percent(self) -> int:
        return round(100 * self.contact_minutes / self.available_minutes) if self.available_minutes else 0

    @property
    def planned_percent(self) -> int:
        total = self.contact_minutes + self.planned_minutes
        return round(100 * total / self.available_minutes) if self.available_minutes else 0

    @property
    def meets_target(self) -> bool:
        return self.contact_percent >= self.target_percent


def person_weeks(*, users: list[User], hours_per_week: int, week_start: dt.date) -> list[PersonWeek]:
    """Contact time, planned visits and available time of each user in one week, in the given order."""
    from frontlijn.contacts.models import ContactMoment

    week_end = week_start + dt.timedelta(days=6)
    start_dt = clock.start_of_day(week_start)
    end_dt = clock.start_of_day(week_start + dt.timedelta(days=7))
    ids = [u.pk for u in users]
    contact = {
        row["staff"]: row
        for row in ContactMoment.objects.filter(staff__in=ids, occurred_at__gte=start_dt, occurred_at__lt=end_dt)
        .values("staff")
        .annotate(minutes=Sum("duration_minutes"), n=Count("id"))
    }
    planned = {
        row["assignee"]: row["minutes"] or 0
        for row in RoundVisit.objects.filter(
            assignee__in=ids, closed=False, planned_date__gte=week_start, planned_date__lte=week_end
        )
        .values("assignee")
        .annotate(minutes=Sum("round__minutes_per_visit"))
    }
    absences = list(Absence.objects.filter(user__in=ids, start_date__lte=week_end, end_date__gte=week_start))
    rows = []
    for user in users:
        absent_days = _absent_weekdays(user.pk, week_start, week_end, absences)
        available = round(hours_per_week * 60 * max(5 - absent_days, 0) / 5)
        row = contact.get(user.pk, {})
        rows.append(
            PersonWeek(
                user=user,
                available_minutes=available,
                contact_minutes=row.get("minutes") or 0,
                contact_count=row.get("n") or 0,
                planned_minutes=planned.get(user.pk, 0),
                absent_days=absent_days,
            )
        )
    return rows


def team_contact_week(*, team: Team, week_start: dt.date) -> TeamWeek:
    """The team's week: every front member's contact time vs. the team's target, in name order."""
    members = list(active_members(team).filter(role__in=[str(r) for r in FRONT_ROLES]))
    return TeamWeek(
        team=team,
        week_start=week_start,
        people=person_weeks(users=members, hours_per_week=team.hours_per_week, week_start=week_start),
    )


def my_contact_weeks(*, user: User, weeks: int = 4) -> list[PersonWeek]:
    """The user's own last ``weeks`` weeks (this week first), for the impact page."""
    team = user.teams.order_by("name").first()
    hours = team.hours_per_week if team else 36
    this_week = week_start_of(clock.today())
    result = []
    for back in range(weeks):
        start = this_week - dt.timedelta(weeks=back)
        week = person_weeks(users=[user], hours_per_week=hours, week_start=start)[0]
        week.week_start = start
        result.append(week)
    return result
