from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "frontlijn.dashboard"
    label = "dashboard"

    def ready(self) -> None:
        from frontlijn.core import navigation
        from frontlijn.dashboard.selectors import can_see_dashboard
        from frontlijn.feedback.selectors import can_follow_up

        navigation.add("dashboard:index", _("Dashboard"), order=80, visible=can_see_dashboard)
        navigation.add(
            "dashboard:contact_requests", _("Terugbelverzoeken"), order=85, visible=lambda u: can_follow_up(u)
        )
