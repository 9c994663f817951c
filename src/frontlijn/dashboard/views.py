"""The front-strength dashboard and its exports."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from frontlijn.dashboard import exports, periods, presentation, selectors
from frontlijn.dashboard.forms import DashboardFilterForm


def _dashboard(request, *, with_running: bool | None = None, allow_running: bool = False):
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
        last_month=data.get("month") or periods.last_complete_month(),
        months=data.get("months") or 12,
        allow_running=allow_running,
    )
    return form, selectors.dashboard_compute(scope=scope, with_running=with_running)


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
                            "running": presentation.format_value(f, dashboard.running_value(f)),
                            "chart": presentation.chart_for(f, scope, running=dashboard.running) if f.available else "",
                            "table": presentation.table_for(f, scope, running=dashboard.running) if f.available else "",
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
            "running_label": periods.running_label() if dashboard and dashboard.running else "",
        },
        status=200 if dashboard is not None else 400,
    )


def compare(request):
    """Teams and wijken side by side for one indicator (docs/dashboard.md, "Vergelijken")."""
    from django.http import QueryDict

    from frontlijn.dashboard import comparison
    from frontlijn.dashboard.forms import ComparisonForm

    if not selectors.can_see_dashboard(request.user):
        raise PermissionDenied
    form = ComparisonForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "dashboard/compare.html", {"form": form, "rows": None}, status=400)
    data = form.cleaned_data if request.GET else {}
    indicator = data.get("indicator") or next(iter(comparison.INDICATORS))
    months = data.get("months") or 12
    sort = data.get("sort") or "naam"
    descending = data.get("richting") == "af"
    rows = comparison.comparison_rows(
        user=request.user,
        indicator=indicator,
        months=months,
        end=data.get("month"),
        sort=sort,
        descending=descending,
    )
    scope = rows[0].scope if rows else None
    running_label = periods.running_label() if rows and rows[0].running is not None else ""

    def sort_link(key: str) -> dict:
        query = QueryDict(mutable=True)
        query.update({"indicator": indicator, "months": months, "sort": key})
        if data.get("month"):
            query["month"] = f"{data['month']:%Y-%m}"
        active = key == sort
        query["richting"] = "op" if active and descending else ("af" if active else ("af" if key != "naam" else "op"))
        return {"key": key, "label": comparison.SORTS[key], "href": "?" + query.urlencode(), "active": active}

    cards = presentation.comparison_cards(
        rows,
        first_month=presentation.month_label(scope.months[0]) if scope else "",
        last_month=presentation.month_label(scope.months[-1]) if scope else "",
        running_label=running_label,
    )
    figure = rows[0].figure if rows else None
    return render(
        request,
        "dashboard/compare.html",
        {
            "form": form,
            "rows": cards,
            "figure": figure,
            "sorts": [sort_link(k) for k in comparison.SORTS],
            "descending": descending,
            "first_month": presentation.month_label(scope.months[0]) if scope else "",
            "last_month": presentation.month_label(scope.months[-1]) if scope else "",
            "running_label": running_label,
            "dashboard_query": f"months={months}",
        },
    )


def export_filename(kind: str, month: dt.date, extension: str) -> str:
    """``frontlijn-<kind>-<YYYY>-<MM>.<extension>``: the four-digit year and the month shown."""
    return f"frontlijn-{kind}-{month:%Y-%m}.{extension}"


def _download(request, fmt: str):
    # Exports open on the last complete month; the running month only when asked for by name,
    # and then it is marked "lopende maand, t/m <datum>" (exports.running_month_note).
    form, dashboard = _dashboard(request, with_running=False, allow_running=True)
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
