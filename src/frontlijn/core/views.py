from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from frontlijn.core import selectors, services
from frontlijn.core.navigation import home_panels_for
from frontlijn.lib import clock


def home(request):
    """ "Mijn dag": the apps' home panels (core/navigation.py), the front's own lists first."""
    context = {"today": clock.today(), "panels": home_panels_for(request)}
    return render(request, "core/home.html", context)


@login_not_required
def health(request):
    """Liveness and database check for load balancers and monitoring; no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return JsonResponse({"status": "ok"})
    except Exception:  # pragma: no cover - exercised when the database is down
        return JsonResponse({"status": "database unavailable"}, status=503)


@login_not_required
def ready(request):
    """Readiness of this server for the load balancer: database, cache and every migration applied.

    503 with what failed, so that a server is taken out of rotation (or not yet put in) while it
    cannot serve; no personal data.
    """
    from frontlijn.core.readiness import readiness_checks

    checks = readiness_checks()
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503)


@login_not_required
def favicon(request):
    from django.contrib.staticfiles.storage import staticfiles_storage

    return redirect(staticfiles_storage.url("frontlijn/favicon.svg"), permanent=True)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent with an expired or missing security token (CSRF_FAILURE_VIEW): a Dutch page in
    the app's layout that says what to do, instead of Django's English one. Nothing was stored."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page: rendered without the context processors or the database (which may be the fault)."""
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({"request_path": request.path}))


def inbox(request):
    messages_ = list(selectors.inbox_list(user=request.user)[:100])
    unread_ids = [m.pk for m in messages_ if m.read_at is None]
    response = render(request, "core/inbox.html", {"inbox_messages": messages_, "unread_ids": set(unread_ids)})
    services.inbox_mark_read(user=request.user, message_ids=unread_ids)
    return response


def inbox_mark_all_read(request):
    if request.method == "POST":
        services.inbox_mark_read(user=request.user)
    return redirect("core:inbox")
