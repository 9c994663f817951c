"""Every number behind the dashboard's figures, declared once.

A *source* is a table whose rows are counted per month (by ``date_field``), with named
*measures* (a count or a sum, optionally over a condition) and the *dimensions* the dashboard
filters on (who did the work, in which buurt or wijk, for which team, which kind of answer).
A *numbers* declaration is what one or more figures read: some measures of one source over the
area of a scope.

From these declarations both computations are derived, so they cannot drift apart:

- live: :func:`live` filters the source rows to the scope's area (dimension -> ORM path), groups
  them per month with a ``CASE`` over the month boundaries and aggregates the measures;
- roll-up: :func:`frontlijn.dashboard.rollup.build` stores the same measures per month and per
  combination of dimensions in :class:`~frontlijn.dashboard.models.MonthlyTotal`, one column per
  measure (the column is the measure's name); :func:`rolled` sums those columns with the same
  area filter on the dimension columns.

:func:`monthly` mixes them: months the roll-up holds fresh are read from it, the others live.
Every measure is a whole number (durations in microseconds), so sums of parts equal the sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum

from frontlijn.teams.models import FRONT_ROLES, User

if TYPE_CHECKING:  # pragma: no cover
    from frontlijn.dashboard.indicators import Scope


def micros(value: dt.timedelta | None) -> int:
    """A duration as whole microseconds (exact, so sums of parts equal the sum)."""
    if value is None:
        return 0
    if not isinstance(value, dt.timedelta):  # a sum from the roll-up (int or Decimal)
        return int(value)
    return (value.days * 86400 + value.seconds) * 10**6 + value.microseconds


def _int(value) -> int:
    return int(value or 0)


HAS_BEYOND = ~Q(beyond_note="") | ~Q(beyond_tags=[])
SIGNAL_DURATION = ExpressionWrapper(F("feedback_at") - F("created_at"), output_field=DurationField())


@dataclass(frozen=True)
class Measure:
    """A named whole number per month: ``count`` rows or ``sum`` an expression, where ``where``."""

    name: str  # also the roll-up column
    kind: str = "count"  # "count" or "sum"
    expr: str | Callable[[], object] = "id"
    where: Callable[[], Q] | None = None
    to_int: Callable[[Any], int] = _int

    def live(self, extra: Q | None = None):
        condition = self.where() if self.where is not None else None
        if extra is not None:
            condition = extra if condition is None else condition & extra
        expr = self.expr() if callable(self.expr) else self.expr
        return (Count if self.kind == "count" else Sum)(expr, filter=condition)

    def rolled(self, extra: Q | None = None):
        return Sum(self.name, filter=extra)


@dataclass(frozen=True)
class Source:
    """A source table: rows per month by ``date_field``, the dimensions and the measures.

    ``dims`` maps a dimension (a MonthlyTotal column) to the ORM path of the source it comes from.
    """

    key: str
    app: str
    queryset: Callable[[], QuerySet]
    date_field: str
    dims: dict[str, str]
    measures: tuple[Measure, ...]
    is_date: bool = False  # a DateField (bounds are dates), else a DateTimeField

    def measure(self, name: str) -> Measure:
        return next(m for m in self.measures if m.name == name)

    @property
    def installed(self) -> bool:
        return apps.is_installed(f"frontlijn.{self.app}")


# --- the sources ---------------------------------------------------------------------------------


def _contacts() -> QuerySet:
    from frontlijn.contacts.models import ContactMoment

    return ContactMoment.objects.all()


def _promises() -> QuerySet:
    from frontlijn.contacts.models import Promise, PromiseStatus

    return Promise.objects.exclude(status=PromiseStatus.CANCELLED)


def _responses() -> QuerySet:
    from frontlijn.feedback.models import FeedbackResponse

    return FeedbackResponse.objects.all()


def _signals() -> QuerySet:
    from frontlijn.signals.models import Signal

    return Signal.objects.all()


def _answered_signals() -> QuerySet:
    return _signals().filter(feedback_at__isnull=False)


def _inputs() -> QuerySet:
    from frontlijn.plans.models import Input

    return Input.objects.all()


def _compliments() -> QuerySet:
    from frontlijn.appreciation.models import Compliment

    return Compliment.objects.all()


def _inbox() -> QuerySet:
    from frontlijn.core.models import InboxKind, InboxMessage

    return InboxMessage.objects.filter(kind__in=[InboxKind.SIGNAL_FEEDBACK, InboxKind.PLAN_INPUT])


def _proactive() -> Q:
    from frontlijn.contacts.models import Direction

    return Q(direction=Direction.PROACTIVE)


def _kept_on_time() -> Q:
    from frontlijn.contacts.models import PromiseStatus

    return Q(status=PromiseStatus.KEPT, done_at__date__lte=F("due_date"))


def _heard_yes() -> Q:
    from frontlijn.feedback.models import Answer3

    return Q(heard=Answer3.YES)


def _adopted() -> Q:
    from frontlijn.plans.models import ADOPTED_VERDICTS

    return Q(answer__verdict__in=[str(v) for v in ADOPTED_VERDICTS])


COUNT = Measure("count")

SOURCES: list[Source] = [
    Source(
        key="contacts",
        app="contacts",
        queryset=_contacts,
        date_field="occurred_at",
        dims={"staff_id": "staff_id", "buurt_id": "unit__buurt_id"},
        measures=(
            COUNT,  # contact moments
            Measure("beyond", where=lambda: HAS_BEYOND),  # with a beyond-the-process note or tag
            Measure("proactive", where=_proactive),  # direction PRO
            Measure("minutes", kind="sum", expr="duration_minutes"),  # contact minutes
        ),
    ),
    Source(
        key="promises",
        app="contacts",
        queryset=_promises,
        date_field="due_date",
        dims={"staff_id": "owner_id", "buurt_id": "household__unit__buurt_id"},
        measures=(COUNT, Measure("kept", where=_kept_on_time)),  # due (not cancelled); kept on time
        is_date=True,
    ),
    Source(
        key="responses",
        app="feedback",
        queryset=_responses,
        date_field="period",
        dims={"team_id": "team_id", "wijk_id": "wijk_id", "kind": "kind"},
        measures=(
            COUNT,  # answers
            Measure("grade_sum", kind="sum", expr="grade"),  # sum of the grades
            Measure("heard_yes", where=_heard_yes),  # "ja" to "Voelde u zich gehoord?"
        ),
        is_date=True,
    ),
    Source(  # by the month a signal was raised
        key="signals_raised",
        app="signals",
        queryset=_signals,
        date_field="created_at",
        dims={"staff_id": "raised_by_id", "wijk_id": "wijk_id"},
        measures=(COUNT, Measure("with_feedback", where=lambda: Q(feedback_at__isnull=False))),
    ),
    Source(  # by the month of the feedback
        key="signals_feedback",
        app="signals",
        queryset=_answered_signals,
        date_field="feedback_at",
        dims={"staff_id": "raised_by_id", "wijk_id": "wijk_id"},
        measures=(COUNT, Measure("duration_us", kind="sum", expr=lambda: SIGNAL_DURATION, to_int=micros)),
    ),
    Source(
        key="inputs",
        app="plans",
        queryset=_inputs,
        date_field="created_at",
        dims={"staff_id": "author_id"},
        measures=(
            COUNT,  # inputs given
            Measure("answered", where=lambda: Q(answer__isnull=False)),
            Measure("adopted", where=_adopted),  # verdict overgenomen or deels
        ),
    ),
    Source(
        key="compliments",
        app="appreciation",
        queryset=_compliments,
        date_field="created_at",
        dims={"staff_id": "to_user_id"},
        measures=(COUNT,),
    ),
    Source(  # feedback messages received (signal feedback, answers to plan inputs)
        key="inbox",
        app="core",
        queryset=_inbox,
        date_field="created_at",
        dims={"staff_id": "recipient_id"},
        measures=(COUNT,),
    ),
]
SOURCE = {s.key: s for s in SOURCES}
COLUMNS = sorted({m.name for s in SOURCES for m in s.measures})  # the roll-up's measure columns
DIMENSIONS = sorted({d for s in SOURCES for d in s.dims})


def installed_sources() -> list[Source]:
    return [s for s in SOURCES if s.installed]


# --- what the figures read ---------------------------------------------------------------------


def _front_staff() -> QuerySet:
    return User.objects.filter(role__in=list(FRONT_ROLES)).values("pk")


Area = dict[str, list]  # dimension -> allowed ids; a dimension not named is not restricted


def _work_area(scope: Scope) -> Area:
    """Work of the team's people, done on units in the wijk."""
    area: Area = {}
    if scope.team is not None:
        area["staff_id"] = scope.people_ids() or []  # a team: never None
    if scope.wijk is not None:
        area["buurt_id"] = scope.wijk_buurt_ids()
    return area


