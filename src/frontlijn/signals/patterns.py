"""Patterns: detection (set-wise, in SQL) and the writes that answer a pattern.

The rules (settings ``FRONTLIJN_PATTERN_*``, written out in docs/signals.md):

- window: signals raised in the last ``WINDOW_DAYS`` days;
- a group is one theme in one complex (level "complex") or one buurt (level "buurt"), levels in
  the order of ``FRONTLIJN_PATTERN_LEVELS``;
- a group counts the signals that are not in an open pattern and were never in a pattern of this
  theme; it is raised when it has at least ``MIN_COUNT`` of them AND at least
  ``BASELINE_FACTOR`` × the usual number: the area's own signals of that theme in the
  ``BASELINE_DAYS`` before the window, scaled to the window's length; AND the area's usual rate
  would produce that many by chance with a probability of at most ``MAX_P`` divided by the number
  of groups tested at that level (Poisson with the usual number as its mean; Bonferroni), so that
  in hundreds of buurten a few quiet ones do not reach three times their one or two usual signals
  by chance alone;
- vulnerability themes (``VULNERABLE_THEMES``) also need ``MIN_HOUSEHOLDS`` distinct addresses;
- while a pattern is open, new signals of its theme in its area join it (``JOIN_OPEN``);
- a signal is in at most one open pattern (a partial unique index) and in at most one pattern
  per theme, so an answered pattern is not raised again from the same signals;
- a pattern closes only when it is answered: a reply by the area's team lead, a plan started
  from it, or its signals attached to an open plan.

Detection is a handful of grouped queries per level, whatever the number of signals; only the
signals of groups that are raised are fetched one by one.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from frontlijn.core.models import InboxKind
from frontlijn.core.services import inbox_send
from frontlijn.lib import clock
from frontlijn.lib.validators import validate_no_bsn
from frontlijn.privacy import capabilities
from frontlijn.register.models import Complex
from frontlijn.signals import pattern_selectors as selectors
from frontlijn.signals.models import (
    Pattern,
    PatternLevel,
    PatternOutcome,
    PatternSignal,
    PatternStatus,
    Signal,
    Status,
    Theme,
)

if TYPE_CHECKING:
    from frontlijn.teams.models import User

SignalTheme = Signal.themes.through
AREA_FIELD: dict[str, str] = {PatternLevel.COMPLEX: "signal__complex_id", PatternLevel.BUURT: "signal__buurt_id"}


@dataclass(frozen=True)
class Rules:
    window_days: int
    min_count: int
    baseline_days: int
    baseline_factor: float
    max_p: float
    levels: tuple[str, ...]
    vulnerable: frozenset[str]
    min_households: int
    join_open: bool

    @classmethod
    def from_settings(cls) -> Rules:
        return cls(
            window_days=settings.FRONTLIJN_PATTERN_WINDOW_DAYS,
            min_count=settings.FRONTLIJN_PATTERN_MIN_COUNT,
            baseline_days=settings.FRONTLIJN_PATTERN_BASELINE_DAYS,
            baseline_factor=settings.FRONTLIJN_PATTERN_BASELINE_FACTOR,
            max_p=settings.FRONTLIJN_PATTERN_MAX_P,
            levels=tuple(lv.strip() for lv in settings.FRONTLIJN_PATTERN_LEVELS if lv.strip()),
            vulnerable=frozenset(c.strip() for c in settings.FRONTLIJN_PATTERN_VULNERABLE_THEMES if c.strip()),
            min_households=settings.FRONTLIJN_PATTERN_MIN_HOUSEHOLDS,
            join_open=settings.FRONTLIJN_PATTERN_JOIN_OPEN,
        )


@dataclass
class DetectResult:
    raised: list[int] = field(default_factory=list)  # ids of new patterns
    joined: int = 0  # signals that joined an open pattern
    groups_checked: int = 0

    def as_dict(self) -> dict:
        return {"raised": len(self.raised), "pattern_ids": self.raised, "joined": self.joined}


def _candidates(*, start, end):
    """Signal-theme pairs in the window that may still join or form a pattern."""
    in_open = PatternSignal.objects.filter(open=True, signal_id=OuterRef("signal_id"))
    in_theme = PatternSignal.objects.filter(signal_id=OuterRef("signal_id"), theme_id=OuterRef("theme_id"))
    return SignalTheme.objects.filter(signal__created_at__gte=start, signal__created_at__lte=end).exclude(
        Exists(in_open) | Exists(in_theme)
    )


def patterns_detect(*, now: dt.datetime | None = None, rules: Rules | None = None) -> DetectResult:
    """Join new signals to open patterns and raise the new ones; notify their readers."""
    rules = rules or Rules.from_settings()
    now = now or clock.now()
    start = now - dt.timedelta(days=rules.window_days)
    result = DetectResult()
    theme_codes = dict(Theme.objects.values_list("id", "code"))
    for level in rules.levels:
        if level not in AREA_FIELD:
            continue
        with transaction.atomic():
            if rules.join_open:
                result.joined += _join_open(level=level, start=start, end=now)
            for pattern in _raise(
                level=level, start=start, end=now, rules=rules, theme_codes=theme_codes, result=result
            ):
                result.raised.append(pattern.pk)
                pattern_notify(pattern=pattern)
    return result


def _join_open(*, level: str, start, end) -> int:
    area = AREA_FIELD[level]
    open_here = Pattern.objects.filter(status=PatternStatus.OPEN, level=level, theme_id=OuterRef("theme_id"))
    open_here = open_here.filter(**{f"{level}_id": OuterRef(area)})
    rows = _candidates(start=start, end=end).filter(Exists(open_here)).values_list("signal_id", "theme_id", area)
    by_key = {
        (p.theme_id, getattr(p, f"{level}_id")): p
        for p in Pattern.objects.filter(status=PatternStatus.OPEN, level=level)
        .only("id", "theme_id", "complex_id", "buurt_id")
        .iterator()
    }
    seen: set[int] = set()
    members = []
    for signal_id, theme_id, area_id in rows.order_by("signal_id", "theme_id"):
        pattern = by_key.get((theme_id, area_id))
        if pattern is None or signal_id in seen:
            continue
        seen.add(signal_id)
        members.append(PatternSignal(pattern=pattern, signal_id=signal_id, theme_id=theme_id, open=True))
    PatternSignal.objects.bulk_create(members)
    for pattern in {m.pattern_id: m.pattern for m in members}.values():
        _refresh_counts(pattern)
    return len(members)


def _refresh_counts(pattern: Pattern) -> None:
    agg = Signal.objects.filter(pattern_memberships__pattern=pattern).aggregate(
        n=Count("id", distinct=True), households=Count("unit_id", distinct=True)
    )
    Pattern.objects.filter(pk=pattern.pk).update(signal_count=agg["n"], household_count=agg["households"])


def chance_of_at_least(n: int, expected: float) -> float:
    """P(X >= n) for X ~ Poisson(expected): how likely the usual rate alone gives n or more."""
    if n <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    term = math.exp(-expected)
    below = term
    for k in range(1, n):
        term *= expected / k
        below += term
    return max(0.0, 1.0 - below)


def _raise(*, level: str, start, end, rules: Rules, theme_codes: dict[int, str], result: DetectResult):
    area = AREA_FIELD[level]
    candidates = _candidates(start=start, end=end).filter(**{f"{area}__isnull": False})
    groups = list(
        candidates.values("theme_id", area)
        .annotate(n=Count("signal_id", distinct=True), households=Count("signal__unit_id", distinct=True))
        .filter(n__gte=rules.min_count)
        .order_by("theme_id", area)
    )
    result.groups_checked += len(groups)
    groups = [
        g
        for g in groups
        if theme_codes.get(g["theme_id"]) not in rules.vulnerable or g["households"] >= rules.min_households
    ]
    if not groups:
        return []
    baseline_start = start - dt.timedelta(days=rules.baseline_days)
    baseline = {
        (row["theme_id"], row[area]): row["b"]
        for row in SignalTheme.objects.filter(
            signal__created_at__gte=baseline_start,
            signal__created_at__lt=start,
            theme_id__in={g["theme_id"] for g in groups},
            **{f"{area}__in": {g[area] for g in groups}},
        )
        .values("theme_id", area)
        .annotate(b=Count("signal_id", distinct=True))
    }
    scale = rules.window_days / rules.baseline_days if rules.baseline_days else 0.0
    # Many groups are tested at once: each must pass MAX_P divided by their number (Bonferroni), so
    # that the chance that any pattern of this level comes from the usual rate alone stays ~MAX_P.
    max_p = rules.max_p / len(groups)
    buurt_of = {}
    if level == PatternLevel.COMPLEX:
        buurt_of = dict(Complex.objects.filter(id__in={g[area] for g in groups}).values_list("id", "buurt_id"))
    raised = []
    taken: set[int] = set()
    for g in groups:
        expected = baseline.get((g["theme_id"], g[area]), 0) * scale
        if g["n"] < rules.baseline_factor * expected or chance_of_at_least(g["n"], expected) > max_p:
            continue  # the area's usual rate (or chance at that rate): not a pattern
        rows = [
            (s, u)
            for s, u in candidates.filter(theme_id=g["theme_id"], **{area: g[area]})
            .values_list("signal_id", "signal__unit_id")
            .order_by("signal_id")
            if s not in taken
        ]
        households = len({u for _s, u in rows if u is not None})
        if len(rows) < rules.min_count:
            continue
        if theme_codes.get(g["theme_id"]) in rules.vulnerable and households < rules.min_households:
            continue
        pattern = Pattern.objects.create(
            theme_id=g["theme_id"],
            level=level,
            complex_id=g[area] if level == PatternLevel.COMPLEX else None,
            buurt_id=buurt_of[g[area]] if level == PatternLevel.COMPLEX else g[area],
            window_days=rules.window_days,
            signal_count=len(rows),
            household_count=households,
            expected=round(expected, 2),
            raised_at=end,
        )
        PatternSignal.objects.bulk_create(
            [PatternSignal(pattern=pattern, signal_id=s, theme_id=g["theme_id"], open=True) for s, _u in rows]
        )
        taken.update(s for s, _u in rows)
        raised.append(pattern)
    return raised


def _pattern_title(pattern: Pattern) -> str:
    return _("Patroon: %(n)s signalen over %(theme)s in %(place)s") % {
        "n": pattern.signal_count,
        "theme": pattern.theme.name,
        "place": pattern.place_label,
    }


def pattern_recipients(*, pattern: Pattern):
    """The team leads of the pattern's buurt and the plan owners of that area (their teams cover
    it, or they own a plan on it). A few small queries on ids instead of one OR over five joins
    (which PostgreSQL cannot plan well)."""
    from frontlijn.plans.models import Plan
    from frontlijn.register.models import Buurt
    from frontlijn.teams.models import Team

    User = get_user_model()
    buurt_id = pattern.buurt_id
    wijk_id = Buurt.objects.filter(pk=buurt_id).values_list("wijk_id", flat=True).first()
    team_ids = set(Team.objects.filter(buurten=buurt_id).values_list("id", flat=True))
    team_ids |= set(Team.objects.filter(wijken=wijk_id).values_list("id", flat=True))
    in_teams = set(User.teams.through.objects.filter(team_id__in=team_ids).values_list("user_id", flat=True))
    plan_ids = set(Plan.objects.filter(buurten=buurt_id).values_list("id", flat=True))
    plan_ids |= set(Plan.objects.filter(wijken=wijk_id).values_list("id", flat=True))
    plan_ids |= set(Plan.objects.filter(complexes__buurt_id=buurt_id).values_list("id", flat=True))
    owners = set(Plan.objects.filter(id__in=plan_ids).values_list("owner_id", flat=True))
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role__in=capabilities.roles("pattern_inbox_lead"), pk__in=in_teams)
            | Q(role__in=capabilities.roles("pattern_inbox_owner"), pk__in=in_teams | owners)
        )
        .order_by("id")
    )


def pattern_notify(*, pattern: Pattern) -> int:
    """Tell the pattern's readers. The message names the theme, the place and the count only."""
    pattern = Pattern.objects.select_related("theme", "complex", "buurt").get(pk=pattern.pk)
    url = reverse("signals:pattern", args=[pattern.pk])
    sent = 0
    for user in pattern_recipients(pattern=pattern):
        inbox_send(
            recipient=user,
            kind=InboxKind.SIGNAL_PATTERN,
            title=_pattern_title(pattern),
            body=_(
                "%(n)s signalen in %(days)s dagen, waar er gewoonlijk %(expected)s zijn. "
                "De teamleider van het gebied beantwoordt het patroon."
            )
            % {"n": pattern.signal_count, "days": pattern.window_days, "expected": f"{pattern.expected:.1f}"},
            url=url,
        )
        sent += 1
    return sent


