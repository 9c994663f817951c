"""The link between a Frontlijn account and its identity at the OpenID Connect provider."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SsoIdentity(models.Model):
    """One account at one provider: ``iss`` + ``sub`` never change, unlike e-mail or username."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity", verbose_name=_("medewerker")
    )
    issuer = models.CharField(_("identiteitsprovider"), max_length=300)
    subject = models.CharField(_("kenmerk bij de provider"), max_length=255)
    first_login_at = models.DateTimeField(_("eerste keer ingelogd"))
    last_login_at = models.DateTimeField(_("laatst ingelogd"))
    last_claim_values = models.JSONField(_("groepen en rollen bij laatste login"), default=list, blank=True)

    class Meta:
        verbose_name = _("SSO-account")
        verbose_name_plural = _("SSO-accounts")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_issuer_subject")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.issuer}"
