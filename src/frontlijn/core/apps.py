from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "frontlijn.core"
    label = "core"

    def ready(self) -> None:
        from frontlijn.core import checks, navigation  # noqa: F401 - checks registers the deploy checks
        from frontlijn.privacy import scoping

        navigation.add("core:home", _("Mijn dag"), order=10)
        navigation.add("register:search", _("Zoeken"), order=20, visible=scoping.sees_residents)
        navigation.add("register:home-seekers", _("Woningzoekenden"), order=25, visible=scoping.sees_home_seekers)
        navigation.add("contacts:promises", _("Beloftes"), order=30, visible=scoping.can_log_contacts)
        navigation.add("cases:list", _("Zaken"), order=40, visible=scoping.sees_residents)
        navigation.add("core:inbox", _("Inbox"), order=90)
