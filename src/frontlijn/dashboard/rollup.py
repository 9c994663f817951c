"""The monthly roll-up: the dashboard's numbers per month, pre-aggregated.

Computing a year of figures for the whole association from the source rows reads ~500,000
contact moments and ~100,000 signals at the size of the largest association, which takes
longer than a page may. The roll-up (:class:`~frontlijn.dashboard.models.MonthlyTotal`) keeps,
per month, the totals of each *source* grouped by the dimensions the dashboard filters
on (who did the work, in which buurt or wijk, for which team, which kind of answer), so a
page sums a few thousand small rows instead.

Rules (also in docs/dashboard.md):

- A *closed* month (before the current one) is read from the roll-up when its last refresh
  *started after the month ended*; the *current* month when its last refresh started less than
  :func:`current_month_max_age` ago (default 60 minutes; 0 keeps the current month live).
  Every other month is computed live from the source rows. So a figure is either live or "as
  of the refresh", and the page says which (:func:`freshness`).
- Dimensions are joined to the current teams, team membership, roles and wijken when the
  roll-up is read, exactly as the live computation does; only the buurt of a unit or household
  (where the work was done) is taken as it was at the refresh.
- A change shows after the next refresh of its month. ``frontlijn dashboard refresh`` rebuilds
  the current month and the last three closed months (answers for last month keep arriving
  for two weeks); ``--all`` rebuilds every month (after an import of old data or a change of
  buurt boundaries).

The pulse survey (small, and privacy-sensitive per team) and the plans-with-a-round figure
(which depends on each plan's current area and input rounds) are always computed live.

Reading: :func:`rolled_indices` (which months of a scope come from the roll-up), :func:`read`
(the same per-month numbers the live ``indicators._live_*`` functions return) and
:func:`freshness`. Writing: :func:`frontlijn.dashboard.services.rollup_refresh`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Min, Q, QuerySet, Sum

from frontlijn.dashboard import indicators as ind
from frontlijn.dashboard.models import MonthlyTotal, RollupMonth
from frontlijn.lib import clock
from frontlijn.teams.models import FRONT_ROLES, User

# --- sources: what a refresh stores ------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One source table: its rows per month (by ``date_field``) and ``dims``, with up to four sums.

    ``dims`` maps a MonthlyTotal column to the ORM path it is taken from; ``sums`` maps the
    names n, a, b, c to aggregates, stored in n1 to n4. ``app`` is the app that must be installed.
    """

    key: str
    app: str
    queryset: Callable[[], QuerySet]
    date_field: str
    dims: dict[str, str]
    sums: Callable[[], dict]
    is_date: bool = False  # a DateField (bounds are dates), else a DateTimeField
    post: Callable[[dict], dict] | None = None  # turn a database row's sums into integers


def _contacts() -> QuerySet:
    from frontlijn.contacts.models import ContactMoment

    return ContactMoment.objects.all()


def _contact_sums() -> dict:
    from frontlijn.contacts.models import Direction

    return {
        "n": Count("id"),
        "a": Count("id", filter=ind.HAS_BEYOND),
        "b": Count("id", filter=Q(direction=Direction.PROACTIVE)),
        "c": Sum("duration_minutes"),
    }


def _promises() -> QuerySet:
    from frontlijn.contacts.models import Promise, PromiseStatus

    return Promise.objects.exclude(status=PromiseStatus.CANCELLED)


def _promise_sums() -> dict:
    from frontlijn.contacts.models import PromiseStatus

    return {
        "n": Count("id"),
        "a": Count("id", filter=Q(status=PromiseStatus.KEPT, done_at__date__lte=F("due_date"))),
    }


def _responses() -> QuerySet:
    from frontlijn.feedback.models import FeedbackResponse

    return FeedbackResponse.objects.all()


def _response_sums() -> dict:
    from frontlijn.feedback.models import Answer3

    return {"n": Count("id"), "a": Sum("grade"), "b": Count("id", filter=Q(heard=Answer3.YES))}


def _signals() -> QuerySet:
    from frontlijn.signals.models import Signal

    return Signal.objects.all()


def _answered_signals() -> QuerySet:
    return _signals().filter(feedback_at__isnull=False)


def _signal_raised_sums() -> dict:
    return {"n": Count("id"), "a": Count("id", filter=Q(feedback_at__isnull=False))}


def _signal_feedback_sums() -> dict:
    return {"n": Count("id"), "c": Sum(ind.SIGNAL_DURATION)}


def _durations_as_micros(row: dict) -> dict:
    row["c"] = ind.micros(row.get("c"))
    return row


