from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "frontlijn.plans"
    label = "plans"

    def ready(self) -> None:
        from frontlijn.core import navigation
        from frontlijn.plans import panels
        from frontlijn.plans.permissions import uses_plans

        navigation.add("plans:list", _("Plannen"), order=60, visible=uses_plans)
        navigation.add_home_panel("plans-at-the-table", panels.at_the_table, order=40)
