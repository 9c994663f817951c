from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "frontlijn.core"
    label = "core"

    def ready(self) -> None:
        from frontlijn.core import checks, navigation  # noqa: F401 - checks registers the deploy checks

        navigation.add("core:home", _("Mijn dag"), order=10)
        navigation.add("core:inbox", _("Inbox"), order=90)
