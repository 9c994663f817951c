"""Reads for plans. Plans, rounds and inputs hold no resident data; access follows
:mod:`frontlijn.plans.permissions`. The area's resident-related figures live in ``briefing.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from frontlijn.lib import clock
from frontlijn.plans.models import (
    ADOPTED_VERDICTS,
    PHASE_ORDER,
    GateException,
    Input,
    InputRound,
    Invitation,
    Phase,
    Plan,
    PlanPhaseChange,
    phase_index,
)
from frontlijn.plans.permissions import sees_all_plans
from frontlijn.teams.models import FRONT_ROLES

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def plan_buurt_ids(*, plan: Plan) -> frozenset[int]:
    """The plan's area as buurt ids: its buurten, the buurt of each complex, every buurt of each wijk."""
    from frontlijn.register.models import Buurt

    return frozenset(
        Buurt.objects.filter(Q(plans=plan) | Q(complexes__plans=plan) | Q(wijk__plans=plan)).values_list(
            "id", flat=True
        )
    )


def front_staff_for_buurten(*, buurt_ids) -> QuerySet:
    """Active staff with a front role whose teams cover any of these buurten (directly or by wijk)."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, role__in=FRONT_ROLES)
        .filter(Q(teams__buurten__in=buurt_ids) | Q(teams__wijken__buurten__in=buurt_ids))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def plan_front_staff(*, plan: Plan) -> QuerySet:
    return front_staff_for_buurten(buurt_ids=plan_buurt_ids(plan=plan))


def plan_list(*, user: User) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("owner").prefetch_related("complexes", "buurten", "wijken")
    if sees_all_plans(user):
        return qs
    # Front staff also read the plans their signals were taken into ("meegenomen in plan").
    return qs.filter(Q(owner=user) | Q(rounds__invitations__user=user) | Q(taken_signals__raised_by=user)).distinct()


def plan_get(*, user: User, pk: int) -> Plan:
    try:
        return plan_list(user=user).get(pk=pk)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc


def round_get(*, user: User, pk: int) -> InputRound:
    try:
        rnd = InputRound.objects.select_related("plan", "plan__owner", "opened_by").get(pk=pk)
    except InputRound.DoesNotExist as exc:
        raise Http404 from exc
    plan_get(user=user, pk=rnd.plan_id)  # 404 unless the user may see the plan
    return rnd


def round_inputs(*, round: InputRound, user: User, everyone: bool) -> QuerySet[Input]:
    qs = round.inputs.select_related("author", "answer", "answer__answered_by").prefetch_related("signals")
    return qs if everyone else qs.filter(author=user)


def open_invitations_for(*, user: User) -> QuerySet[Invitation]:
    """Rounds the user is invited to that are still open, with whether they already gave input."""
    today = clock.today()
    return (
        Invitation.objects.filter(user=user, round__deadline__gte=today)
        .select_related("round", "round__plan")
        .annotate(has_input=Exists(Input.objects.filter(round=OuterRef("round"), author=user)))
        .order_by("round__deadline", "id")
    )


def answered_inputs_for(*, user: User, limit: int = 20) -> QuerySet[Input]:
    """The user's inputs with their answers: what their input changed (impact feed)."""
    return (
        Input.objects.filter(author=user, answer__isnull=False)
        .select_related("round__plan", "answer")
        .order_by("-answer__answered_at")[:limit]
    )


def plan_gate_status(*, plan: Plan) -> dict:
    rounds = plan.rounds.count()
    inputs = Input.objects.filter(round__plan=plan)
    total = inputs.count()
    unanswered = inputs.filter(answer__isnull=True).count()
    return {
        "rounds": rounds,
        "inputs": total,
        "unanswered": unanswered,
        "open": rounds > 0 and unanswered == 0,
        "exceptions": list(GateException.objects.filter(plan=plan).select_related("recorded_by")),
    }


def plans_overview(*, user: User) -> dict:
    """Per phase: the plans, whether the front was heard before the decision, adopted inputs."""
    plans = list(
        plan_list(user=user)
        .annotate(
            n_rounds=Count("rounds", distinct=True),
            n_inputs=Count("rounds__inputs", distinct=True),
            n_answered=Count("rounds__inputs", filter=Q(rounds__inputs__answer__isnull=False), distinct=True),
            n_adopted=Count(
                "rounds__inputs",
                filter=Q(rounds__inputs__answer__verdict__in=list(ADOPTED_VERDICTS)),
                distinct=True,
            ),
            n_exceptions=Count("gate_exceptions", distinct=True),
        )
        .order_by("title")
    )
    besluit = phase_index(Phase.BESLUIT)
    for plan in plans:
        plan.front_heard = plan.n_rounds > 0 and plan.n_inputs == plan.n_answered and not plan.n_exceptions
    phases = []
    for value, label in Phase.choices:
        in_phase = [p for p in plans if p.phase == value]
        phases.append({"phase": value, "label": label, "plans": in_phase, "count": len(in_phase)})
    decided = [p for p in plans if phase_index(p.phase) >= besluit]
    totals = {
        "plans": len(plans),
        "decided": len(decided),
        "decided_heard": sum(1 for p in decided if p.front_heard),
        "decided_exception": sum(1 for p in decided if p.n_exceptions),
        "inputs": sum(p.n_inputs for p in plans),
        "answered": sum(p.n_answered for p in plans),
        "adopted": sum(p.n_adopted for p in plans),
    }
    return {"phases": phases, "totals": totals, "phase_order": PHASE_ORDER}


def plans_with_unanswered_inputs(*, user: User) -> QuerySet[Plan]:
    """The user's own plans with inputs that still need an answer (count in ``n_unanswered``)."""
    return (
        Plan.objects.filter(owner=user)
        .annotate(n_unanswered=Count("rounds__inputs", filter=Q(rounds__inputs__answer__isnull=True)))
        .filter(n_unanswered__gt=0)
        .order_by("-n_unanswered", "title")
    )


def plan_outcome_facts(*, plan_ids) -> dict[int, dict]:
    """Per plan what the impact page shows after "taken into plan": the title, the phase, the date
    it was decided (the first step into "besluit" or later) or the planned decision date, and the
    number of homes in its area (counted, never listed). Plans hold no resident data."""
    from frontlijn.register.models import Unit

    plans = {p.pk: p for p in Plan.objects.filter(pk__in=list(plan_ids))}
    decided_phases = PHASE_ORDER[phase_index(Phase.BESLUIT) :]
    decided: dict[int, object] = {}
    for plan_id, day in (
        PlanPhaseChange.objects.filter(plan__in=list(plans), to_phase__in=decided_phases)
        .order_by("changed_on", "id")
        .values_list("plan_id", "changed_on")
    ):
        decided.setdefault(plan_id, day)
    facts = {}
    for pk, plan in plans.items():
        homes = (
            Unit.objects.filter(Q(complex__plans=plan) | Q(buurt__plans=plan) | Q(buurt__wijk__plans=plan))
            .distinct()
            .count()
        )
        facts[pk] = {
            "plan": plan,
            "phase": plan.get_phase_display(),
            "decided_on": decided.get(pk),
            "decision_planned_on": plan.decision_planned_on,
            "homes": homes,
        }
    return facts
