"""Security headers (CSP) and the idle timeout of sessions on shared counter devices."""

from __future__ import annotations

from django.conf import settings

# No inline scripts anywhere; htmx is served from our own static files. Inline style *attributes*
# are allowed (bars in charts), <style> elements are not. Django admin needs inline styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CSP_ADMIN = CSP.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")


def _with_sso_form_action(csp: str) -> str:
    """The logout form redirects to the OpenID Connect provider's end-session endpoint, which
    browsers check against form-action: allow that one origin when single sign-on is on."""
    if not settings.OIDC_ENABLED or not settings.OIDC_OP_END_SESSION_ENDPOINT:
        return csp
    from urllib.parse import urlsplit

    parts = urlsplit(settings.OIDC_OP_END_SESSION_ENDPOINT)
    return csp.replace("form-action 'self'", f"form-action 'self' {parts.scheme}://{parts.netloc}")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith("/beheer/")
        response.headers.setdefault("Content-Security-Policy", _with_sso_form_action(CSP_ADMIN if admin else CSP))
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(self), microphone=(), geolocation=(self)")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages with resident data must not stay in a shared browser's cache.
            response.headers.setdefault("Cache-Control", "no-store, private")
        return response


class SharedDeviceSessionMiddleware:
    """On a shared device the session ends after a short idle time (sliding), not after a shift."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get("frontlijn_shared_device"):
            session.set_expiry(settings.FRONTLIJN_SHARED_DEVICE_IDLE_SECONDS)
        return self.get_response(request)


class ApiAuditMiddleware:
    """Every successful API call on personal data goes into the audit log (ids, never bodies).

    Pages log their own views (they know the household); the API is logged here, in one place,
    for every kind including the ones added later. Geography (wijken, buurten, clusters) is not
    personal data and is not logged.
    """

    PREFIX = "/api/v1/"
    NOT_PERSONAL = frozenset({"wijken", "buurten", "clusters", "plannen"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.PREFIX) and response.status_code < 400:
            parts = [p for p in request.path[len(self.PREFIX) :].split("/") if p]
            user = getattr(request, "user", None)
            if parts and parts[0] not in self.NOT_PERSONAL and user is not None and user.is_authenticated:
                from frontlijn.privacy import audit
                from frontlijn.privacy.models import AuditAction

                action = AuditAction.VIEW if request.method in ("GET", "HEAD") else AuditAction.CHANGE
                audit.record_request(
                    request,
                    action=action,
                    object_type=f"api.{parts[0]}"[:40],
                    object_id=parts[1][:40] if len(parts) > 1 else "",
                    detail={"method": request.method, "status": response.status_code},
                )
        return response
