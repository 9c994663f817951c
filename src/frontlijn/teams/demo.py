"""Demo data for teams: ways of working, priorities with their history, an absence, a visit round."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from frontlijn.contacts.models import ContactMoment
from frontlijn.core.demo_context import DemoContext
from frontlijn.register.models import Household
from frontlijn.teams.models import FRONT_ROLES, Team, WayOfWorking
from frontlijn.teams.models_work import (
    Absence,
    PriorityKind,
    RoundCriterion,
    RoundVisit,
    SettingKind,
    TeamPriority,
    TeamSettingChange,
    VisitOutcome,
    VisitRound,
)

PRIORITY_SETS = [
    ["overlastmelding", "reparatieverzoek", "klacht"],
    ["reparatieverzoek", "klacht", "overlastmelding"],
    ["klacht", "overlastmelding"],
]


def load(ctx: DemoContext) -> None:
    wijk_teams = [t for t in ctx.teams if t.wijken.exists() or t.buurten.exists()]
    priorities, changes = [], []
    lead = ctx.users.get("teamleider")
    for index, team in enumerate(wijk_teams):
        codes = PRIORITY_SETS[index % len(PRIORITY_SETS)]
        priorities += [
            TeamPriority(team=team, kind=PriorityKind.CASE_TYPE, code=code, position=pos)
            for pos, code in enumerate(codes, start=1)
        ]
        changes.append(
            TeamSettingChange(team=team, kind=SettingKind.PRIORITIES, new_value=", ".join(codes), changed_by=lead)
        )
    TeamPriority.objects.bulk_create(priorities)
    TeamSettingChange.objects.bulk_create(changes)
    # The contact centre works by role; a repair queue for the whole association shows functiegericht routing.
    Team.objects.filter(name__in=["Klantcontactcentrum", "Team Verhuur"]).update(
        way_of_working=WayOfWorking.FUNCTIEGERICHT
    )
    if wijk_teams:
        first = wijk_teams[0]
        Team.objects.filter(pk=first.pk).update(contact_target_percent=35)
        TeamSettingChange.objects.create(
            team=first, kind=SettingKind.CONTACT_TARGET, old_value="30%", new_value="35%", changed_by=lead
        )
        _visit_round(ctx, first)
    huismeester = ctx.users.get("huismeester")
    if huismeester is not None:
        start = ctx.today + dt.timedelta(days=7)
        Absence.objects.create(user=huismeester, start_date=start, end_date=start + dt.timedelta(days=4))


def _visit_round(ctx: DemoContext, team: Team) -> None:
    today = ctx.today
    area = Q(unit__buurt__teams=team) | Q(unit__buurt__wijk__teams=team)
    household_ids = list(
        Household.objects.filter(area, residents__birth_year__lte=today.year - 75)
        .order_by("id")
        .values_list("id", flat=True)
        .distinct()[:40]
    )
    if not household_ids:
        return
    members = [u for u in team.members.order_by("username") if u.role in FRONT_ROLES]
    if not members:
        return
    visit_round = VisitRound.objects.create(
        team=team,
        name="Verjaardagsbezoek 75-plussers",
        criterion=RoundCriterion.AGE_75,
        start_date=today - dt.timedelta(days=14),
        end_date=today + dt.timedelta(days=28),
        minutes_per_visit=45,
        created_by=ctx.users.get("teamleider"),
    )
    visits = []
    contacts = []
    for index, household_id in enumerate(household_ids):
        member = members[index % len(members)]
        planned = visit_round.start_date + dt.timedelta(days=index)
        visit = RoundVisit(round=visit_round, household_id=household_id, assignee=member, planned_date=planned)
        if planned < today and ctx.rng.random() < 0.7:
            occurred = ctx.now - dt.timedelta(days=(today - planned).days, hours=ctx.rng.randint(1, 5))
            contacts.append(
                (
                    visit,
                    ContactMoment(
                        channel="BEZ",
                        direction="PRO",
                        staff=member,
                        household_id=household_id,
                        occurred_at=occurred,
                        duration_minutes=ctx.rng.choice([30, 40, 45, 60, 75]),
                        subject=visit_round.name,
                        process_note="Verjaardagsbezoek in het kader van de ronde 75-plussers.",
                        beyond_note=ctx.rng.choice(
                            [
                                "Mevrouw woont hier al veertig jaar en wil hier blijven; trap gaat nog goed.",
                                "Meneer is wat eenzaam sinds zijn vrouw is overleden; wijst op de koffieochtend.",
                                "Blij met het bezoek, vraagt of de tuin van de buren opgeknapt kan worden.",
                            ]
                        ),
                    ),
                )
            )
        elif planned < today and index % 3 == 0:  # tried, nobody home: back in the round
            visit.outcome, visit.attempts, visit.closed = VisitOutcome.NOT_HOME, 1, False
            visit.last_attempt_at = ctx.now - dt.timedelta(days=(today - planned).days)
        visits.append(visit)
    households = dict(Household.objects.filter(id__in=household_ids).values_list("id", "unit_id"))
    for _visit, contact in contacts:
        contact.unit_id = households.get(contact.household_id)
    created = ContactMoment.objects.bulk_create([c for _v, c in contacts])
    for (visit, _c), contact in zip(contacts, created, strict=True):
        visit.contact = contact
        visit.outcome, visit.attempts, visit.closed = VisitOutcome.VISITED, 1, True
        visit.last_attempt_at = contact.occurred_at
    RoundVisit.objects.bulk_create(visits)