def _inputs() -> QuerySet:
    from frontlijn.plans.models import Input

    return Input.objects.all()


def _input_sums() -> dict:
    from frontlijn.plans.models import ADOPTED_VERDICTS

    return {
        "n": Count("id"),
        "a": Count("id", filter=Q(answer__isnull=False)),
        "b": Count("id", filter=Q(answer__verdict__in=[str(v) for v in ADOPTED_VERDICTS])),
    }


def _compliments() -> QuerySet:
    from frontlijn.appreciation.models import Compliment

    return Compliment.objects.all()


def _inbox() -> QuerySet:
    from frontlijn.core.models import InboxKind, InboxMessage

    return InboxMessage.objects.filter(kind__in=[InboxKind.SIGNAL_FEEDBACK, InboxKind.PLAN_INPUT])


def _count() -> dict:
    return {"n": Count("id")}


SOURCES: list[Source] = [
    # n contacts, a with a beyond-the-process part, b proactive, c minutes
    Source(
        key="contacts",
        app="contacts",
        queryset=_contacts,
        date_field="occurred_at",
        dims={"staff_id": "staff_id", "buurt_id": "unit__buurt_id"},
        sums=_contact_sums,
    ),
    # n promises due (not cancelled), a kept on time
    Source(
        key="promises",
        app="contacts",
        queryset=_promises,
        date_field="due_date",
        dims={"staff_id": "owner_id", "buurt_id": "household__unit__buurt_id"},
        sums=_promise_sums,
        is_date=True,
    ),
    # n answers, a sum of grades, b "ja" to "gehoord"
    Source(
        key="responses",
        app="feedback",
        queryset=_responses,
        date_field="period",
        dims={"team_id": "team_id", "wijk_id": "wijk_id", "kind": "kind"},
        sums=_response_sums,
        is_date=True,
    ),
    # by month raised: n signals, a with feedback
    Source(
        key="signals_raised",
        app="signals",
        queryset=_signals,
        date_field="created_at",
        dims={"staff_id": "raised_by_id", "wijk_id": "wijk_id"},
        sums=_signal_raised_sums,
    ),
    # by month of the feedback: n signals, c microseconds from raising to feedback
    Source(
        key="signals_feedback",
        app="signals",
        queryset=_answered_signals,
        date_field="feedback_at",
        dims={"staff_id": "raised_by_id", "wijk_id": "wijk_id"},
        sums=_signal_feedback_sums,
        post=_durations_as_micros,
    ),
    # n inputs given, a answered, b (partly) adopted
    Source(
        key="inputs",
        app="plans",
        queryset=_inputs,
        date_field="created_at",
        dims={"staff_id": "author_id"},
        sums=_input_sums,
    ),
    # n compliments received
    Source(
        key="compliments",
        app="appreciation",
        queryset=_compliments,
        date_field="created_at",
        dims={"staff_id": "to_user_id"},
        sums=_count,
    ),
    # n feedback messages received (signal feedback, answers to plan inputs)
    Source(
        key="inbox",
        app="core",
        queryset=_inbox,
        date_field="created_at",
        dims={"staff_id": "recipient_id"},
        sums=_count,
    ),
]


SUM_COLUMNS = {"n": "n1", "a": "n2", "b": "n3", "c": "n4"}


def installed_sources() -> list[Source]:
    return [s for s in SOURCES if apps.is_installed(f"frontlijn.{s.app}")]


def build(months: list[dt.date]) -> Iterator[MonthlyTotal]:
    """The roll-up rows of contiguous ``months``, computed from the source rows."""
    scope = ind.Scope(months=months, live=True)
    for source in installed_sources():
        bounds = scope.date_bounds() if source.is_date else scope.datetime_bounds()
        dims = list(source.dims.items())
        rows = ind.grouped_rows(
            source.queryset(),
            field_name=source.date_field,
            bounds=bounds,
            by=[path for _column, path in dims],
            **source.sums(),
        )
        for row in rows:
            if source.post is not None:
                row = source.post(row)
            values = {column: row[path] for column, path in dims}
            if "kind" in values:
                values["kind"] = values["kind"] or ""
            sums = {column: int(row.get(name) or 0) for name, column in SUM_COLUMNS.items()}
            yield MonthlyTotal(source=source.key, month=months[row["_m"]], **values, **sums)


def first_month() -> dt.date | None:
    """The earliest month any source has a row in (for ``refresh --all``)."""
    firsts = []
    for source in installed_sources():
        value = source.queryset().aggregate(first=Min(source.date_field))["first"]
        if value is None:
            continue
        if isinstance(value, dt.datetime):
            value = clock.localdate(value)
        firsts.append(ind.month_start(value))
    return min(firsts) if firsts else None


