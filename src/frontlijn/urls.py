from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLResolver, include, path
from django.views.i18n import set_language

from frontlijn.core import offline
from frontlijn.core.views import favicon, health, ready
from frontlijn.privacy.views import FrontlijnLoginView, recovery_codes, two_factor
from frontlijn.sso.views import FrontlijnLogoutView


def _to_frontlijns_login(admin_urls):
    """Django's LoginRequiredMiddleware sends an anonymous visitor of an admin page to the URL the
    admin sets on its views (its own login page); send them straight to Frontlijn's login instead
    (password, second factor, lock-out and audit; privacy.views.admin_login)."""
    patterns, app_name, namespace = admin_urls
    _set_login_url(patterns)
    return patterns, app_name, namespace


def _set_login_url(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _set_login_url(pattern.url_patterns)
        elif hasattr(pattern.callback, "login_url"):
            pattern.callback.login_url = settings.LOGIN_URL


urlpatterns = [
    path("accounts/login/", FrontlijnLoginView.as_view(), name="login"),
    path("accounts/login/tweestaps/", two_factor, name="two-factor"),
    path("accounts/herstelcodes/", recovery_codes, name="recovery-codes"),
    path("accounts/logout/", FrontlijnLogoutView.as_view(), name="logout"),
    path("oidc/", include("frontlijn.sso.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("health/", health, name="health"),
    path("health/ready", ready, name="health-ready"),
    path("favicon.ico", favicon, name="favicon"),
    path("sw.js", offline.service_worker, name="service-worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.offline_page, name="offline"),
    path("apparaat/sleutel/", offline.device_key, name="device-key"),
    path("beheer/", _to_frontlijns_login(admin.site.urls)),
    path("", include("frontlijn.core.urls")),
    path("", include("frontlijn.register.urls")),
    path("", include("frontlijn.contacts.urls")),
    path("zaken/", include("frontlijn.cases.urls")),
    path("signalen/", include("frontlijn.signals.urls")),
    path("plannen/", include("frontlijn.plans.urls")),
    path("teams/", include("frontlijn.teams.urls")),
    path("waardering/", include("frontlijn.appreciation.urls")),
    path("r/", include("frontlijn.feedback.urls")),
    path("dashboard/", include("frontlijn.dashboard.urls")),
    path("privacy/", include("frontlijn.privacy.urls")),
    path("privacy/", include("frontlijn.gdpr.urls")),
    path("api/", include("frontlijn.api.urls")),
]

handler400 = "frontlijn.core.views.bad_request"
handler403 = "frontlijn.core.views.permission_denied"
handler404 = "frontlijn.core.views.page_not_found"
handler500 = "frontlijn.core.views.server_error"
