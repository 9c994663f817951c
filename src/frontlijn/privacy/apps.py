from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "frontlijn.privacy"
    label = "privacy"

    def ready(self) -> None:
        # The SQLite DELETE trigger on the audit log asks a function that only Frontlijn's own
        # connections have (privacy.audit_guard); the deploy check wants a real audit key.
        from django.core import checks
        from django.db.backends.signals import connection_created

        from frontlijn.core import navigation, startup
        from frontlijn.privacy import audit_guard, selectors, twofactor
        from frontlijn.privacy.checks import audit_key_check

        connection_created.connect(audit_guard.register_sqlite_function, dispatch_uid="frontlijn-audit-guard")
        checks.register(audit_key_check, checks.Tags.security, deploy=True)
        startup.add_start_check("audit-key", audit_key_check)  # frontlijn serve --production refuses to start
        # Django admin bypasses the selectors: technical administrators (superusers) only, logged in
        # through Frontlijn's own login with their second factor (security probe, finding 1).
        from django.contrib import admin

        from frontlijn.privacy.views import admin_has_permission, admin_login

        admin.site.has_permission = admin_has_permission  # type: ignore[method-assign]  # replaced on purpose
        admin.site.login = admin_login  # type: ignore[method-assign]  # replaced on purpose

        navigation.add("privacy:audit", _("Auditlog"), order=95, visible=selectors.is_privacy_officer)
        # Betrokkenen (96) and Bewaartermijnen (97) are frontlijn.gdpr's.
        navigation.add("recovery-codes", _("Herstelcodes"), order=98, visible=twofactor.has_confirmed_device)
