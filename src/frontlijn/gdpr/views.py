"""The pages of privacy's rules applied to the product apps' data: the reason step before a household
outside one's work opens, the data-subject requests (inzage, export, erasure) and the retention
report. They read the register and the apps whose data they export, so they sit above them; the
gate itself (scope, roles, audit log, login) stays in ``frontlijn.privacy``, below every app."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from frontlijn.gdpr import retention, selectors, subject
from frontlijn.gdpr.forms import BeyondReasonForm, EraseForm, ReasonForm, SubjectQuery
from frontlijn.lib.query import parse_query
from frontlijn.lib.redirects import next_param, safe_next
from frontlijn.privacy import access, audit
from frontlijn.privacy.models import AuditAction
from frontlijn.privacy.selectors import is_administrator
from frontlijn.register.selectors import household_get


def reason(request, household_pk: int):
    """Ask why the user opens a household outside their own work; log it; continue."""
    household = household_get(user=request.user, pk=household_pk)
    next_url = safe_next(request, next_param(request), household_url(household))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.reason_text()
        access.remember_reason(request, household.pk, text)
        audit.record_request(request, action=AuditAction.REASON, obj=household, reason=text)
        return redirect(next_url)
    return render(request, "gdpr/reason.html", {"form": form, "household": household, "next": next_url})


def beyond_reason(request, household_pk: int):
    """KCC or balie on a live call: give a reason, then read the household's beyond-the-process
    notes (today, this household only). Logged like the reason step above."""
    household = household_get(user=request.user, pk=household_pk)
    if not access.may_unlock_beyond(request.user, household):
        return redirect(household_url(household))
    form = BeyondReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.reason_text()
        access.remember_beyond_reason(request, household.pk, text)
        audit.record_request(
            request, action=AuditAction.REASON, obj=household, reason=text, detail={"toegang": "notities"}
        )
        return redirect(household_url(household))
    return render(request, "gdpr/beyond_reason.html", {"form": form, "household": household})


def household_url(household) -> str:
    from django.urls import reverse

    return reverse("register:household", kwargs={"pk": household.pk})


def subjects(request):
    query = parse_query(SubjectQuery, request)["q"]
    results = selectors.subject_search(user=request.user, query=query)
    return render(request, "gdpr/subjects.html", {"query": query, "results": results})


def subject_detail(request, pk: int):
    resident = selectors.subject_get(user=request.user, pk=pk)
    return render(request, "gdpr/subject.html", {"resident": resident, "form": EraseForm()})


def subject_json(request, pk: int):
    resident = selectors.subject_get(user=request.user, pk=pk)
    data = subject.resident_export(resident=resident)
    audit.record_request(request, action=AuditAction.EXPORT, obj=resident, detail={"format": "json"})
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-bewoner-{resident.pk}.json"'
    return response


def subject_pdf(request, pk: int):
    resident = selectors.subject_get(user=request.user, pk=pk)
    pdf = subject.resident_export_pdf(resident=resident)
    audit.record_request(request, action=AuditAction.EXPORT, obj=resident, detail={"format": "pdf"})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-bewoner-{resident.pk}.pdf"'
    return response


def subject_erase(request, pk: int):
    resident = selectors.subject_get(user=request.user, pk=pk)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subject.resident_erase(user=request.user, resident=resident, reason=form.cleaned_data["reason"])
        messages.success(request, _("De gegevens van de bewoner zijn gewist. Statistieken blijven kloppen."))
        return redirect("gdpr:subjects")
    return render(request, "gdpr/subject.html", {"resident": resident, "form": form})


def retention_report(request):
    if not is_administrator(request.user):
        raise PermissionDenied
    report = retention.retention_apply(dry_run=True)
    return render(request, "gdpr/retention.html", {"report": report})
