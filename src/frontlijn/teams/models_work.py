"""How teams organise their own work: priorities, setting history, absence, hand-overs, visit rounds.

Imported by :mod:`frontlijn.teams.models`; relations use string references so this module does
not import that one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.models import VeraModel


class PriorityKind(models.TextChoices):
    CASE_TYPE = "zaak", _("Soort zaak")
    THEME = "thema", _("Thema van signalen")


class TeamPriority(models.Model):
    """One entry of a team's own ordered priority list (position 1 is the highest).

    ``code`` is a case type (:class:`frontlijn.cases.models.CaseType`) or a signal theme code
    (``signals.Theme.code``), kept as a string so teams do not depend on the signals app.
    """

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="priorities")
    kind = models.CharField(_("soort"), max_length=8, choices=PriorityKind.choices)
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("volgorde"))

    class Meta:
        ordering = ["team", "position", "id"]
        verbose_name = _("prioriteit")
        verbose_name_plural = _("prioriteiten")
        constraints = [models.UniqueConstraint(fields=["team", "kind", "code"], name="team_priority_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.code}"


class SettingKind(models.TextChoices):
    WAY_OF_WORKING = "werkwijze", _("Werkwijze")
    PRIORITIES = "prioriteiten", _("Prioriteiten")
    CONTACT_TARGET = "contactdoel", _("Doel tijd voor contact")


class TeamSettingChange(models.Model):
    """Who changed which team setting when, from what to what."""

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="setting_changes")
    kind = models.CharField(_("instelling"), max_length=16, choices=SettingKind.choices)
    old_value = models.CharField(_("was"), max_length=500, blank=True)
    new_value = models.CharField(_("wordt"), max_length=500)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    changed_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("wijziging teaminstelling")
        verbose_name_plural = _("wijzigingen teaminstellingen")

    def __str__(self) -> str:
        return f"{self.kind}: {self.new_value}"


class Absence(models.Model):
    """A period a staff member is away (no reason is stored: that can be medical data)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences", verbose_name=_("medewerker")
    )
    start_date = models.DateField(_("van"))
    end_date = models.DateField(_("tot en met"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("afwezigheid")
        verbose_name_plural = _("afwezigheden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="absence_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start_date} - {self.end_date}"


class CaseHandover(models.Model):
    """A case taken or handed over between colleagues, without a manager."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.to_user_id}"


class RoundCriterion(models.TextChoices):
    COMPLEX = "complex", _("Alle huishoudens van een complex")
    AGE_75 = "75plus", _("Alle huishoudens met een bewoner van 75 jaar of ouder")
    NO_CONTACT = "geen-contact", _("Alle huishoudens zonder contact in de laatste 12 maanden")


class VisitRound(VeraModel):
    """A proactive round of home visits planned by a team."""

    team = models.ForeignKey("teams.Team", on_delete=models.CASCADE, related_name="visit_rounds")
    name = models.CharField(_("naam"), max_length=120)
    criterion = models.CharField(_("wie bezoeken we"), max_length=16, choices=RoundCriterion.choices)
    complex = models.ForeignKey(
        "register.Complex", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("complex")
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("klaar op"))
    minutes_per_visit = models.PositiveSmallIntegerField(_("minuten per bezoek"), default=30)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("bezoekronde")
        verbose_name_plural = _("bezoekrondes")

    def __str__(self) -> str:
        return self.name


class VisitOutcome(models.TextChoices):
    """What happened at the door. "Niet thuis" and "later terugkomen" put the address back for
    another try; the others close it."""

    VISITED = "bezocht", _("Bezocht")
    NOT_HOME = "niet-thuis", _("Niet thuis")
    NO_ANSWER = "geen-gehoor", _("Geen gehoor")
    DECLINED = "afgezegd", _("Afgezegd")
    LATER = "later", _("Later terugkomen")


RETRY_OUTCOMES = frozenset({VisitOutcome.NOT_HOME, VisitOutcome.LATER})
# Walking order: street, house number as a number, letter, addition.
WALKING_ORDER = (
    "household__unit__street",
    "household__unit__house_number",
    "household__unit__house_letter",
    "household__unit__house_number_addition",
    "id",
)


class RoundVisit(models.Model):
    """One household to visit in a round; ``contact`` is set once the visit is recorded.

    ``outcome`` is the last try's outcome and ``attempts`` counts the tries; ``closed`` is set by
    every outcome except "niet thuis" and "later terugkomen"."""

    round = models.ForeignKey(VisitRound, on_delete=models.CASCADE, related_name="visits")
    household = models.ForeignKey("register.Household", on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="round_visits",
        verbose_name=_("bezoeker"),
    )
    planned_date = models.DateField(_("gepland op"), null=True, blank=True)
    contact = models.OneToOneField(
        "contacts.ContactMoment", on_delete=models.SET_NULL, null=True, blank=True, related_name="round_visit"
    )
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=VisitOutcome.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    closed = models.BooleanField(_("afgerond"), default=False)

    class Meta:
        ordering = ["round", *WALKING_ORDER]
        constraints = [models.UniqueConstraint(fields=["round", "household"], name="round_visit_unique")]
        indexes = [models.Index(fields=["assignee", "planned_date"], name="round_visit_assignee_date")]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.household_id}"

    @property
    def done(self) -> bool:
        return self.closed

    @property
    def retry(self) -> bool:
        """Tried before and back in the round for another try."""
        return not self.closed and self.attempts > 0
