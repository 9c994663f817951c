"""SSO login start, the provider's callback and the logout that also ends the provider session."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LogoutView
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from frontlijn.core.offline import SHARED_DEVICE
from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditAction
from frontlijn.sso import session as sso_session
from frontlijn.sso.backend import CLAIMS_ATTR, REFUSAL_ATTR
from frontlijn.teams.models import Role

logger = logging.getLogger(__name__)


def _require_enabled() -> None:
    if not settings.OIDC_ENABLED:
        raise Http404


@method_decorator(login_not_required, name="dispatch")
class SsoLoginView(OIDCAuthenticationRequestView):
    def dispatch(self, request, *args, **kwargs):
        _require_enabled()
        return super().dispatch(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class SsoCallbackView(OIDCAuthenticationCallbackView):
    def dispatch(self, request, *args, **kwargs):
        _require_enabled()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            # A replayed or forged callback, a token not signed or not issued for us: no entry,
            # and a clear message instead of the bare 400 page.
            logger.warning("SSO callback refused: %s", exc)
            return self.login_failure()

    def login_success(self):
        response = super().login_success()
        sso_session.mark(self.request, claims=getattr(self.request, CLAIMS_ATTR, {}))
        if self.user.role == Role.BALIEMEDEWERKER:
            # As with a password login: counter devices are shared, the session ends when idle.
            self.request.session[SHARED_DEVICE] = True
            self.request.session.set_expiry(settings.FRONTLIJN_SHARED_DEVICE_IDLE_SECONDS)
        audit.record_request(self.request, action=AuditAction.LOGIN, object_type="login", detail={"method": "sso"})
        return response

    def login_failure(self):
        refusal = getattr(self.request, REFUSAL_ATTR, None)
        if refusal is not None:
            message, code = refusal.message, refusal.code
        elif self.request.GET.get("error"):
            message, code = (
                _("Inloggen bij je organisatieaccount is afgebroken of mislukt. Probeer het opnieuw."),
                "provider-error",
            )
        else:
            message, code = _("Inloggen met je organisatieaccount is mislukt. Probeer het opnieuw."), "failed"
        audit.record(
            user=None, action=AuditAction.LOGIN_FAILED, object_type="login", detail={"method": "sso", "reason": code}
        )
        messages.error(self.request, message)
        if refusal is not None and settings.OIDC_OP_END_SESSION_ENDPOINT:
            # The refused user is still logged in at the provider: end that session too, so that they
            # can log in again there (with a second factor, say) and nobody else at this device is
            # let in as them. The provider sends them back to the login page with the message.
            url = sso_session.provider_logout_url(self.request)
            self.request.session.pop("oidc_id_token", None)
            return redirect(url)
        return redirect(settings.LOGIN_URL)


class FrontlijnLogoutView(LogoutView):
    """Log out here; after an SSO login, also at the provider (its end_session_endpoint)."""

    def post(self, request, *args, **kwargs):
        if settings.OIDC_ENABLED and sso_session.is_sso(request):
            url = sso_session.provider_logout_url(request)
            auth_logout(request)
            return redirect(url)
        return super().post(request, *args, **kwargs)
