"""API tokens: one per integration, with an owner, scopes and a hashed secret."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("Lezen (één pagina per lijst)")
    SYNC = "sync", _("Lezen en synchroniseren (alle pagina's, updated_since)")
    WRITE = "write", _("Lezen, synchroniseren en schrijven (ERP-koppeling)")


class ApiToken(models.Model):
    """A token for one integration (an ERP, a report tool). It acts as its owner.

    Only a SHA-256 hash of the token is stored; ``prefix`` (the part before the secret) finds the
    row. The token itself is shown once, when it is made.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("eigenaar")
    )
    name = models.CharField(_("naam"), max_length=120, help_text=_("Voor welke koppeling, bijvoorbeeld ERP-sync"))
    scope = models.CharField(_("rechten"), max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    prefix = models.CharField(_("voorvoegsel"), max_length=16, unique=True, editable=False)
    hashed_secret = models.CharField(_("hash"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    @property
    def can_sync(self) -> bool:
        """Bulk reading of personal data: every page of a list, and ``updated_since``."""
        return self.scope in (TokenScope.SYNC, TokenScope.WRITE)
