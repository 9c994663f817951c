"""Server side of field use without a connection (docs/offline.md).

* ``/sw.js`` — the service worker, served from the root scope (``Service-Worker-Allowed: /``);
  its modules live in ``static/frontlijn/offline/``.
* ``/manifest.webmanifest`` — the web app manifest (installable app, icons from static/).
* ``/offline/`` — the page shown for a page that is not on the device, with the outbox list.
  It carries no personal data (the list is filled in on the device from its own storage).
* ``/apparaat/sleutel/`` — the per-user key that encrypts what the device keeps.
* Outbox replies: a write replayed from the outbox (header ``X-Frontlijn-Outbox: 1``) is
  answered with JSON instead of a redirect or a page, see :func:`answer_saved`,
  :func:`answer_rejected` and :class:`OutboxMiddleware`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frontlijn.lib import clock

if TYPE_CHECKING:
    from frontlijn.teams.models import User

OFFLINE_DIR = Path(__file__).resolve().parent / "static" / "frontlijn" / "offline"
OUTBOX_HEADER = "HTTP_X_FRONTLIJN_OUTBOX"
MADE_AT_HEADER = "HTTP_X_FRONTLIJN_MADE_AT"
# A phone clock may run a little ahead; a record "made" up to this far in the future is accepted.
CLOCK_ALLOWANCE = dt.timedelta(minutes=5)
SHARED_DEVICE = "frontlijn_shared_device"


def is_outbox(request) -> bool:
    return request.META.get(OUTBOX_HEADER) == "1"


def made_at(request) -> dt.datetime | None:
    """The device time of a write made offline (outbox header), or None for an online form.

    Raises ValidationError for a time beyond the clock allowance or an unreadable one.
    """
    raw = request.META.get(MADE_AT_HEADER, "")
    if not raw:
        return None
    value = parse_datetime(raw)
    if value is None:
        raise ValidationError(_("De tijd van het apparaat is onleesbaar."))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > clock.now() + CLOCK_ALLOWANCE:
        raise ValidationError(
            _(
                "De klok van je telefoon loopt voor: dit is gemaakt in de toekomst. "
                "Zet de klok goed en verstuur opnieuw."
            )
        )
    return value


def answer_saved(request, url: str, *, replayed: bool = False, message: str = ""):
    """Success: a redirect for a form, JSON for the outbox (``duplicate`` when the key was known)."""
    if is_outbox(request):
        return JsonResponse({"status": "duplicate" if replayed else "created", "url": url}, status=200)
    if replayed:
        from django.contrib import messages

        messages.info(request, _("Dit was al opgeslagen; er is niets dubbel vastgelegd."))
    elif message:
        from django.contrib import messages

        messages.success(request, message)
    return redirect(url)


def answer_rejected(request, *, errors: dict | None = None, form=None, url: str = "", reason: str = "", status=422):
    """A write the server turns down, for the outbox: the errors per field, in the user's language."""
    if form is not None:
        errors = {field: [str(m) for m in msgs] for field, msgs in form.errors.items()}
    return JsonResponse({"status": "rejected", "reason": reason, "errors": errors or {}, "url": url}, status=status)


class OutboxMiddleware:
    """A replayed write that the view refuses (no rights, household outside the area) is answered
    in JSON, so the outbox shows it to the user instead of treating a page as success."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outbox(request):
            return None
        if isinstance(exception, PermissionDenied):
            return answer_rejected(request, reason=_("Je mag dit (nu) niet vastleggen."), status=403)
        if isinstance(exception, Http404):
            return answer_rejected(
                request, reason=_("Dit huishouden of deze belofte is niet (meer) zichtbaar voor jou."), status=404
            )
        if isinstance(exception, ValidationError):
            return answer_rejected(request, reason=" ".join(exception.messages))
        return None


def user_key(user: User) -> bytes:
    """The per-user key (256 bits) that encrypts the device's offline data.

    Derived from SECRET_KEY, so the same user gets the same key at the next login (unsent items
    survive logout) and no one else can get it. Never stored on the server.
    """
    return hmac.new(settings.SECRET_KEY.encode(), f"frontlijn-offline-key:{user.pk}".encode(), hashlib.sha256).digest()


@require_GET
def device_key(request):
    """The key, the session's expiry and the shared-device choice, for app.js (no-store)."""
    shared = bool(request.session.get(SHARED_DEVICE))
    response = JsonResponse(
        {
            "user": request.user.pk,
            "key": base64.b64encode(user_key(request.user)).decode(),
            "shared": shared,
            "expires_at": request.session.get_expiry_date().isoformat(),
            "csrf": get_token(request),
        }
    )
    response["Cache-Control"] = "no-store, private"
    return response


@cache
def _worker_source() -> str:
    source = (OFFLINE_DIR / "sw.js").read_text(encoding="utf-8")
    digest = hashlib.sha256()
    for path in sorted(OFFLINE_DIR.glob("*.js")):
        digest.update(path.read_bytes())
    return source.replace("__VERSION__", digest.hexdigest()[:12]).replace(
        "__OFFLINE_STATIC__", settings.STATIC_URL + "frontlijn/offline/"
    )


@login_not_required
@require_GET
def service_worker(request):
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def manifest(request):
    icons = [
        {"src": static(f"frontlijn/icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": static("frontlijn/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    response = JsonResponse(
        {
            "name": "Frontlijn",
            "short_name": "Frontlijn",
            "description": _("Contact, signalen en beloftes van de frontlijn"),
            "lang": "nl",
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5d4b",
            "icons": icons,
        },
        content_type="application/manifest+json",
    )
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def offline_page(request):
    """The fallback for a page that is not on the device, and the list of what is waiting."""
    response = render(request, "core/offline.html", {})
    # No personal data on this page: the worker keeps it in its shell cache.
    response["Cache-Control"] = "no-cache"
    return response