# --- reading ---------------------------------------------------------------------------------


def current_month() -> dt.date:
    return clock.today().replace(day=1)


def _month_end(month: dt.date) -> dt.datetime:
    nxt = ind.add_months(month, 1)
    return clock.start_of_day(nxt)


def _states(scope: ind.Scope) -> dict[dt.date, dt.datetime]:
    key = ("rollup_states", tuple(scope.months))
    if key not in scope._cache:
        months = [m for m in scope.months if m <= current_month()]
        scope._cache[key] = dict(RollupMonth.objects.filter(month__in=months).values_list("month", "refreshed_at"))
    return scope._cache[key]


def current_month_max_age() -> dt.timedelta:
    """How old the roll-up of the current month may be to be used (0: always live).

    ``FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE`` in minutes (setting or environment), default 60:
    with a refresh every 15 minutes, a missed run or two still serves the page from the roll-up;
    if refreshes stop, the current month quietly falls back to live.
    """
    value = getattr(settings, "FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE", None)
    if value is None:
        value = os.environ.get("FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE", "60")
    return dt.timedelta(minutes=int(value))


def is_fresh(month: dt.date, refreshed_at: dt.datetime | None, *, now: dt.datetime | None = None) -> bool:
    """Whether a month is read from the roll-up: closed and refreshed after it ended, or the
    current month refreshed recently enough."""
    if refreshed_at is None:
        return False
    current = current_month()
    if month < current:
        return refreshed_at >= _month_end(month)
    if month == current:
        max_age = current_month_max_age()
        return max_age > dt.timedelta(0) and (now or clock.now()) - refreshed_at <= max_age
    return False


def rolled_indices(scope: ind.Scope) -> list[int]:
    """Indices of the scope's months that are read from the roll-up."""
    if scope.live:
        return []
    states = _states(scope)
    return [i for i, m in enumerate(scope.months) if is_fresh(m, states.get(m))]


@dataclass
class Freshness:
    """How fresh the figures of a scope are: which months come from the roll-up, as of when."""

    refreshed_at: dt.datetime | None  # the newest refresh among the rolled-up months
    oldest_refresh: dt.datetime | None  # the oldest one (older months are rebuilt less often)
    rolled: list[dt.date] = field(default_factory=list)
    live: list[dt.date] = field(default_factory=list)


def freshness(scope: ind.Scope) -> Freshness:
    indices = set(rolled_indices(scope))
    states = _states(scope) if indices else {}
    rolled = [m for i, m in enumerate(scope.months) if i in indices]
    return Freshness(
        refreshed_at=max((states[m] for m in rolled), default=None),
        oldest_refresh=min((states[m] for m in rolled), default=None),
        rolled=rolled,
        live=[m for i, m in enumerate(scope.months) if i not in indices],
    )


def _front_staff() -> QuerySet:
    return User.objects.filter(role__in=list(FRONT_ROLES)).values("pk")


def _sums(qs: QuerySet, scope: ind.Scope, indices: list[int], **sums) -> dict[int, dict]:
    """Sum the roll-up rows per month: {month index: {name: int}}."""
    index = {scope.months[i]: i for i in indices}
    rows = qs.filter(month__in=list(index)).values("month").annotate(**sums).order_by()
    return {index[row.pop("month")]: {k: int(v or 0) for k, v in row.items()} for row in rows}


def _totals(source: str) -> QuerySet:
    return MonthlyTotal.objects.filter(source=source)


