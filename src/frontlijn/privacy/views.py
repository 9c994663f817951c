from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontlijn.core.offline import SHARED_DEVICE
from frontlijn.lib.query import parse_query
from frontlijn.lib.redirects import next_param, safe_next
from frontlijn.privacy import audit, capabilities, selectors, throttle, twofactor
from frontlijn.privacy.forms import AuditQuery, CodeForm, LoginForm
from frontlijn.privacy.models import AuditAction

if TYPE_CHECKING:
    from frontlijn.teams.models import User

PENDING = "frontlijn_2fa_pending"
NEW_RECOVERY_CODES = "frontlijn_new_recovery_codes"
NEW_RECOVERY_CODES_NEXT = "frontlijn_new_recovery_codes_next"


def _safe_next(request, url: str | None) -> str:
    return safe_next(request, url, settings.LOGIN_REDIRECT_URL)


def _complete_login(request, user: User, *, backend: str, shared: bool) -> None:
    auth_login(request, user, backend=backend)
    throttle.clear(username=user.get_username())
    if shared or capabilities.role_in(user, "shared_device_always"):
        request.session[SHARED_DEVICE] = True
        request.session.set_expiry(settings.FRONTLIJN_SHARED_DEVICE_IDLE_SECONDS)
    audit.record_request(request, action=AuditAction.LOGIN, object_type="login")


class FrontlijnLoginView(LoginView):
    """Password, then (for roles that can export personal data) a TOTP code."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = settings.OIDC_ENABLED
        context["sso_provider"] = settings.OIDC_PROVIDER_NAME
        return context

    def form_valid(self, form):
        user = form.get_user()
        shared = form.cleaned_data.get("shared_device", False)
        if twofactor.required_for(user):
            self.request.session.cycle_key()
            self.request.session[PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "shared": shared,
                "next": self.get_redirect_url(),
            }
            return redirect("two-factor")
        _complete_login(self.request, user, backend=user.backend, shared=shared)
        response = redirect(self.get_success_url())
        throttle.remember_device(self.request, response, username=user.get_username())
        return response


def admin_login(request, extra_context=None):
    """The admin site's login: Frontlijn's own login (second factor, lock-out, audit), never Django's.

    Anonymous visitors go to the login page and come back; a logged-in user without admin access
    (no superuser, or a session that did not pass the second factor) gets a 403, not a password form.
    """
    from django.contrib.auth.views import redirect_to_login
    from django.urls import reverse

    if request.user.is_authenticated:
        raise PermissionDenied(_("Het beheer is alleen voor technisch beheerders, ingelogd met hun tweede stap."))
    return redirect_to_login(safe_next(request, next_param(request), reverse("admin:index")), settings.LOGIN_URL)


def admin_has_permission(request) -> bool:
    """Django admin bypasses the selectors: superusers only, and only after the second factor."""
    user = request.user
    return bool(user.is_active and user.is_superuser and twofactor.is_verified(request))


@login_not_required
def two_factor(request):
    """Second step of the login: enrol an authenticator app (first time) or enter its code."""
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return redirect("login")
    device = twofactor.device_for(user)
    enrolling = device is None or device.confirmed_at is None
    if enrolling:
        device = twofactor.device_start(user=user)
    form = CodeForm(request.POST or None)
    ip = throttle.client_ip(request)
    until = throttle.locked_until(username=user.get_username(), ip=ip)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if until is not None:
            form.add_error(None, LoginForm._locked_message(until))
        elif twofactor.device_verify(device=device, code=code):
            del request.session[PENDING]
            _complete_login(request, user, backend=pending["backend"], shared=pending["shared"])
            twofactor.mark_verified(request.session)
            target = _safe_next(request, pending.get("next"))
            if enrolling:
                # The authenticator is set up: now the recovery codes, shown once.
                request.session[NEW_RECOVERY_CODES] = twofactor.recovery_codes_generate(user=user)
                request.session[NEW_RECOVERY_CODES_NEXT] = target
                response = redirect("recovery-codes")
            else:
                response = redirect(target)
            throttle.remember_device(request, response, username=user.get_username())
            return response
        elif not enrolling and twofactor.recovery_code_use(user=user, code=code):
            del request.session[PENDING]
            _complete_login(request, user, backend=pending["backend"], shared=pending["shared"])
            twofactor.mark_verified(request.session)
            left = twofactor.recovery_codes_left(user)
            messages.warning(
                request,
                ngettext(
                    "Je bent ingelogd met een herstelcode. Je hebt nog %(left)s herstelcode over.",
                    "Je bent ingelogd met een herstelcode. Je hebt nog %(left)s herstelcodes over.",
                    left,
                )
                % {"left": left},
            )
            response = redirect("recovery-codes" if left <= 3 else _safe_next(request, pending.get("next")))
            throttle.remember_device(request, response, username=user.get_username())
            return response
        else:
            throttle.record_failure(username=user.get_username(), ip=ip)
            form.add_error("code", _("Deze code klopt niet of is verlopen. Vul de nieuwste code in."))
    return render(
        request,
        "privacy/two_factor.html",
        {
            "form": form,
            "enrolling": enrolling,
            "secret": device.secret if enrolling else "",
            "uri": twofactor.provisioning_uri(device) if enrolling else "",
        },
    )


def recovery_codes(request):
    """The recovery codes of the local second factor: new ones shown once, or make new ones."""
    device = twofactor.device_for(request.user)
    if device is None or device.confirmed_at is None:
        messages.info(request, _("Je gebruikt geen authenticator-app bij Frontlijn, dus ook geen herstelcodes."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES] = twofactor.recovery_codes_generate(user=request.user)
        return redirect("recovery-codes")
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    next_url = resolve_url(request.session.pop(NEW_RECOVERY_CODES_NEXT, None) or settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "privacy/recovery_codes.html",
        {"codes": codes, "left": twofactor.recovery_codes_left(request.user), "next": next_url},
    )


def audit_log(request):
    query = parse_query(AuditQuery, request)
    events = selectors.audit_list(
        user=request.user,
        username=query["medewerker"],
        household_id=query["huishouden"],
        day=query["datum"],
        action=query["handeling"],
    )
    return render(
        request,
        "privacy/audit.html",
        {
            "events": list(events[:200]),
            "actions": AuditAction.choices,
            "filters": request.GET,
        },
    )