def _close(*, pattern: Pattern, user: User, outcome: str, answer: str, plan=None) -> Pattern:
    pattern.status = PatternStatus.CLOSED
    pattern.outcome = outcome
    pattern.answer = answer
    pattern.answered_by = user
    pattern.answered_at = clock.now()
    pattern.plan = plan
    pattern.save()
    PatternSignal.objects.filter(pattern=pattern).update(open=False)
    url = reverse("signals:pattern", args=[pattern.pk])
    for recipient in pattern_recipients(pattern=pattern).exclude(pk=user.pk):
        inbox_send(
            recipient=recipient,
            kind=InboxKind.SIGNAL_PATTERN,
            title=_("Beantwoord: %(title)s") % {"title": _pattern_title(pattern)},
            body=_("%(user)s: %(answer)s") % {"user": user, "answer": answer},
            url=url,
        )
    return pattern


def _open_for_answer(*, pattern: Pattern, user: User) -> Pattern:
    if not selectors.can_answer(user, pattern):
        raise PermissionDenied
    pattern = (
        Pattern.objects.select_for_update(of=("self",)).select_related("theme", "complex", "buurt").get(pk=pattern.pk)
    )
    if not pattern.is_open:
        raise ValidationError(_("Dit patroon is al beantwoord."))
    return pattern


