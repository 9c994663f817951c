"""Reads for appreciation: my compliments, my impact, and pulse results for groups of at least 5.

The impact page is the person's own page: every selector here takes the user and returns only
their own things. Nothing ranks or compares people.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Avg, Count, QuerySet

from frontlijn.appreciation.models import PULSE_QUESTIONS, Compliment, PulseResponse

MIN_GROUP = 5


def compliments_for(*, user) -> QuerySet[Compliment]:
    return Compliment.objects.filter(to_user=user).select_related("from_user", "contact")


def _model(label: str, name: str):
    try:
        return apps.get_model(label, name)
    except LookupError:
        return None


def _safe_list(qs) -> list | None:
    """Evaluate a query on another app's tables; None while those tables do not exist yet."""
    try:
        with transaction.atomic():
            return list(qs)
    except DatabaseError:
        return None


def my_signals(*, user, limit: int = 20) -> list | None:
    """My signals and what became of them; None when the signals app has no model (yet)."""
    signal = _model("signals", "Signal")
    if signal is None or not hasattr(signal, "raised_by"):
        return None
    qs = signal.objects.filter(raised_by=user).prefetch_related("themes").order_by("-created_at")
    return _safe_list(qs[:limit])


def my_plan_inputs(*, user, limit: int = 20) -> list | None:
    """My plan inputs and the plan owner's answers; None when the plans app has no model (yet)."""
    plan_input = _model("plans", "Input")
    if plan_input is None or not hasattr(plan_input, "author"):
        return None
    qs = plan_input.objects.filter(author=user).select_related("round", "round__plan", "answer")
    return _safe_list(qs.order_by("-created_at")[:limit])


@dataclass
class PulseResult:
    period: str
    count: int
    averages: list[tuple[str, float]] | None  # None: fewer than MIN_GROUP answers, no figures shown

    @property
    def shown(self) -> bool:
        return self.averages is not None


def pulse_results(*, team=None, organisation: bool = False, periods: int = 12) -> list[PulseResult]:
    """Average score per question per period, newest first; figures only for groups of >= 5 answers.

    ``team`` gives that team's results; ``organisation=True`` all answers together.
    """
    qs = PulseResponse.objects.all()
    if not organisation:
        qs = qs.filter(team=team)
    aggregates = {f"avg_{field}": Avg(field) for field, _label in PULSE_QUESTIONS}
    rows = qs.values("period").annotate(n=Count("id"), **aggregates).order_by("-period")[:periods]
    results = []
    for row in rows:
        if row["n"] < MIN_GROUP:
            results.append(PulseResult(row["period"], row["n"], None))
        else:
            results.append(
                PulseResult(
                    row["period"],
                    row["n"],
                    [(str(label), round(row[f"avg_{field}"], 1)) for field, label in PULSE_QUESTIONS],
                )
            )
    return results


def pulse_comments(*, team=None, period: str, organisation: bool = False) -> list[str]:
    """Comments of a group, only when the group has >= 5 answers; in random (key) order."""
    qs = PulseResponse.objects.filter(period=period)
    if not organisation:
        qs = qs.filter(team=team)
    if qs.count() < MIN_GROUP:
        return []
    return [c for c in qs.order_by("id").values_list("comment", flat=True) if c]
