from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "frontlijn.register"
    label = "register"

    def ready(self) -> None:
        from frontlijn.core import navigation
        from frontlijn.privacy import scoping

        navigation.add("register:search", _("Zoeken"), order=20, visible=scoping.sees_residents)
        navigation.add("register:home-seekers", _("Woningzoekenden"), order=25, visible=scoping.sees_home_seekers)
