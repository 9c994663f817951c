"""Demo data for appreciation: compliments between colleagues and from residents, and pulse answers."""

from __future__ import annotations

import datetime as dt

from frontlijn.appreciation.models import (
    PULSE_QUESTIONS,
    Compliment,
    ComplimentSource,
    PulseParticipation,
    PulseResponse,
)
from frontlijn.appreciation.services import period_for
from frontlijn.core.demo_context import DemoContext
from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.teams.models import Role

COLLEAGUE_TEXTS = [
    "Wat fijn dat je meneer Bakker gisteren nog hebt teruggebeld, hij was er echt blij mee.",
    "Knap hoe rustig je bleef bij die lastige overlastzaak.",
    "Dank voor het overnemen van mijn bezoeken toen ik ziek was!",
    "Jouw signaal over de schimmel in de Lindelaan heeft het hele complex geholpen.",
    "Goed dat je de buurvrouw in beeld bracht, de mantelzorg is nu geregeld.",
]
RESIDENT_TEXTS = [
    "Heel vriendelijk geholpen en echt de tijd genomen.",
    "Eindelijk iemand die luistert. Dank u wel!",
    "De huismeester kwam dezelfde dag nog kijken, top.",
]


def _periods(ctx: DemoContext, count: int) -> list[str]:
    periods: list[str] = []
    day = ctx.today
    while len(periods) < count:
        period = period_for(day)
        if period not in periods:
            periods.append(period)
        day = day.replace(day=1) - dt.timedelta(days=1)
    return periods


def load(ctx: DemoContext) -> None:
    staff = list(ctx.staff)
    if len(staff) < 2:
        return
    leads = [u for u in ctx.users.values() if u.role == Role.TEAMLEIDER]
    compliments, inbox = [], []
    for index in range(30):
        to_user = staff[index % len(staff)] if index % 3 else ctx.users.get("wijkbeheerder", staff[0])
        if index % 4 == 0:
            source, from_user, text = ComplimentSource.RESIDENT, None, ctx.rng.choice(RESIDENT_TEXTS)
        else:
            pool = leads if index % 4 == 1 and leads else staff
            from_user = ctx.rng.choice([u for u in pool if u.pk != to_user.pk] or staff)
            source = ComplimentSource.MANAGER if from_user.role == Role.TEAMLEIDER else ComplimentSource.COLLEAGUE
            text = ctx.rng.choice(COLLEAGUE_TEXTS)
        about = {}
        if source == ComplimentSource.RESIDENT:  # named like the resident's page named it
            about = {
                "about_contact_on": ctx.today - dt.timedelta(days=ctx.rng.randrange(1, 45)),
                "about_channel": ctx.rng.choice(["Telefoon", "Huisbezoek", "Balie"]),
                "about_staff_first_name": to_user.first_name,
            }
        compliments.append(Compliment(to_user=to_user, from_user=from_user, source=source, text=text, **about))
        title = f"Compliment van {from_user}" if from_user else "Compliment van een bewoner"
        inbox.append(
            InboxMessage(recipient=to_user, kind=InboxKind.COMPLIMENT, title=title, body=text, url="/waardering/")
        )
    Compliment.objects.bulk_create(compliments)
    InboxMessage.objects.bulk_create(inbox)

    # Pulse answers for the last six periods. The demo "wijkbeheerder" has not answered this period yet.
    current = period_for(ctx.today)
    responses, participations = [], []
    for period in _periods(ctx, 6):
        for user in staff:
            if period == current and user.username == "wijkbeheerder":
                continue
            team = user.teams.order_by("name").first()
            base = 3 + (1 if team and team.contact_target_percent >= 35 else 0)
            scores = {field: max(1, min(5, base + ctx.rng.choice([-2, -1, 0, 0, 1]))) for field, _q in PULSE_QUESTIONS}
            responses.append(PulseResponse(team=team, period=period, **scores))
            participations.append(PulseParticipation(user=user, period=period, team=team))
    ctx.rng.shuffle(responses)
    PulseResponse.objects.bulk_create(responses)
    PulseParticipation.objects.bulk_create(participations)