def _everything(scope: Scope) -> Area:
    return {}


def _people(scope: Scope) -> Area:
    ids = scope.people_ids()
    return {} if ids is None else {"staff_id": ids}


def _units_of_area(scope: Scope) -> Area:
    ids = scope.buurt_ids()
    return {} if ids is None else {"buurt_id": ids}


def _team_and_wijk(scope: Scope) -> Area:
    area: Area = {}
    if scope.team is not None:
        area["team_id"] = [scope.team.pk]
    if scope.wijk is not None:
        area["wijk_id"] = [scope.wijk.pk]
    return area


def _raiser_and_wijk(scope: Scope) -> Area:
    area: Area = {}
    if scope.team is not None:
        area["staff_id"] = scope.people_ids() or []  # a team: never None
    if scope.wijk is not None:
        area["wijk_id"] = [scope.wijk.pk]
    return area


@dataclass(frozen=True)
class Numbers:
    """Measures of one source over the scope's ``area``, per month.

    ``front_staff`` names measures counted only for front staff (by the ``staff_id`` dimension);
    ``by`` groups by further dimensions (the kind of a resident answer).
    """

    name: str
    source: str
    measures: tuple[str, ...]
    area: Callable[[Scope], Area]
    front_staff: tuple[str, ...] = ()
    by: tuple[str, ...] = ()

    @property
    def src(self) -> Source:
        return SOURCE[self.source]