@transaction.atomic
def pattern_answer(*, pattern: Pattern, user: User, answer: str) -> Pattern:
    """The team lead answers the pattern (like a signal: with a reply)."""
    pattern = _open_for_answer(pattern=pattern, user=user)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(
            {"answer": [_("Een patroon beantwoord je met een toelichting. Schrijf wat je ermee doet.")]}
        )
    validate_no_bsn(answer)
    return _close(pattern=pattern, user=user, outcome=PatternOutcome.ANSWERED, answer=answer)


def _take_signals(*, pattern: Pattern, user: User, plan, message: str) -> int:
    """The pattern's open signals that the user may handle go to "meegenomen in plan"; each
    raiser gets the handler's message."""
    from frontlijn.signals import selectors as signal_selectors
    from frontlijn.signals import services as signal_services

    plan_url = reverse("plans:detail", args=[plan.pk])
    taken = 0
    signals = signal_selectors.signal_list(user=user).filter(pattern_memberships__pattern=pattern)
    for signal in signals.exclude(status=Status.ANSWERED).order_by("id"):
        signal_services.signal_take_into_plan(
            signal=signal,
            user=user,
            plan_title=plan.title,
            plan_url=plan_url,
            plan=plan,
            message=message,
        )
        taken += 1
    return taken


