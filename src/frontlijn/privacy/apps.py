from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "frontlijn.privacy"
    label = "privacy"

    def ready(self) -> None:
        from frontlijn.core import navigation
        from frontlijn.privacy import selectors, subject, twofactor

        subject.register_builtin()
        # Django admin bypasses the selectors: technical administrators (superusers) only.
        from django.contrib import admin

        admin.site.has_permission = lambda request: bool(request.user.is_active and request.user.is_superuser)

        navigation.add("privacy:audit", _("Auditlog"), order=95, visible=selectors.is_privacy_officer)
        navigation.add("privacy:subjects", _("Betrokkenen"), order=96, visible=selectors.is_privacy_officer)
        navigation.add("privacy:retention", _("Bewaartermijnen"), order=97, visible=selectors.is_administrator)
        navigation.add("recovery-codes", _("Herstelcodes"), order=98, visible=twofactor.has_confirmed_device)
