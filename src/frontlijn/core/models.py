"""The in-app inbox: feedback on signals, answers to plan inputs, compliments.

Every message about "what became of what you said" reaches the person here (and by e-mail
through Django's mail backend where the user has an address and e-mail is configured).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InboxKind(models.TextChoices):
    SIGNAL_FEEDBACK = "signal", _("Terugkoppeling op signaal")
    PLAN_INPUT = "plan-input", _("Antwoord op inbreng")
    PLAN_INVITATION = "plan-invitation", _("Uitnodiging: aan tafel")
    COMPLIMENT = "compliment", _("Compliment")
    PULSE = "pulse", _("Pulsmeting")
    OTHER = "other", _("Bericht")


class InboxMessage(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox", verbose_name=_("ontvanger")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=InboxKind.choices, default=InboxKind.OTHER)
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("bericht"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("ontvangen"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        indexes = [models.Index(fields=["recipient", "read_at"], name="inbox_recipient_unread")]

    def __str__(self) -> str:
        return self.title
