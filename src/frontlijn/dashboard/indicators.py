"""The front-strength indicators: one small function per figure, each over a :class:`Scope`.

A scope is a run of months and optionally a team and/or a wijk. Every indicator returns a
:class:`Figure` with one value per month (``None`` where there is nothing to measure) and the
numbers behind it (numerator and denominator), so the table under a plot and the exports can
show how a percentage came about.

Counting rules (documented for users in docs/dashboard.md):

- *Whose work*: a team's figures are the work of its members; a wijk's figures are the work done
  on units in the wijk (contacts, promises, signals) or by the teams covering it (time, pulse,
  compliments). The whole association counts everything.
- Months are calendar months in the association's time zone (Europe/Amsterdam).

Indicators read other apps (signals, plans, appreciation) only when those apps are installed;
if not, the figure is returned with ``available=False``.

All aggregation happens in the database with one grouped query per indicator: the month is a
``CASE`` over the month boundaries (no per-row date functions), so the same SQL runs fast on
PostgreSQL and SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontlijn.feedback.models import Answer3, FeedbackResponse, Kind
from frontlijn.register.models import Buurt, Unit
from frontlijn.teams.models import FRONT_ROLES, Team, User

PULSE_MIN_GROUP = 5  # pulse-survey results are shown only for groups of at least this many answers


# --- scope -----------------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_ending(last: dt.date, count: int) -> list[dt.date]:
    last = month_start(last)
    return [add_months(last, i - count + 1) for i in range(count)]


@dataclass
class Scope:
    months: list[dt.date]
    team: Team | None = None
    wijk: object | None = None  # register.Wijk
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def start(self) -> dt.date:
        return self.months[0]

    @property
    def end(self) -> dt.date:
        """First day after the last month."""
        return add_months(self.months[-1], 1)

    def date_bounds(self) -> list[dt.date]:
        return [*self.months, self.end]

    def datetime_bounds(self) -> list[dt.datetime]:
        tz = timezone.get_current_timezone()
        return [timezone.make_aware(dt.datetime(d.year, d.month, 1), tz) for d in self.date_bounds()]

    # Who and where ----------------------------------------------------------------------------
    def teams(self) -> list[Team]:
        """Teams whose people count: the team, else the teams covering the wijk, else all."""
        if "teams" not in self._cache:
            if self.team is not None:
                teams = [self.team]
            elif self.wijk is not None:
                teams = list(
                    Team.objects.filter(Q(wijken=self.wijk) | Q(buurten__wijk=self.wijk)).distinct().order_by("pk")
                )
            else:
                teams = list(Team.objects.order_by("pk"))
            self._cache["teams"] = teams
        return self._cache["teams"]

    def people_ids(self) -> list[int] | None:
        """Staff whose work counts; ``None`` means everybody (whole association)."""
        if self.team is None and self.wijk is None:
            return None
        if "people" not in self._cache:
            team_ids = [t.pk for t in self.teams()]
            self._cache["people"] = sorted(set(User.objects.filter(teams__in=team_ids).values_list("pk", flat=True)))
        return self._cache["people"]

    def people_count(self) -> int:
        """Front staff in scope (the denominator of per-person figures)."""
        if "people_count" not in self._cache:
            qs = User.objects.filter(is_active=True, role__in=list(FRONT_ROLES))
            ids = self.people_ids()
            if ids is not None:
                qs = qs.filter(pk__in=ids)
            self._cache["people_count"] = qs.count()
        return self._cache["people_count"]

    def buurt_ids(self) -> list[int] | None:
        """Buurten of the area; ``None`` means all."""
        if self.team is None and self.wijk is None:
            return None
        if "buurten" not in self._cache:
            qs = Buurt.objects.all()
            if self.team is not None:
                qs = qs.filter(Q(teams=self.team) | Q(wijk__teams=self.team))
            if self.wijk is not None:
                qs = qs.filter(wijk=self.wijk)
            self._cache["buurten"] = sorted(set(qs.values_list("pk", flat=True)))
        return self._cache["buurten"]

    def unit_count(self) -> int:
        if "units" not in self._cache:
            ids = self.buurt_ids()
            qs = Unit.objects.all() if ids is None else Unit.objects.filter(buurt_id__in=ids)
            self._cache["units"] = qs.count()
        return self._cache["units"]


# --- figures ---------------------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    pillar: str  # "contact", "centraal", "waardering"
    label: str
    unit: str = ""  # "%", "dagen", "cijfer", ...
    decimals: int = 1
    values: list[float | None] = field(default_factory=list)
    numerators: list[float | None] = field(default_factory=list)
    denominators: list[float | None] = field(default_factory=list)
    target: float | None = None
    available: bool = True
    note: str = ""
    y_min: float | None = 0
    y_max: float | None = None

    def latest(self) -> float | None:
        return next((v for v in reversed(self.values) if v is not None), None)


def _ratio(num, den, factor: float = 100.0) -> float | None:
    if not den:
        return None
    return num * factor / den


def month_case(field_name: str, bounds: Iterable) -> Case:
    """``CASE WHEN field < b1 THEN 0 WHEN field < b2 THEN 1 ...``: the month index of a row.

    Rows must already be filtered to ``bounds[0] <= field < bounds[-1]``.
    """
    bounds = list(bounds)
    whens = [When(**{f"{field_name}__lt": b}, then=Value(i)) for i, b in enumerate(bounds[1:])]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def grouped(qs: QuerySet, *, field_name: str, bounds: list, **aggregates) -> dict[int, dict]:
    """Aggregate ``qs`` per month index over ``bounds``: {index: {name: value}}."""
    qs = qs.filter(**{f"{field_name}__gte": bounds[0], f"{field_name}__lt": bounds[-1]})
    rows = qs.annotate(_m=month_case(field_name, bounds)).values("_m").annotate(**aggregates).order_by("_m")
    return {row.pop("_m"): row for row in rows}


def _series(n: int, rows: dict[int, dict], key: str) -> list:
    return [rows.get(i, {}).get(key) or 0 for i in range(n)]


def _installed(label: str) -> bool:
    return apps.is_installed(f"frontlijn.{label}")


# --- contact ---------------------------------------------------------------------------------


def _contacts_by_area(scope: Scope) -> QuerySet:
    from frontlijn.contacts.models import ContactMoment

    qs = ContactMoment.objects.all()
    if scope.team is not None:
        qs = qs.filter(staff_id__in=scope.people_ids())
    if scope.wijk is not None:
        qs = qs.filter(unit__buurt__wijk=scope.wijk)
    return qs


HAS_BEYOND = ~Q(beyond_note="") | ~Q(beyond_tags=[])


def _org_contact_rows(scope: Scope) -> dict[int, dict] | None:
    """For the whole association, the three contact indicators read the same rows: one pass
    (count, beyond, proactive, minutes of front staff) shared by them. ``None`` for a team/wijk."""
    if scope.team is not None or scope.wijk is not None:
        return None
    if "org_contacts" not in scope._cache:
        from frontlijn.contacts.models import ContactMoment, Direction

        scope._cache["org_contacts"] = grouped(
            ContactMoment.objects.all(),
            field_name="occurred_at",
            bounds=scope.datetime_bounds(),
            n=Count("id"),
            beyond=Count("id", filter=HAS_BEYOND),
            proactive=Count("id", filter=Q(direction=Direction.PROACTIVE)),
            minutes=Sum("duration_minutes", filter=Q(staff__role__in=list(FRONT_ROLES))),
        )
    return scope._cache["org_contacts"]


def beyond_share(scope: Scope) -> Figure:
    """Share of contact moments with a beyond-the-process part (a note or a tag)."""
    rows = _org_contact_rows(scope)
    if rows is None:
        rows = grouped(
            _contacts_by_area(scope),
            field_name="occurred_at",
            bounds=scope.datetime_bounds(),
            n=Count("id"),
            beyond=Count("id", filter=HAS_BEYOND),
        )
    n = len(scope.months)
    total, beyond = _series(n, rows, "n"), _series(n, rows, "beyond")
    return Figure(
        key="beyond_share",
        pillar="contact",
        label=str(_("Contacten met aandacht verder dan het proces")),
        unit="%",
        values=[_ratio(b, t) for b, t in zip(beyond, total, strict=True)],
        numerators=beyond,
        denominators=total,
        y_max=100,
    )


def _hours_per_week(scope: Scope) -> float:
    teams = scope.teams()
    return sum(t.hours_per_week for t in teams) / len(teams) if teams else 36.0


def _contact_target(scope: Scope) -> float | None:
    teams = scope.teams()
    return sum(t.contact_target_percent for t in teams) / len(teams) if teams else None


def contact_time_share(scope: Scope) -> Figure:
    """Contact time as a share of the working hours of the people in scope, beside the target.

    Working hours in a month = people x hours per week x days in month / 7.
    """
    from frontlijn.contacts.models import ContactMoment

    rows = _org_contact_rows(scope)
    if rows is None:
        qs = ContactMoment.objects.filter(staff_id__in=scope.people_ids())
        rows = grouped(qs, field_name="occurred_at", bounds=scope.datetime_bounds(), minutes=Sum("duration_minutes"))
    n = len(scope.months)
    minutes = _series(n, rows, "minutes")
    people = scope.people_count()
    per_week = _hours_per_week(scope)
    bounds = scope.date_bounds()
    available = [people * per_week * 60 * (bounds[i + 1] - bounds[i]).days / 7 for i in range(n)]
    return Figure(
        key="contact_time_share",
        pillar="contact",
        label=str(_("Tijd voor contact (deel van de werktijd)")),
        unit="%",
        values=[_ratio(m, a) for m, a in zip(minutes, available, strict=True)],
        numerators=[round(m / 60, 1) for m in minutes],
        denominators=[round(a / 60, 1) for a in available],
        target=_contact_target(scope),
        note=str(_("Teller en noemer in uren; het doel is het doel van het team.")),
    )


def promises_on_time(scope: Scope) -> Figure:
    """Of the promises due in a month (not cancelled), the share kept on or before the due date."""
    from frontlijn.contacts.models import Promise, PromiseStatus

    qs = Promise.objects.exclude(status=PromiseStatus.CANCELLED)
    if scope.team is not None:
        qs = qs.filter(owner_id__in=scope.people_ids())
    if scope.wijk is not None:
        qs = qs.filter(household__unit__buurt__wijk=scope.wijk)
    rows = grouped(
        qs,
        field_name="due_date",
        bounds=scope.date_bounds(),
        n=Count("id"),
        kept=Count("id", filter=Q(status=PromiseStatus.KEPT, done_at__date__lte=F("due_date"))),
    )
    n = len(scope.months)
    total, kept = _series(n, rows, "n"), _series(n, rows, "kept")
    return Figure(
        key="promises_on_time",
        pillar="contact",
        label=str(_("Beloftes op tijd nagekomen")),
        unit="%",
        values=[_ratio(k, t) for k, t in zip(kept, total, strict=True)],
        numerators=kept,
        denominators=total,
        y_max=100,
    )


def proactive_per_100_units(scope: Scope) -> Figure:
    """Proactive contact moments (direction PRO) on units in the area, per 100 units of the area."""
    from frontlijn.contacts.models import ContactMoment, Direction

    rows = _org_contact_rows(scope)
    key = "proactive"
    if rows is None:
        qs = ContactMoment.objects.filter(direction=Direction.PROACTIVE, unit__buurt_id__in=scope.buurt_ids())
        rows = grouped(qs, field_name="occurred_at", bounds=scope.datetime_bounds(), n=Count("id"))
        key = "n"
    n = len(scope.months)
    counts = _series(n, rows, key)
    units = scope.unit_count()
    return Figure(
        key="proactive_per_100_units",
        pillar="contact",
        label=str(_("Proactieve contacten per 100 eenheden")),
        values=[_ratio(c, units) for c in counts],
        numerators=counts,
        denominators=[units] * n,
    )


def _responses(scope: Scope, kinds: Iterable[str] | None = None) -> QuerySet:
    qs = FeedbackResponse.objects.all()
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    if scope.team is not None:
        qs = qs.filter(team=scope.team)
    if scope.wijk is not None:
        qs = qs.filter(wijk=scope.wijk)
    return qs


def resident_grade(scope: Scope) -> Figure:
    """Average report grade (1-10) residents gave, all measurement kinds together."""
    rows = grouped(
        _responses(scope), field_name="period", bounds=scope.date_bounds(), n=Count("id"), total=Sum("grade")
    )
    n = len(scope.months)
    counts, totals = _series(n, rows, "n"), _series(n, rows, "total")
    return Figure(
        key="resident_grade",
        pillar="contact",
        label=str(_("Rapportcijfer van bewoners")),
        unit="",
        values=[_ratio(t, c, 1) for t, c in zip(totals, counts, strict=True)],
        numerators=totals,
        denominators=counts,
        y_min=1,
        y_max=10,
        note=str(_("Teller: som van de cijfers; noemer: aantal antwoorden.")),
    )


def heard_share(scope: Scope) -> Figure:
    """Share of residents who answered "ja" to "Voelde u zich gehoord?"."""
    rows = grouped(
        _responses(scope),
        field_name="period",
        bounds=scope.date_bounds(),
        n=Count("id"),
        yes=Count("id", filter=Q(heard=Answer3.YES)),
    )
    n = len(scope.months)
    counts, yes = _series(n, rows, "n"), _series(n, rows, "yes")
    return Figure(
        key="heard_share",
        pillar="contact",
        label=str(_("Bewoners die zich gehoord voelden")),
        unit="%",
        values=[_ratio(y, c) for y, c in zip(yes, counts, strict=True)],
        numerators=yes,
        denominators=counts,
        y_max=100,
    )


# --- centraal --------------------------------------------------------------------------------


def _unavailable(key: str, pillar: str, label, scope: Scope, unit: str = "%") -> Figure:
    n = len(scope.months)
    return Figure(
        key=key,
        pillar=pillar,
        label=str(label),
        unit=unit,
        values=[None] * n,
        numerators=[None] * n,
        denominators=[None] * n,
        available=False,
        note=str(_("Nog geen gegevens: dit onderdeel van Frontlijn is nog niet in gebruik.")),
    )


def _plans_in_area(scope: Scope):
    from frontlijn.plans.models import Plan

    ids = scope.buurt_ids()
    qs = Plan.objects.all()
    if ids is None:
        return qs
    wijk_ids = set(Buurt.objects.filter(pk__in=ids).values_list("wijk_id", flat=True))
    return qs.filter(Q(buurten__in=ids) | Q(complexes__buurt_id__in=ids) | Q(wijken__in=wijk_ids)).distinct()


def plans_round_before_decision(scope: Scope) -> Figure:
    """Of the plans that reached the decision phase in a month, the share that held a front-line
    input round before that decision."""
    label = _("Plannen met de frontlijn aan tafel vóór het besluit")
    if not _installed("plans"):
        return _unavailable("plans_round_before_decision", "centraal", label, scope)
    from frontlijn.plans.models import InputRound, Phase, PlanPhaseChange

    bounds = scope.date_bounds()
    plan_ids = _plans_in_area(scope).values("pk")
    changes = (
        PlanPhaseChange.objects.filter(to_phase=Phase.BESLUIT, plan_id__in=plan_ids)
        .filter(changed_on__gte=bounds[0], changed_on__lt=bounds[-1])
        .values_list("plan_id", "changed_on", "changed_at")
        .order_by("changed_at")
    )
    first_decision: dict[int, tuple] = {}
    for plan_id, changed_on, changed_at in changes:
        first_decision.setdefault(plan_id, (changed_on, changed_at))
    rounds: dict[int, list] = {}
    for plan_id, created_at in InputRound.objects.filter(plan_id__in=list(first_decision)).values_list(
        "plan_id", "created_at"
    ):
        rounds.setdefault(plan_id, []).append(created_at)
    n = len(scope.months)
    total, with_round = [0] * n, [0] * n
    for plan_id, (changed_on, changed_at) in first_decision.items():
        i = next(j for j in range(n) if bounds[j] <= changed_on < bounds[j + 1])
        total[i] += 1
        if any(created <= changed_at for created in rounds.get(plan_id, [])):
            with_round[i] += 1
    return Figure(
        key="plans_round_before_decision",
        pillar="centraal",
        label=str(label),
        unit="%",
        values=[_ratio(w, t) for w, t in zip(with_round, total, strict=True)],
        numerators=with_round,
        denominators=total,
        y_max=100,
    )


def _inputs(scope: Scope):
    from frontlijn.plans.models import Input

    qs = Input.objects.all()
    ids = scope.people_ids()
    if ids is not None:
        qs = qs.filter(author_id__in=ids)
    return qs


def _share_figure(
    scope: Scope, *, key: str, label, qs: QuerySet, part: Q, field_name: str = "created_at", note: str = ""
) -> Figure:
    """A monthly share: of the rows of ``qs`` per month (by ``field_name``), the percentage in ``part``."""
    rows = grouped(
        qs, field_name=field_name, bounds=scope.datetime_bounds(), n=Count("id"), part=Count("id", filter=part)
    )
    n = len(scope.months)
    total, in_part = _series(n, rows, "n"), _series(n, rows, "part")
    return Figure(
        key=key,
        pillar="centraal",
        label=str(label),
        unit="%",
        values=[_ratio(a, t) for a, t in zip(in_part, total, strict=True)],
        numerators=in_part,
        denominators=total,
        y_max=100,
        note=note,
    )


def inputs_answered(scope: Scope) -> Figure:
    """Of the inputs given in a month, the share the plan owner answered with a reasoned verdict."""
    label = _("Inbreng beantwoord")
    if not _installed("plans"):
        return _unavailable("inputs_answered", "centraal", label, scope)
    return _share_figure(scope, key="inputs_answered", label=label, qs=_inputs(scope), part=Q(answer__isnull=False))


def inputs_adopted(scope: Scope) -> Figure:
    """Of the answered inputs given in a month, the share (partly) adopted."""
    label = _("Inbreng (deels) overgenomen")
    if not _installed("plans"):
        return _unavailable("inputs_adopted", "centraal", label, scope)
    from frontlijn.plans.models import ADOPTED_VERDICTS

    return _share_figure(
        scope,
        key="inputs_adopted",
        label=label,
        qs=_inputs(scope).filter(answer__isnull=False),
        part=Q(answer__verdict__in=[str(v) for v in ADOPTED_VERDICTS]),
        note=str(_("Noemer: beantwoorde inbreng.")),
    )


def _signals(scope: Scope):
    from frontlijn.signals.models import Signal

    qs = Signal.objects.all()
    if scope.team is not None:
        qs = qs.filter(raised_by_id__in=scope.people_ids())
    if scope.wijk is not None:
        qs = qs.filter(wijk=scope.wijk)
    return qs


def signal_feedback_days(scope: Scope) -> Figure:
    """Average days from raising a signal to the feedback to the person who raised it, by the
    month the feedback was given."""
    label = _("Dagen van signaal tot terugkoppeling")
    if not _installed("signals"):
        return _unavailable("signal_feedback_days", "centraal", label, scope, unit="")
    rows = grouped(
        _signals(scope).filter(feedback_at__isnull=False),
        field_name="feedback_at",
        bounds=scope.datetime_bounds(),
        n=Count("id"),
        total=Sum(ExpressionWrapper(F("feedback_at") - F("created_at"), output_field=DurationField())),
    )
    n = len(scope.months)
    counts = _series(n, rows, "n")
    days_total = [
        (rows[i]["total"].total_seconds() / 86400 if rows.get(i, {}).get("total") is not None else 0.0)
        for i in range(n)
    ]
    return Figure(
        key="signal_feedback_days",
        pillar="centraal",
        label=str(label),
        unit="",
        values=[_ratio(d, c, 1) for d, c in zip(days_total, counts, strict=True)],
        numerators=[round(d, 1) for d in days_total],
        denominators=counts,
        note=str(_("Teller: som van de dagen; noemer: aantal teruggekoppelde signalen.")),
    )


def signals_with_feedback(scope: Scope) -> Figure:
    """Of the signals raised in a month, the share that has had feedback to the person who raised it."""
    label = _("Signalen met terugkoppeling")
    if not _installed("signals"):
        return _unavailable("signals_with_feedback", "centraal", label, scope)
    return _share_figure(
        scope, key="signals_with_feedback", label=label, qs=_signals(scope), part=Q(feedback_at__isnull=False)
    )


# --- waardering ------------------------------------------------------------------------------

PULSE_FIELDS = ("valued", "heard", "influence", "successful", "difference", "contact_time")


def pulse_score(scope: Scope) -> Figure:
    """Average pulse-survey score (1-5, the six questions together) per period.

    Shown only for groups of at least :data:`PULSE_MIN_GROUP` answers, so nobody can be singled out.
    """
    label = _("Pulsmeting: gemiddelde score (1 tot 5)")
    if not _installed("appreciation"):
        return _unavailable("pulse_score", "waardering", label, scope, unit="")
    from frontlijn.appreciation.models import PulseResponse

    keys = [f"{m:%Y-%m}" for m in scope.months]
    qs = PulseResponse.objects.filter(period__in=keys)
    if scope.team is not None or scope.wijk is not None:
        qs = qs.filter(team_id__in=[t.pk for t in scope.teams()])
    rows = {
        r["period"]: r
        for r in qs.values("period").annotate(n=Count("id"), **{f: Avg(f) for f in PULSE_FIELDS}).order_by()
    }
    values, counts = [], []
    for key in keys:
        row = rows.get(key)
        n = row["n"] if row else 0
        counts.append(n)
        if n < PULSE_MIN_GROUP:
            values.append(None)
        else:
            values.append(sum(float(row[f]) for f in PULSE_FIELDS) / len(PULSE_FIELDS))
    return Figure(
        key="pulse_score",
        pillar="waardering",
        label=str(label),
        values=values,
        numerators=[None] * len(keys),
        denominators=counts,
        y_min=1,
        y_max=5,
        note=str(_("Alleen getoond bij minstens %(n)s antwoorden; noemer: aantal antwoorden."))
        % {"n": PULSE_MIN_GROUP},
    )


def _per_person(scope: Scope, qs, field_name: str, person_field: str) -> tuple[list, list]:
    ids = scope.people_ids()
    qs = qs.filter(**{f"{person_field}__role__in": list(FRONT_ROLES)})
    if ids is not None:
        qs = qs.filter(**{f"{person_field}_id__in": ids})
    rows = grouped(qs, field_name=field_name, bounds=scope.datetime_bounds(), n=Count("id"))
    counts = _series(len(scope.months), rows, "n")
    people = scope.people_count()
    return counts, [_ratio(c, people, 1) for c in counts]


def compliments_per_person(scope: Scope) -> Figure:
    """Compliments (from residents, colleagues, managers) received per front staff member."""
    label = _("Complimenten per persoon")
    if not _installed("appreciation"):
        return _unavailable("compliments_per_person", "waardering", label, scope, unit="")
    from frontlijn.appreciation.models import Compliment

    counts, values = _per_person(scope, Compliment.objects.all(), "created_at", "to_user")
    return Figure(
        key="compliments_per_person",
        pillar="waardering",
        label=str(label),
        decimals=2,
        values=values,
        numerators=counts,
        denominators=[scope.people_count()] * len(scope.months),
    )


def feedback_given_per_person(scope: Scope) -> Figure:
    """Feedback front staff got on what they raised (answers to signals and plan inputs), per person."""
    from frontlijn.core.models import InboxKind, InboxMessage

    qs = InboxMessage.objects.filter(kind__in=[InboxKind.SIGNAL_FEEDBACK, InboxKind.PLAN_INPUT])
    counts, values = _per_person(scope, qs, "created_at", "recipient")
    return Figure(
        key="feedback_given_per_person",
        pillar="waardering",
        label=str(_("Terugkoppeling gekregen per persoon")),
        decimals=2,
        values=values,
        numerators=counts,
        denominators=[scope.people_count()] * len(scope.months),
        note=str(_("Terugkoppeling op signalen en antwoorden op inbreng bij plannen.")),
    )


INDICATORS: list[Callable[[Scope], Figure]] = [
    beyond_share,
    contact_time_share,
    promises_on_time,
    proactive_per_100_units,
    resident_grade,
    heard_share,
    plans_round_before_decision,
    inputs_answered,
    inputs_adopted,
    signal_feedback_days,
    signals_with_feedback,
    pulse_score,
    compliments_per_person,
    feedback_given_per_person,
]

PILLARS = [
    ("contact", _("Contact")),
    ("centraal", _("Centraal")),
    ("waardering", _("Waardering")),
]


def all_figures(scope: Scope) -> list[Figure]:
    return [indicator(scope) for indicator in INDICATORS]


def grades_per_kind(scope: Scope) -> dict[str, tuple[float | None, int]]:
    """Average grade and number of answers per measurement kind over the whole scope."""
    bounds = scope.date_bounds()
    rows = (
        _responses(scope)
        .filter(period__gte=bounds[0], period__lt=bounds[-1])
        .values("kind")
        .annotate(n=Count("id"), avg=Avg("grade"))
        .order_by()
    )
    found = {r["kind"]: (float(r["avg"]), r["n"]) for r in rows}
    return {k.value: found.get(k.value, (None, 0)) for k in Kind}
