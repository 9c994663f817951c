from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _pulse_panel(request):
    """Home panel: an invitation to this period's pulse survey, until answered."""
    from frontlijn.appreciation import services

    user = request.user
    if not user.is_authenticated or not user.is_front or services.has_answered(user=user):
        return None
    return "appreciation/_pulse_panel.html", {}


class AppreciationConfig(AppConfig):
    name = "frontlijn.appreciation"
    label = "appreciation"

    def ready(self) -> None:
        from frontlijn.core import navigation

        navigation.add("appreciation:impact", _("Mijn impact"), order=70)
        navigation.add_home_panel("pulse", _pulse_panel, order=90)
