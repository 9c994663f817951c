from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from frontlijn.cases import selectors, services
from frontlijn.cases.forms import CaseForm, StatusForm
from frontlijn.cases.models import STATUS_NAMES, CaseType
from frontlijn.core import idempotency, offline
from frontlijn.lib.forms import add_service_error
from frontlijn.lib.locking import show_current_version
from frontlijn.lib.query import parse_query
from frontlijn.privacy import access, scoping
from frontlijn.register.selectors import household_open


class CaseListQuery(forms.Form):
    toon = forms.ChoiceField(required=False, choices=[("mijn", "mijn"), ("alle", "alle")], initial="mijn")
    soort = forms.CharField(required=False, max_length=50)  # an unknown type filters nothing


def case_list_view(request):
    if not scoping.sees_residents(request.user):
        raise PermissionDenied
    query = parse_query(CaseListQuery, request)
    show = query["toon"] or "mijn"
    if show == "alle":
        cases = selectors.case_list(user=request.user).order_by("-registered_on")
    else:
        cases = selectors.case_list_for_user(user=request.user)
    case_type = query["soort"]
    if case_type in CaseType.values:
        cases = cases.filter(case_type=case_type)
    return render(
        request,
        "cases/case_list.html",
        {"cases": list(cases[:100]), "show": show, "case_type": case_type, "case_types": CaseType.choices},
    )


def case_detail(request, pk: int):
    case = selectors.case_get(user=request.user, pk=pk)
    if case.household is not None and (ask := access.reason_redirect(request, case.household)) is not None:
        return ask
    if request.method != "POST":
        access.audit_view(request, case)
    choices = [(code, STATUS_NAMES.get(code, code)) for code in case.allowed_next_statuses()]
    if (first := idempotency.first_result(request, "case-status")) is not None:
        return offline.answer_saved(request, first.url, replayed=True)
    form = StatusForm(
        request.POST or None, choices=choices, current_version=case.version, initial={"version": case.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        target = reverse("cases:detail", kwargs={"pk": case.pk})
        try:
            outcome = idempotency.create_once(
                user=request.user,
                key=form.cleaned_data["idempotency_key"],
                kind="case-status",
                made_at=offline.made_at(request),
                url=lambda changed: target,
                create=lambda: services.case_change_status(
                    case=case,
                    user=request.user,
                    to_status=form.cleaned_data["to_status"],
                    version=form.cleaned_data["version"],
                    note=form.cleaned_data["note"],
                ),
            )
        except services.StaleCaseError as exc:
            if offline.is_outbox(request):  # changed offline against a newer version
                return offline.answer_rejected(request, reason=exc.messages[0], url=target, status=409)
            conflict = selectors.case_get(user=request.user, pk=pk)
            form.add_error(None, exc.messages[0])
            show_current_version(form, conflict.version)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            if outcome.obj is not None:
                changed = outcome.obj
                access.audit_change(request, changed, detail={"status": changed.status, "version": changed.version})
            return offline.answer_saved(
                request, outcome.url, replayed=outcome.replayed, message=_("Status bijgewerkt.")
            )
    if request.method == "POST" and offline.is_outbox(request):
        return offline.answer_rejected(request, form=form)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "form": form,
            "conflict": conflict,
            "chosen_status_name": STATUS_NAMES.get(form.data.get("to_status", ""), ""),
            "history": case.status_changes.select_related("changed_by"),
            "contacts": case.contact_moments.select_related("staff").order_by("-occurred_at")[:20],
        },
    )


def case_create_view(request, household_pk: int):
    if not scoping.can_log_contacts(request.user):
        raise PermissionDenied
    household, ask = household_open(request, household_pk)
    if ask is not None:
        return ask
    if request.method == "GET":  # a POST is audited as the case it creates
        access.audit_view(request, household, household=household)
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and household.unit_id:
        try:
            case = services.case_create(
                user=request.user,
                household=household,
                unit=household.unit,
                case_type=form.cleaned_data["case_type"],
                detail_type=form.cleaned_data["detail_type"],
                description=form.cleaned_data["description"],
                target_date=form.cleaned_data["target_date"],
                assignee=request.user if form.cleaned_data["take_myself"] else None,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            access.audit_change(request, case, action="create")
            messages.success(request, _("Zaak geregistreerd."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "household": household})
