from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GdprConfig(AppConfig):
    """Privacy's rules applied to the product apps' data: the reason step, the data-subject
    requests and the retention periods. Above the product apps; ``frontlijn.privacy`` is below."""

    name = "frontlijn.gdpr"
    label = "gdpr"

    def ready(self) -> None:
        from frontlijn.core import navigation
        from frontlijn.gdpr import subject
        from frontlijn.privacy.selectors import is_administrator, is_privacy_officer

        subject.register_builtin()
        navigation.add("gdpr:subjects", _("Betrokkenen"), order=96, visible=is_privacy_officer)
        navigation.add("gdpr:retention", _("Bewaartermijnen"), order=97, visible=is_administrator)
