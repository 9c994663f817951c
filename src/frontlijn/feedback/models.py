"""Resident feedback after contact (VERA Kwaliteitsmetingsverzoek / Kwaliteitsmetingsresultaat).

Two tables, deliberately unlinked:

- :class:`FeedbackInvitation` is the request (VERA Kwaliteitsmetingsverzoek). It only exists to
  send a single-use link and to check it: it keeps a *hash* of the token, an expiry, and, until
  the link is used or expires, the household and contact it was sent for. Once used, those
  links are wiped (:func:`frontlijn.feedback.services.feedback_submit`).
- :class:`FeedbackResponse` is the answer (VERA Kwaliteitsmetingsresultaat). It holds only what
  the indicators need — kind, team, wijk, month — and the answers. No foreign key to the
  invitation, no timestamp, a random UUID key (no sequence to line up with invitations). Only
  when the resident opts in to be contacted does it keep the household.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NEW_TENANTS = "HUN", _("Nieuwe huurders")
    REPAIRS = "REP", _("Reparaties")
    LEFT_TENANTS = "HUV", _("Vertrokken huurders")
    GENERAL = "ALG", _("Algemene dienstverlening")


class Channel(models.TextChoices):
    """How an invitation goes out: VERA COMMUNICATIEKANAAL codes, and a QR code shown at the door."""

    EMAIL = "EMA", _("E-mail")
    SMS = "SMS", _("SMS")
    DOOR = "QR", _("QR-code bij het contact")


class Answer3(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "deels", _("Deels")
    NO = "nee", _("Nee")


class PromiseAnswer(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "deels", _("Deels")
    NO = "nee", _("Nee")
    NOT_APPLICABLE = "nvt", _("Er was niets afgesproken")


class FeedbackInvitation(models.Model):
    """A single-use link sent by Frontlijn itself after a contact or a closed case."""

    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    kind = models.CharField(_("soort meting"), max_length=3, choices=Kind.choices)
    channel = models.CharField(_("kanaal"), max_length=3, choices=Channel.choices, blank=True)
    # Links to the person and the event: only while the link is open; wiped when used or expired.
    household = models.ForeignKey(
        "register.Household", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact_moment = models.ForeignKey(
        "contacts.ContactMoment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the indicators need, kept.
    team = models.ForeignKey("teams.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    wijk = models.ForeignKey("register.Wijk", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    period = models.DateField(_("maand"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("uitnodiging bewonersoordeel")
        verbose_name_plural = _("uitnodigingen bewonersoordeel")
        indexes = [models.Index(fields=["household", "used"], name="fb_invitation_household")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period:%Y-%m}"


class FeedbackResponse(models.Model):
    """One resident's answer. Anonymous unless ``contact_opt_in`` (then ``household`` is kept)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("soort meting"), max_length=3, choices=Kind.choices)
    team = models.ForeignKey("teams.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    wijk = models.ForeignKey("register.Wijk", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    period = models.DateField(_("maand"), db_index=True)
    grade = models.PositiveSmallIntegerField(
        _("rapportcijfer"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    heard = models.CharField(_("voelde u zich gehoord?"), max_length=5, choices=Answer3.choices)
    promise_kept = models.CharField(_("is gedaan wat is afgesproken?"), max_length=5, choices=PromiseAnswer.choices)
    comment = models.TextField(_("toelichting"), blank=True)
    compliment_passed = models.BooleanField(_("compliment doorgegeven"), default=False)
    contact_opt_in = models.BooleanField(_("wil benaderd worden"), default=False)
    household = models.ForeignKey(
        "register.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen als de bewoner heeft aangegeven benaderd te willen worden."),
    )
    contact_handled = models.BooleanField(_("contact opgenomen"), default=False)

    class Meta:
        verbose_name = _("bewonersoordeel")
        verbose_name_plural = _("bewonersoordelen")
        indexes = [models.Index(fields=["period", "kind"], name="fb_response_period_kind")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_opt_in=True) | models.Q(household__isnull=True),
                name="fb_response_household_only_with_opt_in",
            ),
            models.CheckConstraint(condition=models.Q(grade__gte=1, grade__lte=10), name="fb_response_grade_1_10"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period:%Y-%m}: {self.grade}"
