from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "frontlijn.privacy"
    label = "privacy"

    def ready(self) -> None:
        from frontlijn.core import navigation
        from frontlijn.privacy import selectors, subject

        subject.register_builtin()
        # Django admin bypasses the selectors: technical administrators (superusers) only, logged in
        # through Frontlijn's own login with their second factor (security probe, finding 1).
        from django.contrib import admin

        from frontlijn.privacy.views import admin_has_permission, admin_login

        admin.site.has_permission = admin_has_permission
        admin.site.login = admin_login

        navigation.add("privacy:audit", _("Auditlog"), order=95, visible=selectors.is_privacy_officer)
        navigation.add("privacy:subjects", _("Betrokkenen"), order=96, visible=selectors.is_privacy_officer)
        navigation.add("privacy:retention", _("Bewaartermijnen"), order=97, visible=selectors.is_administrator)
