"""Appreciation: compliments that reach the person, and the anonymous pulse survey.

Pulse answers are anonymous by design (see docs/teams.md): :class:`PulseResponse` holds a team,
a period and the scores only — no user, no timestamp, a random UUID key — and
:class:`PulseParticipation` separately records *that* a person answered in a period.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplimentSource(models.TextChoices):
    COLLEAGUE = "collega", _("Collega")
    MANAGER = "leidinggevende", _("Leidinggevende")
    RESIDENT = "bewoner", _("Bewoner")


class AboutKind(models.TextChoices):
    SIGNAL = "signaal", _("Signaal")
    PLAN_INPUT = "inbreng", _("Inbreng bij een plan")


class Compliment(models.Model):
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliments", verbose_name=_("voor")
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compliments_given",
        verbose_name=_("van"),
    )
    source = models.CharField(_("van wie"), max_length=16, choices=ComplimentSource.choices)
    text = models.TextField(_("compliment"))
    contact = models.ForeignKey(
        "contacts.ContactMoment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compliments",
        verbose_name=_("contactmoment"),
    )
    # A signal or plan input, by id: those apps are optional for this one.
    about_kind = models.CharField(_("over"), max_length=8, choices=AboutKind.choices, blank=True)
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What a resident's compliment is about, as the resident's page named it (the contact's date,
    # channel and the staff member's first name): a copy, not a link to the contact or household.
    about_contact_on = models.DateField(_("contact op"), null=True, blank=True)
    about_channel = models.CharField(_("kanaal van het contact"), max_length=60, blank=True)
    about_staff_first_name = models.CharField(_("voornaam medewerker"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("ontvangen"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("compliment")
        verbose_name_plural = _("complimenten")

    def __str__(self) -> str:
        return f"{self.get_source_display()} → {self.to_user}"


PULSE_QUESTIONS = [
    ("valued", _("Voel je je gewaardeerd door de organisatie?")),
    ("heard", _("Word je gehoord?")),
    ("influence", _("Heb je invloed op hoe je je werk organiseert?")),
    ("successful", _("Ben je succesvol?")),
    ("difference", _("Ervaar je dat je het verschil maakt?")),
    ("contact_time", _("Heb je tijd voor echt contact met bewoners?")),
]
SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class PulseResponse(models.Model):
    """One anonymous answer: team + period + scores. Deliberately no user, no time, no sequence."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(
        "teams.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    period = models.CharField(_("periode"), max_length=7, db_index=True)
    valued = models.PositiveSmallIntegerField(validators=SCORE)
    heard = models.PositiveSmallIntegerField(validators=SCORE)
    influence = models.PositiveSmallIntegerField(validators=SCORE)
    successful = models.PositiveSmallIntegerField(validators=SCORE)
    difference = models.PositiveSmallIntegerField(validators=SCORE)
    contact_time = models.PositiveSmallIntegerField(validators=SCORE)
    comment = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("antwoord pulsmeting")
        verbose_name_plural = _("antwoorden pulsmeting")

    def __str__(self) -> str:
        return f"{self.period} ({self.team_id or '-'})"


class PulseParticipation(models.Model):
    """That a person answered in a period (to prevent answering twice); nothing about the answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=7)
    # The team the person answered for (not the answer): lets the results compare the respondent
    # sets of two periods, so that a change of membership cannot single one person out. Empty
    # for answers without a team and for participations recorded before this field existed.
    team = models.ForeignKey("teams.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="pulse_once_per_period")]

    def __str__(self) -> str:
        return self.period


class PulseTeamAction(models.Model):
    """What the team lead did with a period's pulse results; shown to the whole team."""

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="pulse_actions")
    period = models.CharField(_("periode"), max_length=7)
    text = models.TextField(_("wat de teamleider ermee deed"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        ordering = ["team", "-period"]
        verbose_name = _("actie op de pulsmeting")
        verbose_name_plural = _("acties op de pulsmeting")
        constraints = [models.UniqueConstraint(fields=["team", "period"], name="pulse_action_once_per_team_period")]

    def __str__(self) -> str:
        return f"{self.team_id} {self.period}"
