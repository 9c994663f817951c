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

All aggregation happens in the database with one grouped query per source: the month is a
``CASE`` over the month boundaries (no per-row date functions), so the same SQL runs fast on
PostgreSQL and SQLite.

Months can come from the monthly roll-up (:mod:`frontlijn.dashboard.rollup`) instead of the
source rows: each indicator asks :func:`monthly` for its per-month numbers, which reads the
months the roll-up holds fresh (see rollup.py for the rule) from there and computes the others
live. The numbers themselves are declared once, in :mod:`frontlijn.dashboard.measures`, and
both the live query and the roll-up are derived from that declaration; a scope with
``live=True`` computes every month from the source rows, and the tests compare both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from frontlijn.dashboard import measures
from frontlijn.dashboard.measures import HAS_BEYOND, SIGNAL_DURATION, micros  # noqa: F401 - re-exported
from frontlijn.feedback.models import Kind
from frontlijn.lib import clock
from frontlijn.register.models import Buurt, Unit, Wijk
from frontlijn.teams.models import FRONT_ROLES, Team, User

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
    wijk: Wijk | None = None
    live: bool = False  # True: every month from the source rows, never from the roll-up
    _cache: dict = field(default_factory=dict, repr=False)
    _rollup: object | None = field(default=None, repr=False)  # rollup.View of these months

    def sub(self, months: list[dt.date]) -> Scope:
        """The same area over (contiguous) other months, computed live; shares the area cache."""
        return Scope(months=months, team=self.team, wijk=self.wijk, live=True, _cache=self._cache)

    def remember(self, key, compute: Callable[[], object]):
        """``compute()`` once per scope (and its sub-scopes) for ``key``."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def same_area(self, months: list[dt.date]) -> Scope:
        """The same area over other months (roll-up or live by the usual rule); shares the area cache."""
        return Scope(months=months, team=self.team, wijk=self.wijk, live=self.live, _cache=self._cache)

    @staticmethod
    def prefetch_areas(scopes: list[Scope]) -> None:
        """Fill the area cache (people, teams, buurten of a wijk) of many scopes with a few queries
        (the comparison view): the same values the scopes would compute one by one."""
        memberships: dict[int, set[int]] = {}
        for user_id, team_id in User.teams.through.objects.values_list("user_id", "team_id"):
            memberships.setdefault(team_id, set()).add(user_id)
        wijk_buurten: dict[int, list[int]] = {}
        for buurt_id, wijk_id in Buurt.objects.values_list("pk", "wijk_id"):
            wijk_buurten.setdefault(wijk_id, []).append(buurt_id)
        teams_of_wijk: dict[int, set[int]] = {}
        for team_id, wijk_id in Team.wijken.through.objects.values_list("team_id", "wijk_id"):
            teams_of_wijk.setdefault(wijk_id, set()).add(team_id)
        for team_id, wijk_id in Team.buurten.through.objects.values_list("team_id", "buurt__wijk_id"):
            teams_of_wijk.setdefault(wijk_id, set()).add(team_id)
        teams = {t.pk: t for t in Team.objects.order_by("pk")} if any(s.wijk is not None for s in scopes) else {}
        for scope in scopes:
            if scope.team is None and scope.wijk is None:
                continue
            if scope.team is not None:
                scope._cache.setdefault("teams", [scope.team])
            elif scope.wijk is not None and "teams" not in scope._cache:
                scope._cache["teams"] = [
                    teams[pk] for pk in sorted(teams_of_wijk.get(scope.wijk.pk, ())) if pk in teams
                ]
            if "people" not in scope._cache:
                people = set().union(*(memberships.get(t.pk, set()) for t in scope._cache["teams"]))
                scope._cache["people"] = sorted(people)
            if scope.wijk is not None:
                scope._cache.setdefault("wijk_buurten", sorted(wijk_buurten.get(scope.wijk.pk, [])))

    def use_rollup_view(self, view) -> Scope:
        """Share one rollup.View (of the same months) between the scopes of one page."""
        self._rollup = view
        return self

    def rollup_view(self):
        """What the roll-up holds for these months (read once per scope): rollup.View."""
        if self._rollup is None:
            from frontlijn.dashboard import rollup

            self._rollup = rollup.View(self.months)
        return self._rollup

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
        return [clock.start_of_day(d) for d in self.date_bounds()]

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

    def wijk_buurt_ids(self) -> list[int]:
        """Buurten of the chosen wijk (for figures counted by where the work was done)."""
        if "wijk_buurten" not in self._cache:
            self._cache["wijk_buurten"] = sorted(Buurt.objects.filter(wijk=self.wijk).values_list("pk", flat=True))
        return self._cache["wijk_buurten"]

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
    values: Sequence[float | None] = field(default_factory=list)
    numerators: Sequence[float | None] = field(default_factory=list)
    denominators: Sequence[float | None] = field(default_factory=list)
    target: float | None = None
    available: bool = True
    note: str = ""
    y_min: float | None = 0
    y_max: float | None = None
    grows_in_month: bool = False  # a count or time that adds up during a month (no open end on a chart)

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
    return {row.pop("_m"): row for row in grouped_rows(qs, field_name=field_name, bounds=bounds, **aggregates)}


def grouped_rows(qs: QuerySet, *, field_name: str, bounds: list, by: Iterable[str] = (), **aggregates) -> QuerySet:
    """Rows of ``qs`` aggregated per month index (``_m``) and the fields ``by``."""
    qs = qs.filter(**{f"{field_name}__gte": bounds[0], f"{field_name}__lt": bounds[-1]})
    return qs.annotate(_m=month_case(field_name, bounds)).values("_m", *by).annotate(**aggregates).order_by()


def _series(n: int, rows: dict[int, dict], key: str) -> list:
    return [rows.get(i, {}).get(key) or 0 for i in range(n)]


def _installed(label: str) -> bool:
    return apps.is_installed(f"frontlijn.{label}")


def monthly(scope: Scope, name: str) -> dict[int, dict]:
    """The per-month numbers ``name`` (declared in :mod:`frontlijn.dashboard.measures`)."""
    return measures.monthly(scope, name)


LABELS = {
    "beyond_share": _("Contacten met aandacht verder dan het proces"),
    "contact_time_share": _("Tijd voor contact (deel van de werktijd)"),
    "promises_on_time": _("Beloftes op tijd nagekomen"),
    "proactive_per_100_units": _("Proactieve contacten per 100 eenheden"),
    "resident_grade": _("Rapportcijfer van bewoners"),
    "heard_share": _("Bewoners die zich gehoord voelden"),
    "plans_round_before_decision": _("Plannen met de frontlijn aan tafel vóór het besluit"),
    "inputs_answered": _("Inbreng beantwoord"),
    "inputs_adopted": _("Inbreng (deels) overgenomen"),
    "signal_feedback_days": _("Dagen van signaal tot terugkoppeling"),
    "signals_with_feedback": _("Signalen met terugkoppeling"),
    "pulse_score": _("Pulsmeting: gemiddelde score (1 tot 5)"),
    "compliments_per_person": _("Complimenten per persoon"),
    "feedback_given_per_person": _("Terugkoppeling gekregen per persoon"),
}


# --- contact ---------------------------------------------------------------------------------


def _org_contact_rows(scope: Scope) -> dict[int, dict] | None:
    """For the whole association, the three contact indicators read the same rows: one pass
    (count, beyond, proactive, minutes of front staff) shared by them. ``None`` for a team/wijk."""
    if scope.team is not None or scope.wijk is not None:
        return None
    return monthly(scope, "org_contacts")


def beyond_share(scope: Scope) -> Figure:
    """Share of contact moments with a beyond-the-process part (a note or a tag)."""
    rows = _org_contact_rows(scope)
    if rows is None:
        rows = monthly(scope, "area_contacts")
    label = LABELS["beyond_share"]
    return _share_figure(
        scope, key="beyond_share", label=label, rows=rows, whole="count", part="beyond", pillar="contact"
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
    rows = _org_contact_rows(scope)
    if rows is None:
        rows = monthly(scope, "minutes")
    n = len(scope.months)
    minutes = _series(n, rows, "minutes")
    people = scope.people_count()
    per_week = _hours_per_week(scope)
    bounds = scope.date_bounds()
    available = [people * per_week * 60 * (bounds[i + 1] - bounds[i]).days / 7 for i in range(n)]
    return Figure(
        key="contact_time_share",
        grows_in_month=True,
        pillar="contact",
        label=str(LABELS["contact_time_share"]),
        unit="%",
        values=[_ratio(m, a) for m, a in zip(minutes, available, strict=True)],
        numerators=[round(m / 60, 1) for m in minutes],
        denominators=[round(a / 60, 1) for a in available],
        target=_contact_target(scope),
        note=str(_("Teller en noemer in uren; het doel is het doel van het team.")),
    )


def promises_on_time(scope: Scope) -> Figure:
    """Of the promises due in a month (not cancelled), the share kept on or before the due date."""
    rows = monthly(scope, "promises")
    label = LABELS["promises_on_time"]
    return _share_figure(
        scope, key="promises_on_time", label=label, rows=rows, whole="count", part="kept", pillar="contact"
    )


def proactive_per_100_units(scope: Scope) -> Figure:
    """Proactive contact moments (direction PRO) on units in the area, per 100 units of the area."""
    rows = _org_contact_rows(scope)
    if rows is None:
        rows = monthly(scope, "proactive")
    n = len(scope.months)
    counts = _series(n, rows, "proactive")
    units = scope.unit_count()
    return Figure(
        key="proactive_per_100_units",
        grows_in_month=True,
        pillar="contact",
        label=str(LABELS["proactive_per_100_units"]),
        values=[_ratio(c, units) for c in counts],
        numerators=counts,
        denominators=[units] * n,
    )


def resident_grade(scope: Scope) -> Figure:
    """Average report grade (1-10) residents gave, all measurement kinds together."""
    rows = monthly(scope, "responses")
    n = len(scope.months)
    counts, totals = _series(n, rows, "count"), _series(n, rows, "grade_sum")
    return Figure(
        key="resident_grade",
        pillar="contact",
        label=str(LABELS["resident_grade"]),
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
    rows = monthly(scope, "responses")
    label = LABELS["heard_share"]
    return _share_figure(
        scope, key="heard_share", label=label, rows=rows, whole="count", part="heard_yes", pillar="contact"
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
    label = LABELS["plans_round_before_decision"]
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


def _share_figure(
    scope: Scope,
    *,
    key: str,
    label,
    rows: dict[int, dict],
    whole: str,
    part: str,
    note: str = "",
    pillar: str = "centraal",
) -> Figure:
    """A monthly share: of ``whole`` per month, the percentage ``part``."""
    n = len(scope.months)
    total, in_part = _series(n, rows, whole), _series(n, rows, part)
    return Figure(
        key=key,
        pillar=pillar,
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
    label = LABELS["inputs_answered"]
    if not _installed("plans"):
        return _unavailable("inputs_answered", "centraal", label, scope)
    rows = monthly(scope, "inputs")
    return _share_figure(scope, key="inputs_answered", label=label, rows=rows, whole="count", part="answered")


def inputs_adopted(scope: Scope) -> Figure:
    """Of the answered inputs given in a month, the share (partly) adopted."""
    label = LABELS["inputs_adopted"]
    if not _installed("plans"):
        return _unavailable("inputs_adopted", "centraal", label, scope)
    return _share_figure(
        scope,
        key="inputs_adopted",
        label=label,
        rows=monthly(scope, "inputs"),
        whole="answered",
        part="adopted",
        note=str(_("Noemer: beantwoorde inbreng.")),
    )


def signal_feedback_days(scope: Scope) -> Figure:
    """Average days from raising a signal to the feedback to the person who raised it, by the
    month the feedback was given."""
    label = LABELS["signal_feedback_days"]
    if not _installed("signals"):
        return _unavailable("signal_feedback_days", "centraal", label, scope, unit="")
    rows = monthly(scope, "signals_feedback")
    n = len(scope.months)
    counts = _series(n, rows, "count")
    # Seconds first, then days: the same float steps as timedelta.total_seconds() / 86400.
    days_total = [us / 10**6 / 86400 for us in _series(n, rows, "duration_us")]
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
    label = LABELS["signals_with_feedback"]
    if not _installed("signals"):
        return _unavailable("signals_with_feedback", "centraal", label, scope)
    rows = monthly(scope, "signals_raised")
    return _share_figure(
        scope, key="signals_with_feedback", label=label, rows=rows, whole="count", part="with_feedback"
    )


# --- waardering ------------------------------------------------------------------------------

PULSE_FIELDS = ("valued", "heard", "influence", "successful", "difference", "contact_time")


def pulse_score(scope: Scope) -> Figure:
    """Average pulse-survey score (1-5, the six questions together) per period.

    Shown only for groups of at least ``settings.FRONTLIJN_MIN_GROUP_SIZE`` answers, so nobody can be singled out.
    """
    label = LABELS["pulse_score"]
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
    values: list[float | None] = []
    counts: list[float | None] = []
    for key in keys:
        row = rows.get(key)
        n = row["n"] if row else 0
        counts.append(n)
        if row is None or n < settings.FRONTLIJN_MIN_GROUP_SIZE:
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
        % {"n": settings.FRONTLIJN_MIN_GROUP_SIZE},
    )


def _per_person(scope: Scope, name: str) -> tuple[list, list]:
    rows = monthly(scope, name)
    counts = _series(len(scope.months), rows, "count")
    people = scope.people_count()
    return counts, [_ratio(c, people, 1) for c in counts]


def compliments_per_person(scope: Scope) -> Figure:
    """Compliments (from residents, colleagues, managers) received per front staff member."""
    label = LABELS["compliments_per_person"]
    if not _installed("appreciation"):
        return _unavailable("compliments_per_person", "waardering", label, scope, unit="")
    counts, values = _per_person(scope, "compliments")
    return Figure(
        key="compliments_per_person",
        grows_in_month=True,
        pillar="waardering",
        label=str(label),
        decimals=2,
        values=values,
        numerators=counts,
        denominators=[scope.people_count()] * len(scope.months),
    )


def feedback_given_per_person(scope: Scope) -> Figure:
    """Feedback front staff got on what they raised (answers to signals and plan inputs), per person."""
    counts, values = _per_person(scope, "inbox")
    return Figure(
        key="feedback_given_per_person",
        grows_in_month=True,
        pillar="waardering",
        label=str(LABELS["feedback_given_per_person"]),
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
    """Average grade and number of answers per measurement kind over the whole scope.

    The average is the sum of the grades divided by the number of answers, from the same
    per-month numbers as the resident grade (so roll-up and live agree to the last bit).
    """
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for month in monthly(scope, "responses").values():
        for kind, numbers in month.get("by", {}).items():
            counts[kind] = counts.get(kind, 0) + numbers["count"]
            totals[kind] = totals.get(kind, 0) + numbers["grade_sum"]
    return {k: (totals[k] / counts[k], counts[k]) if counts.get(k) else (None, 0) for k in Kind.values}
