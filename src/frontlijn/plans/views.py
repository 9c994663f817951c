from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from frontlijn.core import idempotency, offline
from frontlijn.lib.forms import add_service_error
from frontlijn.lib.locking import StaleEditError, show_current_version
from frontlijn.plans import selectors, services
from frontlijn.plans.briefing import plan_briefing
from frontlijn.plans.forms import AnswerForm, InputForm, InviteForm, PhaseForm, PlanForm, RoundForm
from frontlijn.plans.models import Input, Phase
from frontlijn.plans.permissions import can_create_plans, can_manage_plan, sees_all_plans, uses_plans


def plan_list_view(request):
    if not uses_plans(request.user):
        raise PermissionDenied
    plans = list(selectors.plan_list(user=request.user).order_by("title")[:200])
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "invitations": list(selectors.open_invitations_for(user=request.user)),
            "answered": list(selectors.answered_inputs_for(user=request.user, limit=10)),
            "can_create": can_create_plans(request.user),
            "sees_overview": sees_all_plans(request.user),
        },
    )


def plan_create_view(request):
    if not can_create_plans(request.user):
        raise PermissionDenied
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            plan = services.plan_create(user=request.user, **data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Plan aangemaakt."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


def plan_edit_view(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    initial = {
        "title": plan.title,
        "plan_type": plan.plan_type,
        "description": plan.description,
        "complexes": plan.complexes.all(),
        "buurten": plan.buurten.all(),
        "wijken": plan.wijken.all(),
        "decision_planned_on": plan.decision_planned_on,
        "version": plan.version,
    }
    form = PlanForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, user=request.user, **form.cleaned_data)
        except StaleEditError as exc:
            conflict = selectors.plan_get(user=request.user, pk=pk)  # shown next to what the user typed
            form.add_error(None, exc.messages[0])
            show_current_version(form, conflict.version)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Plan gewijzigd."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan, "conflict": conflict})


def _detail_context(request, plan, phase_form=None):
    manage = can_manage_plan(request.user, plan)
    rounds = list(plan.rounds.select_related("opened_by").order_by("-created_at"))
    for rnd in rounds:
        rnd.n_invited = rnd.invitations.count()
        rnd.n_inputs = rnd.inputs.count()
        rnd.n_open = rnd.inputs.filter(answer__isnull=True).count()
    return {
        "plan": plan,
        "manage": manage,
        "rounds": rounds,
        "gate": selectors.plan_gate_status(plan=plan),
        "history": plan.phase_changes.select_related("changed_by"),
        "phase_form": phase_form or PhaseForm(initial={"to_phase": _next_phase(plan.phase)}),
        "phases": Phase.choices,
    }


def _next_phase(phase: str) -> str:
    order = [p.value for p in Phase]
    i = order.index(phase)
    return order[min(i + 1, len(order) - 1)]


def plan_detail_view(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    return render(request, "plans/plan_detail.html", _detail_context(request, plan))


def plan_phase_view(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("plans:detail", pk=plan.pk)
    form = PhaseForm(request.POST)
    if form.is_valid():
        try:
            services.plan_move_phase(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Het plan is nu in de fase %(phase)s.") % {"phase": _phase_label(form)})
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_detail.html", _detail_context(request, plan, phase_form=form), status=400)


def _phase_label(form) -> str:
    return str(dict(Phase.choices)[form.cleaned_data["to_phase"]])


def round_create_view(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    if not can_manage_plan(request.user, plan):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = services.round_open(plan=plan, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "De ronde is geopend; %(n)s medewerker is uitgenodigd.",
                    "De ronde is geopend; %(n)s medewerkers zijn uitgenodigd.",
                    invited := rnd.invitations.count(),
                )
                % {"n": invited},
            )
            return redirect("plans:round", pk=rnd.pk)
    return render(
        request,
        "plans/round_form.html",
        {"form": form, "plan": plan, "front_staff": list(selectors.plan_front_staff(plan=plan))},
    )


def _signal_choices(request, plan):
    from frontlijn.signals.models import Sensitivity
    from frontlijn.signals.selectors import signal_list_for_area

    # Only signals about a place: the plan owner must be able to read and take them into the plan.
    buurt_ids = selectors.plan_buurt_ids(plan=plan)
    return (
        signal_list_for_area(user=request.user, buurt_ids=buurt_ids)
        .filter(sensitivity=Sensitivity.PLACE)
        .order_by("-created_at")[:25]
    )


def round_detail_view(request, pk: int):
    if request.method == "POST" and request.POST.get("action") == "invite":
        return _round_invite(request, pk)
    return _round_detail(request, pk)


def _round_invite(request, pk: int):
    """The owner adds colleagues to a running round (POST to the round page with action=invite)."""
    rnd = selectors.round_get(user=request.user, pk=pk)
    if not can_manage_plan(request.user, rnd.plan):
        raise PermissionDenied
    form = InviteForm(request.POST, round=rnd)
    if form.is_valid():
        try:
            n = services.round_invite(round=rnd, user=request.user, invitees=form.cleaned_data["invitees"])
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, ngettext("%(n)s collega uitgenodigd.", "%(n)s collega's uitgenodigd.", n) % {"n": n}
            )
            return redirect("plans:round", pk=rnd.pk)
    return _round_detail(request, pk, invite_form=form)


def _round_detail(request, pk: int, invite_form=None):
    rnd = selectors.round_get(user=request.user, pk=pk)
    plan = rnd.plan
    manage = can_manage_plan(request.user, plan)
    invited = rnd.invitations.filter(user=request.user).exists()
    input_form = None
    if invited:
        from frontlijn.signals.models import Signal

        signal_qs = _signal_choices(request, plan)
        allowed = Signal.objects.filter(pk__in=[s.pk for s in signal_qs]).prefetch_related("themes")
        data = request.POST if invite_form is None and request.method == "POST" else None
        input_form = InputForm(data, signal_queryset=allowed)
        if data is not None and input_form.is_valid():
            fields = dict(input_form.cleaned_data)
            key = fields.pop("idempotency_key", None)
            try:
                outcome = idempotency.create_once(
                    user=request.user,
                    key=key,
                    kind="plan-input",
                    url=lambda item: reverse("plans:round", kwargs={"pk": rnd.pk}),
                    create=lambda: services.input_create(round=rnd, user=request.user, **fields),
                )
            except ValidationError as exc:
                add_service_error(input_form, exc)
            else:
                thanks = _("Dank je. Je inbreng is bij de planeigenaar.")
                return offline.answer_saved(request, outcome.url, replayed=outcome.replayed, message=thanks)
    elif request.method == "POST" and invite_form is None:
        raise PermissionDenied
    everyone = manage or sees_all_plans(request.user)
    inputs = list(selectors.round_inputs(round=rnd, user=request.user, everyone=everyone))
    if manage:
        for item in inputs:
            initial = {"verdict": item.answer.verdict, "reason": item.answer.reason} if item.is_answered else None
            item.answer_form = AnswerForm(prefix=f"a{item.pk}", initial=initial)
    return render(
        request,
        "plans/round_detail.html",
        {
            "round": rnd,
            "plan": plan,
            "manage": manage,
            "invited": invited,
            "input_form": input_form,
            "inputs": inputs,
            "invitations": list(rnd.invitations.select_related("user")) if everyone else [],
            "invite_form": invite_form or (InviteForm(round=rnd) if manage and rnd.is_open else None),
        },
        status=400 if (input_form is not None and input_form.errors) or invite_form is not None else 200,
    )


@require_POST
def input_answer_view(request, pk: int):
    item = get_object_or_404(Input.objects.select_related("round__plan", "author"), pk=pk)
    rnd = selectors.round_get(user=request.user, pk=item.round_id)
    if not can_manage_plan(request.user, rnd.plan):
        raise PermissionDenied
    form = AnswerForm(request.POST, prefix=f"a{item.pk}")
    if form.is_valid():
        try:
            services.input_answer(input=item, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Antwoord verstuurd naar %(name)s.") % {"name": item.author})
            return redirect(reverse("plans:round", args=[rnd.pk]) + f"#inbreng-{item.pk}")
    return render(request, "plans/answer_form.html", {"form": form, "item": item, "round": rnd}, status=400)


def _audit_briefing(request, plan, briefing, action) -> None:
    """The briefing is built from beyond-the-process notes (pseudonymised): log who read it."""
    from frontlijn.privacy import audit

    audit.record_request(request, action=action, obj=plan, detail={"quotes": len(briefing.quotes)})


def briefing_view(request, pk: int):
    from frontlijn.privacy.models import AuditAction

    plan = selectors.plan_get(user=request.user, pk=pk)
    briefing = plan_briefing(plan=plan, user=request.user)
    _audit_briefing(request, plan, briefing, AuditAction.VIEW)
    return render(request, "plans/briefing.html", {"plan": plan, "briefing": briefing})


def briefing_pdf_view(request, pk: int):
    from frontlijn.plans.pdf import briefing_pdf
    from frontlijn.privacy.models import AuditAction

    plan = selectors.plan_get(user=request.user, pk=pk)
    briefing = plan_briefing(plan=plan, user=request.user)
    data = briefing_pdf(briefing)
    _audit_briefing(request, plan, briefing, AuditAction.EXPORT)
    response = HttpResponse(data, content_type="application/pdf")
    name = slugify(plan.title)[:60] or "plan"
    response["Content-Disposition"] = f'inline; filename="briefing-{name}.pdf"'
    return response


def overview_view(request):
    if not sees_all_plans(request.user):
        raise PermissionDenied
    return render(request, "plans/overview.html", selectors.plans_overview(user=request.user))
