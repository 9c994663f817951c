"""Views of signal patterns: thin; reads via pattern_selectors, writes via signals.patterns."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from frontlijn.lib.forms import add_service_error
from frontlijn.privacy import access
from frontlijn.signals import pattern_selectors as selectors
from frontlijn.signals import patterns as services
from frontlijn.signals.models import PatternStatus
from frontlijn.signals.pattern_forms import PatternAnswerForm, PatternAttachForm, PatternPlanForm


def pattern_list(request):
    if not selectors.reads_patterns(request.user):
        raise PermissionDenied
    patterns = selectors.pattern_list(user=request.user)
    context = {
        "open_patterns": list(patterns.filter(status=PatternStatus.OPEN).order_by("-raised_at", "-id")[:100]),
        "closed_patterns": list(patterns.filter(status=PatternStatus.CLOSED).order_by("-answered_at", "-id")[:30]),
    }
    return render(request, "signals/pattern_list.html", context)


def pattern_detail(request, pk: int):
    user = request.user
    pattern = selectors.pattern_get(user=user, pk=pk)
    can_answer = pattern.is_open and selectors.can_answer(user, pattern)
    plans = selectors.open_plans_for(pattern=pattern, user=user) if can_answer else []
    action = request.POST.get("action") if request.method == "POST" else None
    initial_title = _("%(theme)s in %(place)s") % {"theme": pattern.theme.name, "place": pattern.place_label}
    plan_form = PatternPlanForm(request.POST if action == "plan" else None, initial={"title": initial_title})
    # own prefixes: the three forms share a page, so their field ids must differ
    attach_form = PatternAttachForm(request.POST if action == "attach" else None, plans=plans, prefix="attach")
    answer_form = PatternAnswerForm(request.POST if action == "answer" else None, prefix="answer")
    if request.method == "POST":
        if not selectors.can_answer(user, pattern):
            raise PermissionDenied
        if not pattern.is_open:  # answered meanwhile (or a second click): show the answer
            messages.info(request, _("Dit patroon is al beantwoord."))
            return redirect("signals:pattern", pk=pattern.pk)
        by_action: dict[str, PatternPlanForm | PatternAttachForm | PatternAnswerForm]
        by_action = {"plan": plan_form, "attach": attach_form, "answer": answer_form}
        form = by_action.get(action or "")
        if form is not None and form.is_valid():
            data = form.cleaned_data
            try:
                if action == "plan":
                    plan = services.pattern_start_plan(
                        pattern=pattern,
                        user=user,
                        title=data["title"],
                        plan_type=data["plan_type"],
                        description=data["description"],
                        message=data["message"],
                    )
                    messages.success(request, _("Plan gestart. De signalen van het patroon zijn erin meegenomen."))
                    return redirect("plans:detail", pk=plan.pk)
                if action == "attach":
                    plan = next((p for p in plans if p.pk == data["plan"]), None)
                    if plan is None:
                        raise ValidationError({"plan": [_("Kies een lopend plan waarover nog niet besloten is.")]})
                    services.pattern_attach_to_plan(pattern=pattern, user=user, plan=plan, message=data["message"])
                    messages.success(request, _("De signalen van het patroon zijn bij het plan gevoegd."))
                else:
                    services.pattern_answer(pattern=pattern, user=user, answer=data["answer"])
                    messages.success(request, _("Patroon beantwoord."))
                return redirect("signals:pattern", pk=pattern.pk)
            except ValidationError as exc:
                add_service_error(form, exc)
    signals, hidden = selectors.pattern_signals(user=user, pattern=pattern)
    for signal in signals:
        if signal.household_id:  # a signal about a person is personal data: log who read it
            access.audit_view(request, signal, household=signal.household, detail={"pattern": pattern.pk})
    return render(
        request,
        "signals/pattern_detail.html",
        {
            "pattern": pattern,
            "signals": signals,
            "hidden": hidden,
            "can_answer": can_answer,
            "plans": plans,
            "plan_form": plan_form,
            "attach_form": attach_form,
            "answer_form": answer_form,
        },
    )
