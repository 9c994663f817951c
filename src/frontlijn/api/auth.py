"""DRF authentication, permission and throttling for API tokens."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from frontlijn.api.models import ApiToken
from frontlijn.api.tokens import api_token_check


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer fl_...`` (``Token fl_...`` works too). The token acts as its owner."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header: gebruik 'Bearer <token>'."))
        try:
            text = header[1].decode()
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Het token bevat ongeldige tekens.")) from exc
        row = api_token_check(text)
        if row is None:
            raise exceptions.AuthenticationFailed(_("Onbekend of ingetrokken token."))
        if not row.owner.is_active:
            raise exceptions.AuthenticationFailed(_("De eigenaar van dit token is niet meer actief."))
        return row.owner, row

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "API-token: `Authorization: Bearer fl_...`"}


class TokenScopePermission(permissions.BasePermission):
    """Reads need any token (or a session); writes need a token with the write scope."""

    message = _("Dit token mag alleen lezen; schrijven vraagt een token met scope 'write'.")

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        if isinstance(token, ApiToken):
            return token.can_write
        # A logged-in session (the browsable docs) may write as the user.
        return True


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """Rate limit per token (per user for sessions). Rate: settings.FRONTLIJN_API_RATE.

    The counter lives in Django's cache: shared by every worker and server in production (Redis or
    the database cache); per process only with development's local-memory cache.
    """

    scope = "api_token"

    def get_rate(self) -> str:
        return getattr(settings, "FRONTLIJN_API_RATE", "1200/minute")

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
