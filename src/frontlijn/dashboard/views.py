"""The front-strength dashboard and its exports."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from frontlijn.dashboard import exports, periods, presentation, selectors
from frontlijn.dashboard.forms import DashboardFilterForm
from frontlijn.lib import clock


def _dashboard(request, *, default_month=None):
    if not selectors.can_see_dashboard(request.user):
        raise PermissionDenied
    form = DashboardFilterForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}

    scope = selectors.scope_for(
        user=request.user,
        team=data.get("team"),
        wijk=data.get("wijk"),
        last_month=data.get("month") or default_month or clock.today().replace(day=1),
        months=data.get("months") or 12,
    )
    return form, selectors.dashboard_compute(scope=scope)


def index(request):
    form, dashboard = _dashboard(request)
    pillars = []
    if dashboard is not None:
        scope = dashboard.scope
        for key, label, figures in dashboard.by_pillar():
            pillars.append(
                {
                    "key": key,
                    "label": label,
                    "figures": [
                        {
                            "figure": f,
                            "latest": presentation.format_value(f, f.values[-1]),
                            "chart": presentation.chart_for(f, scope) if f.available else "",
                            "table": presentation.table_for(f, scope) if f.available else "",
                        }
                        for f in figures
                    ],
                }
            )
    query = request.GET.urlencode()
    return render(
        request,
        "dashboard/index.html",
        {
            "form": form,
            "dashboard": dashboard,
            "pillars": pillars,
            "query": query,
            "scope_label": presentation.scope_label(dashboard.scope) if dashboard else "",
            "last_month": presentation.month_label(dashboard.scope.months[-1]) if dashboard else "",
            "freshness": presentation.freshness_lines(dashboard.freshness) if dashboard else [],
        },
        status=200 if dashboard is not None else 400,
    )


def export_filename(kind: str, month: dt.date, extension: str) -> str:
    """``frontlijn-<kind>-<YYYY>-<MM>.<extension>``: the four-digit year and the month shown."""
    return f"frontlijn-{kind}-{month:%Y-%m}.{extension}"


def _download(request, fmt: str):
    # Exports open on the last complete month unless a month is asked for.
    form, dashboard = _dashboard(request, default_month=periods.last_complete_month(clock.today()))
    if dashboard is None:
        return HttpResponse(_("De filter klopt niet: %(errors)s") % {"errors": form.errors.as_text()}, status=400)
    month = dashboard.scope.months[-1]
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(dashboard), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export_filename("dashboard", month, "csv")}"'
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(dashboard),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{export_filename("dashboard", month, "xlsx")}"'
    else:
        response = HttpResponse(exports.to_pdf(dashboard), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{export_filename("maandrapport", month, "pdf")}"'
    return response


def export_csv(request):
    return _download(request, "csv")


def export_xlsx(request):
    return _download(request, "xlsx")


def report_pdf(request):
    return _download(request, "pdf")


def contact_requests(request):
    """Residents who asked to be contacted about their answer (opt-in), in the user's area."""
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect

    from frontlijn.feedback import selectors as feedback_selectors
    from frontlijn.feedback.services import feedback_contact_handled

    if not feedback_selectors.can_follow_up(request.user):
        raise PermissionDenied
    requests = feedback_selectors.contact_requests(user=request.user)
    if request.method == "POST":
        answer = get_object_or_404(requests, pk=request.POST.get("id"))
        feedback_contact_handled(response=answer, user=request.user)
        messages.success(request, _("Gemarkeerd als opgevolgd."))
        return redirect("dashboard:contact_requests")
    shown = list(requests[:200])
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    audit.record_request(
        request, action=AuditAction.VIEW, object_type="feedback.feedbackresponse", detail={"results": len(shown)}
    )
    return render(request, "dashboard/contact_requests.html", {"requests": shown})
