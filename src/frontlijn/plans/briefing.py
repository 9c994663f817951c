"""The front-line briefing for a plan's area: what the front knows, without identifying residents.

Built on request (always current) from:

- signals per theme with counts and a 90-day trend (``signals.selectors``, which applies the
  viewer's scope for aggregates);
- notable quotes: the text of place-level signals the viewer may read, and beyond-the-process
  notes from contact moments in the area, both pseudonymised with
  :mod:`frontlijn.lib.pseudonymise` (names of the area's residents, phone numbers, e-mail
  addresses, postcodes/addresses and long numbers removed). Notes tagged health or money
  (special-category data) are left out altogether; the author of a quote is never shown;
- contact and case figures for the area (counts only);
- the front staff who work there.

Privacy: plan owners and managers never read beyond-the-process notes; which notes the
briefing may quote (short pseudonymised excerpts of notes from the plan's own area, which is
the purpose the front staff wrote them for, "what the association should know") is decided by
``privacy.scoping.briefing_note_q`` and ``may_quote_in_briefing``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum

from frontlijn.contacts.models import BeyondTag, ContactMoment
from frontlijn.lib import clock
from frontlijn.lib.pseudonymise import Pseudonymiser, resident_name_parts
from frontlijn.plans import selectors
from frontlijn.plans.models import Plan
from frontlijn.privacy import scoping

if TYPE_CHECKING:
    from frontlijn.teams.models import User

QUOTE_LIMIT = 8
QUOTE_MAX_CHARS = 400
QUOTE_MIN_CHARS = 25
WINDOW_DAYS = 365


@dataclass
class Quote:
    source: str  # "signaal" or "contact"
    text: str
    date: dt.date
    label: str = ""  # theme(s) or note tags


@dataclass
class Briefing:
    plan: Plan
    generated_at: dt.datetime
    area_names: list[str]
    buurt_count: int
    themes: list[dict] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    contacts: dict = field(default_factory=dict)
    cases: list[dict] = field(default_factory=list)
    staff: list = field(default_factory=list)


def _pseudonymiser_for(buurt_ids) -> Pseudonymiser:
    from frontlijn.register.models import HomeSeeker, Resident, Unit

    names: set[str] = set()
    for first, prefix, last in Resident.objects.filter(household__unit__buurt_id__in=buurt_ids).values_list(
        "first_name", "prefix", "last_name"
    ):
        names.update(resident_name_parts(first_name=first, prefix=prefix, last_name=last))
    for first, prefix, last in HomeSeeker.objects.filter(household__unit__buurt_id__in=buurt_ids).values_list(
        "first_name", "prefix", "last_name"
    ):
        names.update(resident_name_parts(first_name=first, prefix=prefix, last_name=last))
    streets = set(Unit.objects.filter(buurt_id__in=buurt_ids).values_list("street", flat=True).distinct())
    return Pseudonymiser(names=names, streets=streets)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTE_MAX_CHARS:
        return text
    return text[: QUOTE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _signal_quotes(*, user: User, buurt_ids, pseudo: Pseudonymiser, since: dt.datetime) -> list[Quote]:
    from frontlijn.signals.models import Sensitivity
    from frontlijn.signals.selectors import signal_list_for_area

    signals = (
        signal_list_for_area(user=user, buurt_ids=buurt_ids)
        .filter(sensitivity=Sensitivity.PLACE, created_at__gte=since)
        .order_by("-created_at")[: QUOTE_LIMIT * 3]
    )
    quotes = []
    for s in signals:
        if len(s.text.strip()) < QUOTE_MIN_CHARS:
            continue
        label = ", ".join(t.name for t in s.themes.all())
        quotes.append(Quote("signaal", _shorten(pseudo(s.text)), clock.localtime(s.created_at).date(), label))
    return quotes


def _note_quotes(*, user: User, buurt_ids, pseudo: Pseudonymiser, since: dt.datetime) -> list[Quote]:
    notes = (
        ContactMoment.objects.filter(scoping.briefing_note_q(user, buurt_ids=buurt_ids), occurred_at__gte=since)
        .only("beyond_note", "beyond_tags", "occurred_at")
        .order_by("-occurred_at")[: QUOTE_LIMIT * 4]
    )
    labels = dict(BeyondTag.choices)
    quotes = []
    for note in notes:
        if not scoping.may_quote_in_briefing(note) or len(note.beyond_note.strip()) < QUOTE_MIN_CHARS:
            continue
        label = ", ".join(str(labels.get(t, t)) for t in note.beyond_tags or [])
        quotes.append(
            Quote("contact", _shorten(pseudo(note.beyond_note)), clock.localtime(note.occurred_at).date(), label)
        )
    return quotes


def _contact_figures(*, buurt_ids, since: dt.datetime) -> dict:
    qs = ContactMoment.objects.filter(unit__buurt_id__in=buurt_ids, occurred_at__gte=since)
    totals = qs.aggregate(
        total=Count("id"),
        minutes=Sum("duration_minutes"),
        beyond=Count("id", filter=~Q(beyond_note="")),
        households=Count("household", distinct=True),
    )
    from frontlijn.contacts.models import CHANNEL_CHOICES

    channel_names = dict(CHANNEL_CHOICES)
    by_channel = [
        {"label": channel_names.get(row["channel"], row["channel"]), "n": row["n"]}
        for row in qs.values("channel").annotate(n=Count("id")).order_by("-n", "channel")
    ]
    return {
        "total": totals["total"] or 0,
        "minutes": totals["minutes"] or 0,
        "beyond": totals["beyond"] or 0,
        "households": totals["households"] or 0,
        "by_channel": by_channel,
    }


def _case_figures(*, buurt_ids, since: dt.date) -> list[dict]:
    from frontlijn.cases.models import CLOSED_STATUSES, Case, CaseType

    names = dict(CaseType.choices)
    rows = (
        Case.objects.filter(unit__buurt_id__in=buurt_ids)
        .values("case_type")
        .annotate(
            registered=Count("id", filter=Q(registered_on__gte=since)),
            open=Count("id", filter=~Q(status__in=CLOSED_STATUSES)),
        )
        .order_by("case_type")
    )
    return [
        {"label": names.get(r["case_type"], r["case_type"]), "registered": r["registered"], "open": r["open"]}
        for r in rows
        if r["registered"] or r["open"]
    ]


def plan_briefing(*, plan: Plan, user: User) -> Briefing:
    from frontlijn.signals.selectors import signal_theme_summary_for_area

    buurt_ids = selectors.plan_buurt_ids(plan=plan)
    now = clock.now()
    since = now - dt.timedelta(days=WINDOW_DAYS)
    area_names = [str(c) for c in plan.complexes.all()] + [str(b) for b in plan.buurten.all()]
    area_names += [str(w) for w in plan.wijken.all()]
    briefing = Briefing(plan=plan, generated_at=now, area_names=area_names, buurt_count=len(buurt_ids))
    if not buurt_ids:
        return briefing
    briefing.themes = signal_theme_summary_for_area(user=user, buurt_ids=buurt_ids)
    pseudo = _pseudonymiser_for(buurt_ids)
    quotes = _signal_quotes(user=user, buurt_ids=buurt_ids, pseudo=pseudo, since=since)[: QUOTE_LIMIT // 2]
    quotes += _note_quotes(user=user, buurt_ids=buurt_ids, pseudo=pseudo, since=since)[: QUOTE_LIMIT - len(quotes)]
    briefing.quotes = sorted(quotes, key=lambda q: q.date, reverse=True)
    briefing.contacts = _contact_figures(buurt_ids=buurt_ids, since=since)
    briefing.cases = _case_figures(buurt_ids=buurt_ids, since=clock.localdate(since))
    briefing.staff = list(selectors.front_staff_for_buurten(buurt_ids=buurt_ids).prefetch_related("teams"))
    return briefing
