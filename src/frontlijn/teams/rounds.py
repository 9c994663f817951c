"""Proactive visit rounds: plan (services), divide, record each visit as a contact moment, progress.

Households are always selected through the privacy scope of the person planning the round and
restricted to the team's own area.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from frontlijn.lib import clock
from frontlijn.privacy import scoping
from frontlijn.register.models import Complex, Household
from frontlijn.teams.models import FRONT_ROLES, Team
from frontlijn.teams.models_work import (
    RETRY_OUTCOMES,
    WALKING_ORDER,
    RoundCriterion,
    RoundVisit,
    VisitOutcome,
    VisitRound,
)

if TYPE_CHECKING:
    from frontlijn.teams.models import User

AGE = 75
NO_CONTACT_DAYS = 365


def team_buurt_ids(team: Team) -> set[int]:
    from frontlijn.register.models import Buurt

    return set(Buurt.objects.filter(Q(teams=team) | Q(wijk__teams=team)).values_list("id", flat=True))


def team_complexes(team: Team) -> QuerySet:
    """The complexes in the team's area, for a round along one complex."""
    return Complex.objects.filter(buurt_id__in=team_buurt_ids(team)).order_by("code")


def round_households(*, user: User, team: Team, criterion: str, complex=None, today: dt.date | None = None) -> QuerySet:
    """The households a round with this criterion would visit (scoped; within the team's area)."""
    today = today or clock.today()
    qs = scoping.scope_households(user, Household.objects.filter(unit__isnull=False))
    qs = qs.filter(unit__buurt_id__in=team_buurt_ids(team))
    if criterion == RoundCriterion.COMPLEX:
        qs = qs.filter(unit__complex=complex) if complex is not None else qs.none()
    elif criterion == RoundCriterion.AGE_75:
        qs = qs.filter(residents__birth_year__lte=today.year - AGE)
        if complex is not None:
            qs = qs.filter(unit__complex=complex)
    elif criterion == RoundCriterion.NO_CONTACT:
        cutoff = clock.now() - dt.timedelta(days=NO_CONTACT_DAYS)
        qs = qs.filter(Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=cutoff))
        if complex is not None:
            qs = qs.filter(unit__complex=complex)
    else:
        return qs.none()
    return qs.distinct()


@transaction.atomic
def visit_round_create(
    *,
    team: Team,
    user: User,
    name: str,
    criterion: str,
    start_date: dt.date,
    end_date: dt.date,
    complex=None,
    minutes_per_visit: int = 30,
) -> VisitRound:
    from frontlijn.teams.services import can_manage_team

    if not can_manage_team(user, team):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Geef de ronde een naam, bijvoorbeeld: 75-plussers Bloemhof.")]
    if criterion == RoundCriterion.COMPLEX and complex is None:
        errors["complex"] = [_("Kies het complex waarvan je alle huishoudens wilt bezoeken.")]
    if end_date < start_date:
        errors["end_date"] = [_("De ronde is klaar op of na de startdatum.")]
    if not 5 <= minutes_per_visit <= 240:
        errors["minutes_per_visit"] = [_("Een bezoek duurt 5 tot en met 240 minuten.")]
    if errors:
        raise ValidationError(errors)
    household_ids = list(
        round_households(user=user, team=team, criterion=criterion, complex=complex).values_list("id", flat=True)
    )
    if not household_ids:
        raise ValidationError(
            _(
                "Deze ronde heeft geen huishoudens: in het gebied van het team voldoet niemand aan deze keuze. "
                "Kies een ander complex of een andere groep."
            )
        )
    visit_round = VisitRound.objects.create(
        team=team,
        name=name.strip(),
        criterion=criterion,
        complex=complex,
        start_date=start_date,
        end_date=end_date,
        minutes_per_visit=minutes_per_visit,
        created_by=user,
    )
    RoundVisit.objects.bulk_create([RoundVisit(round=visit_round, household_id=h) for h in household_ids])
    return visit_round


