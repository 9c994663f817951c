"""Privacy and security records: the hash-chained audit log, login attempts and TOTP devices."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """The audit log is append-only: rows are never changed or removed."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    # bulk_update goes through update(); bulk_create would bypass the chain.
    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError("audit events are written one at a time by privacy.audit.record")


class AuditAction(models.TextChoices):
    VIEW = "view", _("Bekeken")
    SEARCH = "search", _("Gezocht")
    CHANGE = "change", _("Gewijzigd")
    CREATE = "create", _("Aangemaakt")
    EXPORT = "export", _("Geëxporteerd")
    ERASE = "erase", _("Gewist")
    REASON = "reason", _("Reden opgegeven")
    RETENTION = "retention", _("Bewaartermijn toegepast")
    LOGIN = "login", _("Ingelogd")
    LOGIN_FAILED = "login-failed", _("Mislukte inlogpoging")
    LOCKED_OUT = "locked-out", _("Account tijdelijk geblokkeerd")
    RECOVERY_CODES = "recovery-codes", _("Herstelcodes aangemaakt")
    RECOVERY_USED = "recovery-used", _("Herstelcode gebruikt")


class AuditEvent(models.Model):
    """One audited action on personal data: who, what, when, why.

    Each row's ``hash`` covers the previous row's hash and this row's content, so a removed or
    altered row breaks the chain (``frontlijn audit verify``). Rows hold ids, never resident text.
    """

    at = models.DateTimeField(_("tijdstip"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medewerker"),
    )
    actor_username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    action = models.CharField(_("handeling"), max_length=16, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("soort gegeven"), max_length=40, blank=True)
    object_id = models.CharField(_("id"), max_length=40, blank=True)
    household_id = models.BigIntegerField(_("huishouden"), null=True, blank=True, db_index=True)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    path = models.CharField(_("pagina"), max_length=300, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    def content(self) -> dict:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_username": self.actor_username,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "household_id": self.household_id,
            "reason": self.reason,
            "path": self.path,
            "detail": self.detail,
        }

    def compute_hash(self) -> str:
        payload = json.dumps(self.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256((self.prev_hash + payload).encode()).hexdigest()


class LoginAttempt(models.Model):
    """A failed login (password or second factor), for throttling and lock-out."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("mislukte inlogpoging")
        verbose_name_plural = _("mislukte inlogpogingen")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class TOTPDevice(models.Model):
    """A staff member's authenticator app (TOTP, RFC 6238)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device", verbose_name=_("medewerker")
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator app (a lost or new phone).

    Only a SHA-256 of the code is kept: the codes have 80 random bits, so the hash cannot be
    reversed by trying, and the code itself is shown once, when it is made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes", verbose_name=_("medewerker")
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt"))
    used_at = models.DateTimeField(_("gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class PrivacyPermissions(models.Model):
    """Holder of the privacy officer's permissions (no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("privacy_officer", "Functionaris gegevensbescherming: auditlog en rechten van betrokkenen"),
        ]

    def __str__(self) -> str:
        return "privacy"
