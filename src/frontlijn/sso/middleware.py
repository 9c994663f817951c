"""The maximum age of an SSO session: rights taken away at the provider end here within hours."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from frontlijn.sso import session as sso_session


class SsoSessionAgeMiddleware:
    """After OIDC_MAX_SESSION_AGE seconds since the SSO login the user logs in again at the
    provider, which then hands over the current groups (and refuses a removed account)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and sso_session.is_sso(request)
            and (sso_session.expired(request) or not settings.OIDC_ENABLED)
        ):
            logout(request)
            messages.info(request, _("Je sessie is verlopen. Log opnieuw in met je organisatieaccount."))
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