NUMBERS: dict[str, Numbers] = {
    n.name: n
    for n in [
        # The whole association: one pass over the contacts for the three contact figures.
        Numbers("org_contacts", "contacts", ("count", "beyond", "proactive", "minutes"), _everything, ("minutes",)),
        Numbers("area_contacts", "contacts", ("count", "beyond"), _work_area),
        Numbers("minutes", "contacts", ("minutes",), _people),
        Numbers("proactive", "contacts", ("proactive",), _units_of_area),
        Numbers("promises", "promises", ("count", "kept"), _work_area),
        Numbers("responses", "responses", ("count", "grade_sum", "heard_yes"), _team_and_wijk, by=("kind",)),
        Numbers("signals_raised", "signals_raised", ("count", "with_feedback"), _raiser_and_wijk),
        Numbers("signals_feedback", "signals_feedback", ("count", "duration_us"), _raiser_and_wijk),
        Numbers("inputs", "inputs", ("count", "answered", "adopted"), _people),
        Numbers("compliments", "compliments", ("count",), _people, ("count",)),
        Numbers("inbox", "inbox", ("count",), _people, ("count",)),
    ]
}


# --- the two derivations -----------------------------------------------------------------------


def alias(measure: str) -> str:
    """The name a measure is aggregated under (an annotation may not shadow a model field)."""
    return f"m_{measure}"


