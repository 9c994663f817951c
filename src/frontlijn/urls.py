from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from frontlijn.core import offline
from frontlijn.core.views import health
from frontlijn.privacy.views import FrontlijnLoginView, two_factor

urlpatterns = [
    path("accounts/login/", FrontlijnLoginView.as_view(), name="login"),
    path("accounts/login/tweestaps/", two_factor, name="two-factor"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
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
    path("api/", include("frontlijn.api.urls")),
]
