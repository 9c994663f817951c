"""Session markers of an SSO login: when it began (for the maximum age) and the ID token (logout)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings

from frontlijn.lib import clock

SSO_SESSION = "frontlijn_sso"


def mark(request, *, claims: dict) -> None:
    request.session[SSO_SESSION] = {
        "at": int(clock.now().timestamp()),
        "mfa": bool(claims.get("amr") or claims.get("acr")),
    }
    request.session.set_expiry(min(settings.OIDC_MAX_SESSION_AGE, settings.SESSION_COOKIE_AGE))


def is_sso(request) -> bool:
    return SSO_SESSION in getattr(request, "session", {})


def expired(request) -> bool:
    data = request.session.get(SSO_SESSION) or {}
    return int(clock.now().timestamp()) - int(data.get("at", 0)) > settings.OIDC_MAX_SESSION_AGE


def provider_logout_url(request) -> str:
    """The provider's end_session_endpoint (RP-initiated logout 1.0), back to our login page."""
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    back = request.build_absolute_uri(settings.OIDC_POST_LOGOUT_REDIRECT_PATH)
    if not endpoint:
        return back
    params = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": back}
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"
