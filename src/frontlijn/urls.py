from django.contrib import admin
from django.urls import include, path

from frontlijn.core import offline
from frontlijn.core.views import favicon, health, ready
from frontlijn.privacy.views import FrontlijnLoginView, recovery_codes, two_factor
from frontlijn.sso.views import FrontlijnLogoutView

urlpatterns = [
    path("accounts/login/", FrontlijnLoginView.as_view(), name="login"),
    path("accounts/login/tweestaps/", two_factor, name="two-factor"),
    path("accounts/herstelcodes/", recovery_codes, name="recovery-codes"),
    path("accounts/logout/", FrontlijnLogoutView.as_view(), name="logout"),
    path("oidc/", include("frontlijn.sso.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path("health/ready", ready, name="health-ready"),
    path("favicon.ico", favicon, name="favicon"),
    path("sw.js", offline.service_worker, name="service-worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.offline_page, name="offline"),
    path("apparaat/sleutel/", offline.device_key, name="device-key"),
    path("beheer/", admin.site.urls),
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
