"""Writes for plans: create, move through phases (with the gate), rounds, inputs and answers."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontlijn.core.models import InboxKind
from frontlijn.core.services import inbox_send
from frontlijn.lib import clock
from frontlijn.lib.locking import bump, check_version
from frontlijn.lib.validators import validate_no_bsn
from frontlijn.plans import selectors
from frontlijn.plans.models import (
    ADOPTED_VERDICTS,
    PHASE_ORDER,
    GateException,
    Input,
    InputAnswer,
    InputRound,
    Invitation,
    Phase,
    Plan,
    PlanPhaseChange,
    phase_index,
)
from frontlijn.plans.permissions import (
    can_answer_inputs,
    can_create_plans,
    can_manage_plan,
    can_start_plan_from_pattern,
)

if TYPE_CHECKING:
    from frontlijn.teams.models import User

logger = logging.getLogger(__name__)
# A plan is decided once it reaches "uitvoering" (or jumps past it).
DECIDED_PHASES = PHASE_ORDER[PHASE_ORDER.index(Phase.UITVOERING) :]


def _no_bsn(errors: dict[str, list[str]], field: str, text: str) -> None:
    try:
        validate_no_bsn(text)
    except ValidationError as exc:
        errors.setdefault(field, []).extend(exc.messages)


def _check_plan(*, title: str, description: str, area: tuple) -> None:
    """What a plan needs, on creation and on every change: a title, an area, no BSN."""
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors.setdefault("title", []).append(_("Geef het plan een titel."))
    if not any(list(part) for part in area):
        errors.setdefault("__all__", []).append(_("Kies het gebied van het plan: minstens één complex, buurt of wijk."))
    _no_bsn(errors, "description", description)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_create(
    *,
    user: User,
    title: str,
    plan_type: str,
    description: str = "",
    complexes=(),
    buurten=(),
    wijken=(),
    decision_planned_on: dt.date | None = None,
    from_pattern: bool = False,
) -> Plan:
    """Create a plan; ``from_pattern``: started from a signal pattern by the one who answers it
    (``signals.patterns.pattern_start_plan`` checked that), which team leads may do too."""
    if not (can_create_plans(user) or (from_pattern and can_start_plan_from_pattern(user))):
        raise PermissionDenied
    _check_plan(title=title, description=description, area=(complexes, buurten, wijken))
    plan = Plan.objects.create(
        title=title.strip(),
        plan_type=plan_type,
        description=description,
        owner=user,
        phase=Phase.INITIATIEF,
        decision_planned_on=decision_planned_on,
    )
    plan.complexes.set(complexes)
    plan.buurten.set(buurten)
    plan.wijken.set(wijken)
    PlanPhaseChange.objects.create(plan=plan, from_phase="", to_phase=Phase.INITIATIEF, changed_by=user)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    user: User,
    title: str,
    plan_type: str,
    description: str = "",
    complexes=(),
    buurten=(),
    wijken=(),
    decision_planned_on: dt.date | None = None,
    version: int | None = None,
) -> Plan:
    """Change a plan's title, kind, description, area or planned decision date.

    ``version`` is the version the user saw; when someone else saved in between, nothing is
    changed and :class:`StaleEditError` says so. Rounds already held keep their invitations; a
    changed area counts from the next round on (and in the briefing, which is always built for the
    current area).
    """
    if not can_manage_plan(user, plan):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_version(
        plan, version, _("Iemand anders heeft dit plan intussen gewijzigd. Bekijk de nieuwe stand en sla opnieuw op.")
    )
    _check_plan(title=title, description=description, area=(complexes, buurten, wijken))
    plan.title = title.strip()
    plan.plan_type = plan_type
    plan.description = description
    plan.decision_planned_on = decision_planned_on
    bump(plan)
    plan.save(update_fields=["title", "plan_type", "description", "decision_planned_on", "version", "updated_at"])
    plan.complexes.set(complexes)
    plan.buurten.set(buurten)
    plan.wijken.set(wijken)
    return plan


def gate_problems(*, plan: Plan) -> list[str]:
    """Why the plan may not move to "besluit" yet (empty: the front was heard)."""
    problems = []
    if not plan.rounds.exists():
        problems.append(_("Er is nog geen inbrengronde gehouden met de frontmedewerkers van het gebied."))
    unanswered = Input.objects.filter(round__plan=plan, answer__isnull=True).count()
    if unanswered:
        problems.append(
            ngettext(
                "%(n)s inbreng is nog niet beantwoord. Beantwoord alle inbreng eerst.",
                "%(n)s inbrengen zijn nog niet beantwoord. Beantwoord alle inbreng eerst.",
                unanswered,
            )
            % {"n": unanswered}
        )
    return problems


@transaction.atomic
def plan_move_phase(
    *, plan: Plan, user: User, to_phase: str, reason: str = "", gate_exception_reason: str = ""
) -> Plan:
    """Move a plan to another phase.

    Backwards needs a reason. Crossing into "besluit" (or beyond) needs a held round with every
    input answered, or a recorded exception reason (a GateException shown on the plan).
    """
    if not can_manage_plan(user, plan):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    errors: dict[str, list[str]] = {}
    if to_phase not in PHASE_ORDER:
        raise ValidationError({"to_phase": [_("Kies een fase uit de lijst.")]})
    if to_phase == plan.phase:
        raise ValidationError({"to_phase": [_("Het plan is al in deze fase.")]})
    reason = (reason or "").strip()
    gate_exception_reason = (gate_exception_reason or "").strip()
    backwards = phase_index(to_phase) < plan.phase_index
    if backwards and not reason:
        errors.setdefault("reason", []).append(
            _("Een plan terugzetten naar een eerdere fase kan alleen met een reden. Schrijf op waarom.")
        )
    _no_bsn(errors, "reason", reason)
    _no_bsn(errors, "gate_exception_reason", gate_exception_reason)
    crosses_gate = not plan.is_past_gate and phase_index(to_phase) >= phase_index(Phase.BESLUIT)
    problems = gate_problems(plan=plan) if crosses_gate else []
    if problems and not gate_exception_reason:
        errors.setdefault("gate_exception_reason", []).extend(
            [*problems, _("Of leg vast waarom het plan toch naar besluit gaat (dit is voor iedereen zichtbaar).")]
        )
    if errors:
        raise ValidationError(errors)
    if problems:
        GateException.objects.create(
            plan=plan,
            reason=gate_exception_reason,
            recorded_by=user,
            rounds_held=plan.rounds.count(),
            open_inputs=Input.objects.filter(round__plan=plan, answer__isnull=True).count(),
        )
    decided = not plan.phase_changes.filter(to_phase__in=DECIDED_PHASES).exists() and to_phase in DECIDED_PHASES
    PlanPhaseChange.objects.create(plan=plan, from_phase=plan.phase, to_phase=to_phase, changed_by=user, reason=reason)
    plan.phase = to_phase
    plan.save(update_fields=["phase", "updated_at"])
    if decided:  # the first time the plan is decided: the raisers of its signals hear so
        from frontlijn.signals.services import signal_plan_decided_notify

        signal_plan_decided_notify(plan=plan)
    return plan


@transaction.atomic
def round_open(*, plan: Plan, user: User, question: str, deadline: dt.date | None, extra_invitees=()) -> InputRound:
    """Open an input round; invite the front staff of the area and the extra people, by inbox."""
    if not can_manage_plan(user, plan):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not (question or "").strip():
        errors.setdefault("question", []).append(_("Welke vraag leg je aan de frontmedewerkers voor? Vul hem in."))
    if deadline is None:
        errors.setdefault("deadline", []).append(_("Vul een sluitdatum in."))
    elif deadline < clock.today():
        errors.setdefault("deadline", []).append(
            _("De sluitdatum ligt in het verleden. Kies vandaag of een latere datum.")
        )
    _no_bsn(errors, "question", question)
    if errors or deadline is None:  # no deadline: in errors
        raise ValidationError(errors)
    rnd = InputRound.objects.create(
        plan=plan, question=question.strip(), deadline=deadline, opened_by=user, phase=plan.phase
    )
    auto = list(selectors.plan_front_staff(plan=plan))
    auto_ids = {u.pk for u in auto}
    extra = [u for u in extra_invitees if u.pk not in auto_ids and u.pk != user.pk]
    Invitation.objects.bulk_create(
        [Invitation(round=rnd, user=u, automatic=True) for u in auto]
        + [Invitation(round=rnd, user=u, automatic=False, invited_by=user) for u in extra]
    )
    url = reverse("plans:round", args=[rnd.pk])
    for invitee in [*auto, *extra]:
        inbox_send(
            recipient=invitee,
            kind=InboxKind.PLAN_INVITATION,
            title=_("Aan tafel: %(plan)s") % {"plan": plan.title},
            body=_("%(owner)s vraagt je inbreng vóór %(deadline)s: %(question)s")
            % {"owner": user, "deadline": deadline.strftime("%d-%m-%Y"), "question": rnd.question},
            url=url,
        )
    return rnd


@transaction.atomic
def round_invite(*, round: InputRound, user: User, invitees) -> int:
    """Add people to a running round (the owner can invite anyone)."""
    if not can_manage_plan(user, round.plan):
        raise PermissionDenied
    if not round.is_open:
        raise ValidationError({"invitees": [_("Deze ronde is gesloten; open een nieuwe ronde.")]})
    existing = set(round.invitations.values_list("user_id", flat=True))
    new = [u for u in invitees if u.pk not in existing]
    Invitation.objects.bulk_create([Invitation(round=round, user=u, automatic=False, invited_by=user) for u in new])
    for invitee in new:
        inbox_send(
            recipient=invitee,
            kind=InboxKind.PLAN_INVITATION,
            title=_("Aan tafel: %(plan)s") % {"plan": round.plan.title},
            body=_("%(owner)s vraagt je inbreng vóór %(deadline)s: %(question)s")
            % {"owner": user, "deadline": round.deadline.strftime("%d-%m-%Y"), "question": round.question},
            url=reverse("plans:round", args=[round.pk]),
        )
    return len(new)


@transaction.atomic
def input_create(*, round: InputRound, user: User, stance: str, text: str, signals=()) -> Input:
    if not round.invitations.filter(user=user).exists():
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not round.is_open:
        errors.setdefault("__all__", []).append(
            _("Deze ronde is gesloten sinds %(date)s; inbreng geven kan niet meer.")
            % {"date": round.deadline.strftime("%d-%m-%Y")}
        )
    if not (text or "").strip():
        errors.setdefault("text", []).append(_("Schrijf je inbreng op."))
    _no_bsn(errors, "text", text)
    if errors:
        raise ValidationError(errors)
    item = Input.objects.create(round=round, author=user, stance=stance, text=text.strip())
    if signals:
        item.signals.set(signals)
    return item


@transaction.atomic
def input_answer(*, input: Input, user: User, verdict: str, reason: str, signal_feedback: str = "") -> InputAnswer:
    """The owner's reasoned answer. The author hears it in their inbox; adopted inputs take
    their linked signals into the plan ("meegenomen in plan") and their raisers get
    ``signal_feedback`` (the owner's own words; blank: the reason)."""
    plan = input.round.plan
    if not can_answer_inputs(user, plan):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors.setdefault("reason", []).append(
            _("Leg uit waarom: de medewerker hoort wat de inbreng heeft veranderd, of waarom niet.")
        )
    _no_bsn(errors, "reason", reason)
    signal_feedback = (signal_feedback or "").strip()
    if signal_feedback and verdict in ADOPTED_VERDICTS and input.signals.exists():
        from frontlijn.signals.feedback import feedback_problem

        if problem := feedback_problem(signal_feedback):
            errors.setdefault("signal_feedback", []).append(problem)
        _no_bsn(errors, "signal_feedback", signal_feedback)
    if errors:
        raise ValidationError(errors)
    answer, _created = InputAnswer.objects.update_or_create(
        input=input, defaults={"verdict": verdict, "reason": reason.strip(), "answered_by": user}
    )
    url = reverse("plans:round", args=[input.round_id]) + f"#inbreng-{input.pk}"
    inbox_send(
        recipient=input.author,
        kind=InboxKind.PLAN_INPUT,
        title=_("%(verdict)s: je inbreng op %(plan)s") % {"verdict": answer.get_verdict_display(), "plan": plan.title},
        body=_("%(owner)s: %(reason)s") % {"owner": user, "reason": answer.reason},
        url=url,
    )
    if verdict in ADOPTED_VERDICTS:
        _take_signals_into_plan(item=input, user=user, plan=plan, reason=signal_feedback or answer.reason)
    return answer


def _take_signals_into_plan(*, item: Input, user: User, plan: Plan, reason: str) -> int:
    """Linked signals move to "meegenomen in plan"; their raisers get a feedback message.

    Signals the owner may not handle (e.g. about a person) are left for their own handlers.
    """
    signals = list(item.signals.all())
    if not signals:
        return 0
    from frontlijn.signals import selectors as signal_selectors
    from frontlijn.signals import services as signal_services

    plan_url = reverse("plans:detail", args=[plan.pk])
    taken = 0
    for signal in signals:
        if not signal_selectors.can_handle(user, signal):
            continue
        signal_services.signal_take_into_plan(
            signal=signal,
            user=user,
            plan_title=plan.title,
            plan_url=plan_url,
            plan=plan,
            message=_("Je signaal is meegenomen in het plan “%(plan)s”: %(reason)s")
            % {"plan": plan.title, "reason": reason},
        )
        taken += 1
    return taken
