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
    PLAN_DECISION = "plan-decision", _("Besluit over een plan")
    SIGNAL_PATTERN = "signal-pattern", _("Patroon in signalen")
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


class StoredFile(models.Model):
    """A file of the database storage (frontlijn.core.storage.DatabaseStorage, FRONTLIJN_STORAGE=database):
    photos and generated files that every app server sees, and that are in the database backup."""

    name = models.CharField(_("naam"), max_length=255, unique=True)
    content = models.BinaryField(_("inhoud"))
    size = models.PositiveIntegerField(_("grootte"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("opgeslagen bestand")
        verbose_name_plural = _("opgeslagen bestanden")

    def __str__(self) -> str:
        return self.name


class PeriodicRun(models.Model):
    """One run of a periodic job (frontlijn.core.schedule) for one scheduled moment (``slot``).

    The unique (job, slot) pair is what makes a job run once per moment however many workers
    with a scheduler run: the scheduler that inserts the row enqueues the task; the others find it.
    """

    job = models.CharField(_("taak"), max_length=64)
    slot = models.DateTimeField(_("gepland moment"))
    claimed_by = models.CharField(_("gestart door"), max_length=64)
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodieke run")
        verbose_name_plural = _("periodieke runs")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="core_periodicrun_once_per_slot")]
        ordering = ["-slot"]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class IdempotencyKey(models.Model):
    """One create form submission, remembered by the key its browser made when the form opened.

    Scoped to the user: the same key from another user is another submission. A re-sent or
    double POST (and every replay of the offline outbox) finds this row and answers with the
    first result instead of storing again. ``received_at`` is when the server got it;
    ``made_at`` the device time of a write made offline (None for an online form). Kept at least
    ``FRONTLIJN_IDEMPOTENCY_DAYS`` (default 35), then removed by ``frontlijn retention``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("medewerker")
    )
    key = models.UUIDField(_("sleutel"))
    kind = models.CharField(_("soort"), max_length=30)
    object_type = models.CharField(_("soort object"), max_length=40, blank=True)
    object_id = models.CharField(_("object"), max_length=40, blank=True)
    response_url = models.CharField(_("antwoord"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("ontvangen"), auto_now_add=True, db_index=True)
    made_at = models.DateTimeField(_("gemaakt op het apparaat"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzendsleutel")
        verbose_name_plural = _("verzendsleutels")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
