"""Demo data for resident feedback: a year of anonymous answers per team, plus a few open links.

Grades are drawn around the sector averages (nieuwe huurders and reparaties 7.7, vertrokken
huurders 7.4) with a small offset per team, so the dashboard shows differences between teams
and a huurdersoordeel letter. About one in ten residents opts in to be contacted.
"""

from __future__ import annotations

import datetime as dt

from frontlijn.core.demo_context import DemoContext
from frontlijn.feedback.models import FeedbackResponse, Kind

MEANS = {Kind.NEW_TENANTS: 7.7, Kind.REPAIRS: 7.7, Kind.LEFT_TENANTS: 7.4, Kind.GENERAL: 7.6}
PER_MONTH = {"small": 2, "demo": 1, "large": 3}  # multiplier of answers per team per month
COUNTS = {Kind.GENERAL: 6, Kind.REPAIRS: 4, Kind.NEW_TENANTS: 2, Kind.LEFT_TENANTS: 1}
COMMENTS = [
    "Vriendelijk geholpen, dank u wel.",
    "Het duurde lang voordat de monteur kwam.",
    "Fijn dat er echt naar me geluisterd werd.",
    "Ik werd twee keer doorverbonden.",
    "",
    "",
    "",
]


def _months(today: dt.date, count: int) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for i in range(count):
        index = first.year * 12 + first.month - 1 - i
        months.append(dt.date(index // 12, index % 12 + 1, 1))
    return months


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    teams = list(ctx.teams)
    if not teams:
        return
    team_wijk = {}
    for team in teams:
        wijk = team.wijken.first()
        if wijk is None:
            buurt = team.buurten.select_related("wijk").first()
            wijk = buurt.wijk if buurt else None
        team_wijk[team.pk] = wijk.pk if wijk else None
    offsets = {team.pk: rng.uniform(-0.5, 0.6) for team in teams}
    factor = PER_MONTH.get(ctx.size, 1)
    household_ids = list(ctx.household_ids)
    rows = []
    for month in _months(ctx.today, 13):
        for team in teams:
            for kind, count in COUNTS.items():
                for _ in range(count * factor):
                    grade = max(1, min(10, round(rng.gauss(MEANS[kind] + offsets[team.pk], 1.2))))
                    heard = "ja" if grade >= 7 else rng.choice(["deels", "nee", "ja"])
                    opt_in = rng.random() < 0.1 and bool(household_ids)
                    rows.append(
                        FeedbackResponse(
                            kind=kind,
                            team_id=team.pk,
                            wijk_id=team_wijk[team.pk],
                            period=month,
                            grade=grade,
                            heard=heard,
                            promise_kept=rng.choices(["ja", "deels", "nee", "nvt"], weights=[60, 15, 10, 15])[0],
                            comment=rng.choice(COMMENTS),
                            contact_opt_in=opt_in,
                            household_id=rng.choice(household_ids) if opt_in else None,
                        )
                    )
    FeedbackResponse.objects.bulk_create(rows, batch_size=2000)