@transaction.atomic
def visit_round_divide(*, visit_round: VisitRound, user: User, members: list | None = None) -> int:
    """Divide the unassigned, open visits over the members evenly and plan them over the round's days.

    Returns the number of visits divided.
    """
    from frontlijn.teams.services import can_manage_team

    if not can_manage_team(user, visit_round.team):
        raise PermissionDenied
    if members is None:
        members = list(
            visit_round.team.members.filter(is_active=True, role__in=[str(r) for r in FRONT_ROLES]).order_by(
                "first_name", "last_name", "username"
            )
        )
    if not members:
        raise ValidationError(_("Het team heeft geen medewerkers om de bezoeken over te verdelen."))
    load = dict.fromkeys((m.pk for m in members), 0)
    for row in visit_round.visits.filter(assignee__in=members).values("assignee").annotate(n=Count("id")):
        load[row["assignee"]] = row["n"]
    open_visits = list(visit_round.visits.filter(assignee__isnull=True, closed=False).order_by(*WALKING_ORDER))
    days = max((visit_round.end_date - visit_round.start_date).days + 1, 1)
    for index, visit in enumerate(open_visits):
        member_id = min(load, key=lambda pk: (load[pk], pk))
        load[member_id] += 1
        visit.assignee_id = member_id
        visit.planned_date = visit_round.start_date + dt.timedelta(days=(index * days) // max(len(open_visits), 1))
    RoundVisit.objects.bulk_update(open_visits, ["assignee", "planned_date"])
    return len(open_visits)


@transaction.atomic
def round_visit_record(
    *,
    visit: RoundVisit,
    user: User,
    occurred_at: dt.datetime,
    duration_minutes: int,
    process_note: str = "",
    beyond_note: str = "",
    beyond_tags: list[str] | None = None,
):
    """Record a round visit as a proactive home-visit contact moment (direction PRO, channel BEZ)."""
    from frontlijn.contacts.services import contact_moment_create

    visit = _visit_for_update(visit=visit, user=user)
    contact = contact_moment_create(
        staff=user,
        channel="BEZ",
        direction="PRO",
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        household=visit.household,
        subject=visit.round.name,
        process_note=process_note,
        beyond_note=beyond_note,
        beyond_tags=beyond_tags,
    )
    visit.contact = contact
    _close_attempt(visit=visit, user=user, outcome=VisitOutcome.VISITED, at=occurred_at)
    visit.save(update_fields=["contact", "assignee", "outcome", "attempts", "last_attempt_at", "closed"])
    return contact


def _visit_for_update(*, visit: RoundVisit, user: User) -> RoundVisit:
    visit = RoundVisit.objects.select_for_update().select_related("round", "household").get(pk=visit.pk)
    if visit.closed or visit.contact_id is not None:
        raise ValidationError(_("Dit bezoek is al vastgelegd."))
    if visit.assignee_id not in (None, user.pk) and not visit.round.team.members.filter(pk=user.pk).exists():
        raise PermissionDenied
    return visit


def _close_attempt(*, visit: RoundVisit, user: User, outcome: str, at: dt.datetime) -> None:
    visit.outcome = outcome
    visit.attempts += 1
    visit.last_attempt_at = at
    visit.closed = outcome not in RETRY_OUTCOMES
    if visit.assignee_id is None:
        visit.assignee = user


@transaction.atomic
def round_visit_outcome_record(
    *, visit: RoundVisit, user: User, outcome: str, at: dt.datetime | None = None
) -> RoundVisit:
    """Record a try without a conversation: niet thuis, geen gehoor, afgezegd, later terugkomen.

    "Niet thuis" and "later terugkomen" keep the address open: it comes back after the addresses
    not yet tried (:func:`round_walk`). A conversation is recorded with :func:`round_visit_record`.
    """
    if outcome not in VisitOutcome.values or outcome == VisitOutcome.VISITED:
        raise ValidationError({"outcome": [_("Kies wat er aan de deur gebeurde.")]})
    visit = _visit_for_update(visit=visit, user=user)
    _close_attempt(visit=visit, user=user, outcome=outcome, at=at or clock.now())
    visit.save(update_fields=["assignee", "outcome", "attempts", "last_attempt_at", "closed"])
    return visit


def round_walk(visits) -> list[RoundVisit]:
    """Open visits in the order to walk them: first the addresses not yet tried, in walking order
    (street, house number as a number, letter, addition), then those back for another try."""

    def walking_key(v: RoundVisit):
        unit = v.household.unit
        if unit is None:
            return (v.attempts, "", 0, "", "", v.pk)
        return (v.attempts, unit.street, unit.house_number, unit.house_letter, unit.house_number_addition, v.pk)

    return sorted((v for v in visits if not v.closed), key=walking_key)


@dataclass
class RoundProgress:
    total: int
    done: int  # closed: visited, or no answer or declined
    assigned: int
    visited: int = 0
    retry: int = 0  # not home / later: back for another try

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def round_progress(visit_round: VisitRound) -> RoundProgress:
    agg = visit_round.visits.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(closed=True)),
        assigned=Count("id", filter=Q(assignee__isnull=False)),
        visited=Count("id", filter=Q(outcome=VisitOutcome.VISITED)),
        retry=Count("id", filter=Q(closed=False, attempts__gt=0)),
    )
    return RoundProgress(agg["total"], agg["done"], agg["assigned"], agg["visited"], agg["retry"])


def round_list(*, team: Team) -> list[tuple[VisitRound, RoundProgress]]:
    rounds = team.visit_rounds.annotate(
        n_total=Count("visits"),
        n_done=Count("visits", filter=Q(visits__closed=True)),
        n_assigned=Count("visits", filter=Q(visits__assignee__isnull=False)),
    )
    return [(r, RoundProgress(r.n_total, r.n_done, r.n_assigned)) for r in rounds]


def round_visits_for(*, user: User, visit_round: VisitRound) -> QuerySet[RoundVisit]:
    """The round's visits with their households, through the user's privacy scope."""
    visible = scoping.scope_households(user, Household.objects.all()).values("id")
    return (
        visit_round.visits.filter(household__in=visible)
        .select_related("household", "household__unit", "assignee", "contact")
        .order_by(*WALKING_ORDER)
    )


def rounds_today_for(*, user: User, today: dt.date | None = None) -> list[tuple[VisitRound, int]]:
    """The rounds running today in which the user has open visits, with how many (Mijn dag; one query)."""
    today = today or clock.today()
    open_mine = Q(visits__assignee=user, visits__closed=False)
    rounds = (
        VisitRound.objects.filter(open_mine, start_date__lte=today, end_date__gte=today)
        .annotate(n_open=Count("visits", filter=open_mine))
        .order_by("end_date", "pk")
    )
    return [(r, r.n_open) for r in rounds]