def _read_org_contacts(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    return _sums(
        _totals("contacts"),
        scope,
        indices,
        n=Sum("n1"),
        beyond=Sum("n2"),
        proactive=Sum("n3"),
        minutes=Sum("n4", filter=Q(staff_id__in=_front_staff())),
    )


def _read_area_contacts(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    qs = _totals("contacts")
    if scope.team is not None:
        qs = qs.filter(staff_id__in=scope.people_ids())
    if scope.wijk is not None:
        qs = qs.filter(buurt_id__in=scope.wijk_buurt_ids())
    return _sums(qs, scope, indices, n=Sum("n1"), beyond=Sum("n2"))


def _read_minutes(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    qs = _totals("contacts").filter(staff_id__in=scope.people_ids())
    return _sums(qs, scope, indices, minutes=Sum("n4"))


def _read_proactive(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    qs = _totals("contacts").filter(buurt_id__in=scope.buurt_ids())
    return _sums(qs, scope, indices, proactive=Sum("n3"))


def _read_promises(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    qs = _totals("promises")
    if scope.team is not None:
        qs = qs.filter(staff_id__in=scope.people_ids())
    if scope.wijk is not None:
        qs = qs.filter(buurt_id__in=scope.wijk_buurt_ids())
    return _sums(qs, scope, indices, n=Sum("n1"), kept=Sum("n2"))


def _read_responses(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    qs = _totals("responses")
    if scope.team is not None:
        qs = qs.filter(team_id=scope.team.pk)
    if scope.wijk is not None:
        qs = qs.filter(wijk_id=scope.wijk.pk)
    index = {scope.months[i]: i for i in indices}
    out: dict[int, dict] = {}
    rows = qs.filter(month__in=list(index)).values("month", "kind")
    for row in rows.annotate(n=Sum("n1"), total=Sum("n2"), yes=Sum("n3")).order_by():
        n, total, yes = int(row["n"] or 0), int(row["total"] or 0), int(row["yes"] or 0)
        month = out.setdefault(index[row["month"]], {"n": 0, "total": 0, "yes": 0, "kinds": {}})
        month["n"] += n
        month["total"] += total
        month["yes"] += yes
        month["kinds"][row["kind"]] = (n, total)
    return out


def _signal_area(qs: QuerySet, scope: ind.Scope) -> QuerySet:
    if scope.team is not None:
        qs = qs.filter(staff_id__in=scope.people_ids())
    if scope.wijk is not None:
        qs = qs.filter(wijk_id=scope.wijk.pk)
    return qs


def _read_signals_raised(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    return _sums(_signal_area(_totals("signals_raised"), scope), scope, indices, n=Sum("n1"), answered=Sum("n2"))


def _read_signals_feedback(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    return _sums(_signal_area(_totals("signals_feedback"), scope), scope, indices, n=Sum("n1"), micros=Sum("n4"))


def _read_inputs(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
    qs = _totals("inputs")
    ids = scope.people_ids()
    if ids is not None:
        qs = qs.filter(staff_id__in=ids)
    return _sums(qs, scope, indices, n=Sum("n1"), answered=Sum("n2"), adopted=Sum("n3"))


def _per_person(source: str) -> Callable[[ind.Scope, list[int]], dict[int, dict]]:
    def read(scope: ind.Scope, indices: list[int]) -> dict[int, dict]:
        qs = _totals(source).filter(staff_id__in=_front_staff())
        ids = scope.people_ids()
        if ids is not None:
            qs = qs.filter(staff_id__in=ids)
        return _sums(qs, scope, indices, n=Sum("n1"))

    return read


READERS: dict[str, Callable[[ind.Scope, list[int]], dict[int, dict]]] = {
    "org_contacts": _read_org_contacts,
    "area_contacts": _read_area_contacts,
    "minutes": _read_minutes,
    "proactive": _read_proactive,
    "promises": _read_promises,
    "responses": _read_responses,
    "signals_raised": _read_signals_raised,
    "signals_feedback": _read_signals_feedback,
    "inputs": _read_inputs,
    "compliments": _per_person("compliments"),
    "inbox": _per_person("inbox"),
}


def read(scope: ind.Scope, name: str, indices: list[int]) -> dict[int, dict]:
    """The per-month numbers ``name`` of the months ``indices`` of the scope, from the roll-up.

    Memoised in Django's cache: roll-up rows change only when a refresh rewrites their month,
    and a refresh stamps the month anew in the same transaction, so a key made of the months'
    stamps and of everything else the sums depend on (the team's people, the wijk's buurten,
    who counts as front staff) always gives the sums the database would give.
    """
    if not indices:
        return {}
    key = _read_key(scope, name, indices)
    found = cache.get(key)
    if found is None:
        found = READERS[name](scope, indices)
        cache.set(key, found, READ_CACHE_SECONDS)
    return found


READ_CACHE_SECONDS = 24 * 3600


def _read_key(scope: ind.Scope, name: str, indices: list[int]) -> str:
    if "front_staff_ids" not in scope._cache:
        scope._cache["front_staff_ids"] = sorted(_front_staff().values_list("pk", flat=True))
    states = _states(scope)
    parts = (
        name,
        scope.team.pk if scope.team is not None else None,
        scope.wijk.pk if scope.wijk is not None else None,
        scope.people_ids(),
        scope.wijk_buurt_ids() if scope.wijk is not None else None,
        scope._cache["front_staff_ids"],
        [(scope.months[i].isoformat(), states[scope.months[i]].isoformat(), i) for i in indices],
    )
    return "dashboard-rollup:" + hashlib.sha256(repr(parts).encode()).hexdigest()