@transaction.atomic
def pattern_start_plan(
    *, pattern: Pattern, user: User, title: str, plan_type: str, message: str, description: str = ""
):
    """Start a plan on the pattern's area (the answering team lead owns it); its signals are
    taken into the plan and the pattern is answered."""
    from frontlijn.plans import services as plan_services

    pattern = _open_for_answer(pattern=pattern, user=user)
    from frontlijn.signals.services import checked_feedback

    message = checked_feedback(message, field="message")
    plan = plan_services.plan_create(
        user=user,
        title=title,
        plan_type=plan_type,
        description=description,
        complexes=[pattern.complex] if pattern.complex_id else [],
        buurten=[] if pattern.complex_id else [pattern.buurt],
        from_pattern=True,
    )
    _take_signals(pattern=pattern, user=user, plan=plan, message=message)
    _close(
        pattern=pattern,
        user=user,
        outcome=PatternOutcome.PLAN_STARTED,
        answer=_("Plan gestart: %(plan)s") % {"plan": plan.title},
        plan=plan,
    )
    return plan


@transaction.atomic
def pattern_attach_to_plan(*, pattern: Pattern, user: User, plan, message: str) -> Pattern:
    """Attach the pattern's signals to a plan that is not decided yet; the pattern is answered."""
    pattern = _open_for_answer(pattern=pattern, user=user)
    if plan not in selectors.open_plans_for(pattern=pattern, user=user):
        raise ValidationError({"plan": [_("Kies een lopend plan waarover nog niet besloten is.")]})
    from frontlijn.signals.services import checked_feedback

    message = checked_feedback(message, field="message")
    _take_signals(pattern=pattern, user=user, plan=plan, message=message)
    return _close(
        pattern=pattern,
        user=user,
        outcome=PatternOutcome.PLAN_ATTACHED,
        answer=_("Bij het plan gevoegd: %(plan)s") % {"plan": plan.title},
        plan=plan,
    )