MonthRows = dict[int, dict]  # month index -> {measure: int, ("by": {value: {measure: int}})}


def _collect(numbers: Numbers, rows) -> MonthRows:
    """Database rows (``_m``, the ``by`` dimensions, measures) as whole numbers per month."""
    src = numbers.src
    out: MonthRows = {}
    for row in rows:
        values = {m: src.measure(m).to_int(row[alias(m)]) for m in numbers.measures}
        month = out.setdefault(row["_m"], dict.fromkeys(numbers.measures, 0))
        for m, v in values.items():
            month[m] += v
        if numbers.by:
            key = tuple(row[d] or "" for d in numbers.by)
            month.setdefault("by", {})[key[0] if len(key) == 1 else key] = values
    return out


def live(numbers: Numbers, scope: Scope) -> MonthRows:
    """The numbers of every month of the scope, computed from the source rows."""
    from frontlijn.dashboard.indicators import grouped_rows

    src = numbers.src
    qs = src.queryset()
    for dim, ids in numbers.area(scope).items():
        qs = qs.filter(**{f"{src.dims[dim]}__in": ids})
    front = Q(**{f"{src.dims['staff_id']}__in": _front_staff()}) if numbers.front_staff else None
    aggregates = {alias(m): src.measure(m).live(front if m in numbers.front_staff else None) for m in numbers.measures}
    bounds = scope.date_bounds() if src.is_date else scope.datetime_bounds()
    rows = grouped_rows(
        qs, field_name=src.date_field, bounds=bounds, by=[src.dims[d] for d in numbers.by], **aggregates
    )
    return _collect(numbers, ({**r, **{d: r[src.dims[d]] for d in numbers.by}} for r in rows))


def rolled(numbers: Numbers, scope: Scope, indices: list[int]) -> MonthRows:
    """The numbers of the months ``indices`` of the scope, summed from the roll-up."""
    from frontlijn.dashboard.models import MonthlyTotal

    src = numbers.src
    index = {scope.months[i]: i for i in indices}
    qs = MonthlyTotal.objects.filter(source=src.key, month__in=list(index))
    for dim, ids in numbers.area(scope).items():
        qs = qs.filter(**{f"{dim}__in": ids})
    front = Q(staff_id__in=_front_staff()) if numbers.front_staff else None
    aggregates = {
        alias(m): src.measure(m).rolled(front if m in numbers.front_staff else None) for m in numbers.measures
    }
    rows = qs.values("month", *numbers.by).annotate(**aggregates).order_by()
    return _collect(numbers, ({**r, "_m": index[r["month"]]} for r in rows))


def _runs(indices: list[int]) -> list[list[int]]:
    """Contiguous runs of sorted month indices: [0, 1, 3] -> [[0, 1], [3]]."""
    out: list[list[int]] = []
    for i in indices:
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def monthly(scope: Scope, name: str) -> MonthRows:
    """The per-month numbers ``name`` for the scope: {month index: {measure: value}}.

    Months the roll-up holds fresh (:func:`frontlijn.dashboard.rollup.is_fresh`) are read from
    it; the other months are computed live from the source rows, in contiguous runs.
    A scope with ``live=True`` computes everything live. Results are remembered by the scope,
    so figures sharing numbers (the three contact figures, grade and "gehoord") read them once.
    """
    from frontlijn.dashboard import rollup

    def compute() -> MonthRows:
        numbers = NUMBERS[name]
        indices = rollup.rolled_indices(scope)
        if not indices:
            return live(numbers, scope)
        rows = rollup.read(scope, numbers, indices)
        missing = [i for i in range(len(scope.months)) if i not in set(indices)]
        for run in _runs(missing):
            sub = scope.sub([scope.months[i] for i in run])
            rows.update({run[0] + j: row for j, row in live(numbers, sub).items()})
        return rows

    return scope.remember(("numbers", name, tuple(scope.months), scope.live), compute)
