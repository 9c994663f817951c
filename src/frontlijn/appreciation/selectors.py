"""Reads for appreciation: my compliments, my impact, and pulse results for groups of at least k
answers (``settings.FRONTLIJN_MIN_GROUP_SIZE``, 5 by default).

The impact page is the person's own page: every selector here (and in ``impact.py``, the chains
of signals and inputs) takes the user and returns only their own things. Nothing ranks or
compares people.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Avg, Count, QuerySet

from frontlijn.appreciation.models import (
    PULSE_QUESTIONS,
    Compliment,
    PulseParticipation,
    PulseResponse,
    PulseTeamAction,
)

if TYPE_CHECKING:
    from frontlijn.appreciation.forms import PulseActionForm
    from frontlijn.teams.models import User


def compliments_for(*, user: User) -> QuerySet[Compliment]:
    return Compliment.objects.filter(to_user=user).select_related("from_user", "contact")


@dataclass
class PulseResult:
    period: str
    count: int
    averages: list[tuple[str, float]] | None  # None: fewer than k answers, no figures shown
    # Change per question against the previous period listed (``previous``); None when not shown,
    # ``change_hidden`` says why ("klein": a period under k, "samenstelling": the two
    # periods' respondents differ by 1..k-1 people, "onbekend": respondents not known).
    change: list[tuple[str, float]] | None = None
    previous: str = ""
    change_hidden: str = ""
    hidden_reason: str = ""  # "rest": whole-organisation figures hidden to protect a small remainder
    action: PulseTeamAction | None = None  # the team lead's PulseTeamAction for this period, if any
    action_form: PulseActionForm | None = None  # set by views.pulse_results for who may write it

    @property
    def shown(self) -> bool:
        return self.averages is not None

    @property
    def rows(self) -> list[tuple[str, float, float | None]]:
        """(question, average, change or None) per question."""
        changes = dict(self.change or [])
        return [(q, avg, changes.get(q)) for q, avg in self.averages or []]


def _respondents(*, team, organisation: bool, periods: list[str]) -> dict[str, set[int]]:
    """Who answered (user ids, never linked to an answer) per period, for the same group."""
    qs = PulseParticipation.objects.filter(period__in=periods)
    if not organisation:
        qs = qs.filter(team=team)
    sets: dict[str, set[int]] = {p: set() for p in periods}
    for user_id, period in qs.values_list("user_id", "period"):
        sets[period].add(user_id)
    return sets


def _small_remainder_periods(periods: list[str]) -> set[str]:
    """Periods where the answers outside the teams that show figures number 1..k-1.

    Showing the whole organisation then would let anyone who sees the teams subtract them and
    read the average of that small remainder (a team under k, or people without a team).
    """
    totals = {
        row["period"]: row["n"]
        for row in PulseResponse.objects.filter(period__in=periods).values("period").annotate(n=Count("id"))
    }
    shown: dict[str, int] = {}
    per_team = (
        PulseResponse.objects.filter(period__in=periods, team__isnull=False)
        .values("period", "team")
        .annotate(n=Count("id"))
    )
    for row in per_team:
        if row["n"] >= settings.FRONTLIJN_MIN_GROUP_SIZE:
            shown[row["period"]] = shown.get(row["period"], 0) + row["n"]
    return {p for p in periods if 0 < totals.get(p, 0) - shown.get(p, 0) < settings.FRONTLIJN_MIN_GROUP_SIZE}


def _difference_allowed(before: set[int], after: set[int], counts: tuple[int, int]) -> str:
    """ "" when the change between two periods may be shown, else the reason it is hidden."""
    if min(counts) < settings.FRONTLIJN_MIN_GROUP_SIZE:
        return "klein"
    if len(before) != counts[0] or len(after) != counts[1]:
        return "onbekend"  # answers from before participations recorded their team
    differ = len(before ^ after)
    if 0 < differ < settings.FRONTLIJN_MIN_GROUP_SIZE:
        return "samenstelling"
    return ""


def pulse_results(*, team=None, organisation: bool = False, periods: int = 12) -> list[PulseResult]:
    """Average score per question per period, newest first; figures only for groups of at least
    ``settings.FRONTLIJN_MIN_GROUP_SIZE`` answers.

    ``team`` gives that team's results (with the team lead's action per period);
    ``organisation=True`` all answers together. Each period also gets the change against the
    period before it, only when both have that many answers and the people who answered are the same
    or differ by at least that many (so that a joiner or leaver cannot be read from the difference).
    """
    qs = PulseResponse.objects.all()
    if not organisation:
        qs = qs.filter(team=team)
    aggregates = {f"avg_{field}": Avg(field) for field, _label in PULSE_QUESTIONS}
    rows = list(qs.values("period").annotate(n=Count("id"), **aggregates).order_by("-period")[:periods])
    names = [row["period"] for row in rows]
    hidden_rest = _small_remainder_periods(names) if organisation else set()
    respondents = _respondents(team=team, organisation=organisation, periods=names)
    actions = {}
    if team is not None and not organisation:
        actions = {a.period: a for a in PulseTeamAction.objects.filter(team=team, period__in=names)}
    results = []
    raw = {row["period"]: row for row in rows}
    for row in rows:
        result = PulseResult(row["period"], row["n"], None, action=actions.get(row["period"]))
        if row["period"] in hidden_rest:
            result.hidden_reason = "rest"
        elif row["n"] >= settings.FRONTLIJN_MIN_GROUP_SIZE:
            result.averages = [(str(label), round(row[f"avg_{field}"], 1)) for field, label in PULSE_QUESTIONS]
        results.append(result)
    for newer, older in itertools.pairwise(results):
        newer.previous = older.period
        if not (newer.shown and older.shown):
            newer.change_hidden = "klein"
            continue
        reason = _difference_allowed(respondents[older.period], respondents[newer.period], (older.count, newer.count))
        if reason:
            newer.change_hidden = reason
            continue
        newer.change = [
            (str(label), round(raw[newer.period][f"avg_{field}"] - raw[older.period][f"avg_{field}"], 1))
            for field, label in PULSE_QUESTIONS
        ]
    return results


def pulse_comments(*, team=None, period: str, organisation: bool = False) -> list[str]:
    """Comments of a group, only when the group has at least k answers; in random (key) order."""
    qs = PulseResponse.objects.filter(period=period)
    if not organisation:
        qs = qs.filter(team=team)
    if qs.count() < settings.FRONTLIJN_MIN_GROUP_SIZE:
        return []
    return [c for c in qs.order_by("id").values_list("comment", flat=True) if c]
