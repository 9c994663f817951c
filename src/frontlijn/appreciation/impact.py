"""Reads for the impact page: what each of my signals and plan inputs led to, as a chain.

raised → picked up by <who> → taken into plan X → decided on <date> → what changes (homes in the
plan's area) → answered. Everything goes through the signals and plans selectors, so a reader
never sees a signal they may not read (an input's linked signals are filtered by
``signals.selectors.signal_list``) and only gets a link to a plan they may open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import Resolver404, resolve, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from frontlijn.teams.models import User


@dataclass
class Step:
    label: str
    when: dt.date | dt.datetime | None = None
    detail: str = ""
    url: str = ""
    done: bool = True


@dataclass
class Chain:
    title: str
    url: str
    steps: list[Step] = field(default_factory=list)
    badge: str = ""
    signals: list = field(default_factory=list)  # linked signals the reader may read (inputs)


def _signal_plan_id(signal) -> int | None:
    """The plan a signal went into: its ``plan`` (set since patterns, migration signals/0006), or,
    for a signal taken into a plan before that, the plan its stored link points at."""
    return signal.plan_id or _plan_id(signal.plan_url)


def _plan_id(url: str) -> int | None:
    try:
        match = resolve(url or "")
    except Resolver404:
        return None
    return match.kwargs.get("pk") if match.view_name == "plans:detail" else None


def _plan_steps(facts: dict | None, *, title: str, visible: bool) -> list[Step]:
    """Taken into plan X → decided on <date> → what changes."""
    if facts is None:
        return [Step(_("Meegenomen in plan “%(plan)s”") % {"plan": title})]
    plan = facts["plan"]
    steps = [
        Step(
            _("Meegenomen in plan “%(plan)s”") % {"plan": plan.title},
            url=reverse("plans:detail", args=[plan.pk]) if visible else "",
            detail=_("Fase: %(phase)s") % {"phase": facts["phase"]},
        )
    ]
    if facts["decided_on"]:
        steps.append(Step(_("Besloten op %(date)s") % {"date": date_format(facts["decided_on"], "j F Y")}))
    elif facts["decision_planned_on"]:
        steps.append(
            Step(
                _("Besluit gepland op %(date)s") % {"date": date_format(facts["decision_planned_on"], "j F Y")},
                done=False,
            )
        )
    else:
        steps.append(Step(_("Nog geen besluit"), done=False))
    homes = facts["homes"]
    steps.append(
        Step(
            ngettext(
                "Wat er verandert: %(n)s woning in het plangebied",
                "Wat er verandert: %(n)s woningen in het plangebied",
                homes,
            )
            % {"n": homes},
            detail="" if facts["decided_on"] else _("Als het plan zo besloten wordt."),
            done=bool(facts["decided_on"]),
        )
    )
    return steps


def _facts(user: User, plan_ids: set[int]) -> tuple[dict[int, dict], set[int]]:
    from frontlijn.plans import selectors as plan_selectors

    if not plan_ids:
        return {}, set()
    facts = plan_selectors.plan_outcome_facts(plan_ids=plan_ids)
    visible = set(plan_selectors.plan_list(user=user).filter(pk__in=plan_ids).values_list("pk", flat=True))
    return facts, visible


def signal_chains(*, user: User, limit: int = 20) -> list[Chain]:
    """My own signals (the raiser always reads them), newest first, each with its chain."""
    from frontlijn.signals import selectors as signal_selectors
    from frontlijn.signals.models import Status

    signals = list(
        signal_selectors.signal_list_raised_by(user=user)
        .select_related("picked_up_by", "feedback_by")
        .order_by("-created_at")[:limit]
    )
    plan_ids = {pk for s in signals if (pk := _signal_plan_id(s))}
    facts, visible = _facts(user, plan_ids)
    chains = []
    for s in signals:
        chain = Chain(title=s.text, url=reverse("signals:detail", args=[s.pk]), badge=s.get_status_display())
        chain.steps.append(Step(_("Gemeld"), when=s.created_at))
        if s.picked_up_by_id:
            chain.steps.append(
                Step(
                    _("Opgepakt door %(name)s") % {"name": s.picked_up_by},
                    when=s.picked_up_at,
                    detail=s.picked_up_note,
                )
            )
        else:
            chain.steps.append(Step(_("Nog niet opgepakt"), done=False))
        if s.outcome == Status.PLAN:
            pk = _signal_plan_id(s)
            plan_facts = facts.get(pk) if pk is not None else None
            chain.steps.extend(_plan_steps(plan_facts, title=s.plan_title, visible=pk in visible))
        elif s.outcome == Status.PARKED:
            chain.steps.append(Step(_("Geparkeerd"), detail=s.park_reason))
        elif s.outcome:
            chain.steps.append(Step(s.get_outcome_display()))
        if s.feedback_at:
            chain.steps.append(
                Step(
                    _("Teruggekoppeld door %(name)s") % {"name": s.feedback_by or "?"},
                    when=s.feedback_at,
                    detail=s.feedback,
                )
            )
        chains.append(chain)
    return chains


def input_chains(*, user: User, limit: int = 20) -> list[Chain]:
    """My plan inputs, newest first: given → answered by the owner → decided → what changes,
    with the linked signals I may read."""
    from frontlijn.plans.models import ADOPTED_VERDICTS, Input
    from frontlijn.signals import selectors as signal_selectors

    inputs = list(
        Input.objects.filter(author=user)
        .select_related("round__plan", "answer", "answer__answered_by")
        .order_by("-created_at")[:limit]
    )
    plan_ids = {i.round.plan_id for i in inputs}
    facts, visible = _facts(user, plan_ids)
    links: dict[int, list[int]] = {}
    for input_id, signal_id in Input.signals.through.objects.filter(input__in=inputs).values_list(
        "input_id", "signal_id"
    ):
        links.setdefault(input_id, []).append(signal_id)
    all_ids = {sid for ids in links.values() for sid in ids}
    readable = {s.pk: s for s in signal_selectors.signal_list(user=user).filter(pk__in=all_ids)}
    chains = []
    for item in inputs:
        plan = item.round.plan
        url = reverse("plans:round", args=[item.round_id]) + f"#inbreng-{item.pk}"
        chain = Chain(title=item.text, url=url if plan.pk in visible else "", badge=item.get_stance_display())
        chain.signals = [readable[sid] for sid in links.get(item.pk, []) if sid in readable]
        chain.steps.append(Step(_("Ingebracht bij “%(plan)s”") % {"plan": plan.title}, when=item.created_at))
        answer = getattr(item, "answer", None) if item.is_answered else None
        if answer is None:
            chain.steps.append(Step(_("Nog geen antwoord van de planeigenaar"), done=False))
        else:
            chain.steps.append(
                Step(
                    _("%(verdict)s door %(name)s")
                    % {"verdict": answer.get_verdict_display(), "name": answer.answered_by},
                    when=answer.answered_at,
                    detail=answer.reason,
                )
            )
            if answer.verdict in ADOPTED_VERDICTS:
                chain.steps.extend(_plan_steps(facts.get(plan.pk), title=plan.title, visible=plan.pk in visible)[1:])
        chains.append(chain)
    return chains
