"""Contact moments (contactmomenten) and promises (afspraken).

A contact moment has a process part (what was handled) and a separate beyond-the-process part:
how the resident is doing, what else is going on, what they asked that was not the case itself.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontlijn.lib import clock, vera
from frontlijn.lib.models import VeraModel

CHANNEL_CHOICES = [(c.code, c.label) for c in vera.codes("COMMUNICATIEKANAAL")] + [
    (code, vera.label("COMMUNICATIEKANAAL", code)) for code in vera.EXTENSIONS["COMMUNICATIEKANAAL"]
]
# Order staff see in the form: most used first.
CHANNEL_ORDER = ["TEL", "BEZ", "STR", "BAL", "EMA", "APP", "BRI", "SMS", "INT", "INS"]


class Direction(models.TextChoices):
    INCOMING = "INK", _("Inkomend")
    OUTGOING = "UIT", _("Uitgaand")
    PROACTIVE = "PRO", _("Proactief")


class BeyondTag(models.TextChoices):
    """Quick tags for the beyond-the-process part."""

    WELLBEING = "welzijn", _("Hoe het gaat")
    LONELINESS = "eenzaamheid", _("Eenzaamheid")
    MONEY = "geldzorgen", _("Geldzorgen")
    HEALTH = "gezondheid", _("Gezondheid en zorg")
    NEIGHBOURS = "buren", _("Buren en buurt")
    HOUSING_WISH = "woonwens", _("Woonwens")
    HOME = "woning", _("De woning")
    IDEA = "idee", _("Idee of initiatief")
    OTHER_QUESTION = "andere-vraag", _("Andere vraag")


class ContactMoment(VeraModel):
    """A contact moment (VERA Contactmoment) with Frontlijn's beyond-the-process part."""

    channel = models.CharField(_("kanaal"), max_length=3, choices=CHANNEL_CHOICES)
    direction = models.CharField(_("richting"), max_length=3, choices=Direction.choices, default=Direction.INCOMING)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contact_moments",
        verbose_name=_("medewerker"),
        db_index=False,  # contact_staff_date (staff, -occurred_at) serves every lookup by staff
    )
    household = models.ForeignKey(
        "register.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("huishouden"),
        db_index=False,  # contact_household_date (household, -occurred_at) serves every lookup by household
    )
    unit = models.ForeignKey(
        "register.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("eenheid"),
    )
    home_seeker = models.ForeignKey(
        "register.HomeSeeker",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("woningzoekende"),
        db_index=False,  # partial index contact_home_seeker below: most contact moments have none
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_moments",
        verbose_name=_("zaak"),
        db_index=False,  # partial index contact_case below: most contact moments have none
    )
    occurred_at = models.DateTimeField(_("datum en tijd"), db_index=True)
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"))
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True)
    process_note = models.TextField(_("wat is afgehandeld"), blank=True)
    beyond_note = models.TextField(_("verder dan het proces"), blank=True)
    beyond_tags = models.JSONField(_("labels"), default=list, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        indexes = [
            models.Index(fields=["household", "-occurred_at"], name="contact_household_date"),
            models.Index(fields=["staff", "-occurred_at"], name="contact_staff_date"),
            # Most contact moments belong to no case and no home seeker: an index of only the rows
            # that do costs an import nothing for the others (docs/BENCHMARKS.md, "Imports").
            models.Index(fields=["case"], name="contact_case", condition=models.Q(case__isnull=False)),
            models.Index(
                fields=["home_seeker"], name="contact_home_seeker", condition=models.Q(home_seeker__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.occurred_at:%d-%m-%Y}"

    @property
    def has_beyond(self) -> bool:
        return bool(self.beyond_note.strip() or self.beyond_tags)

    def beyond_tag_labels(self) -> list[str]:
        labels = dict(BeyondTag.choices)
        return [str(labels.get(t, t)) for t in self.beyond_tags]


class PromiseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    KEPT = "nagekomen", _("Nagekomen")
    CANCELLED = "vervallen", _("Vervallen")


class PromiseKind(models.TextChoices):
    CALL_BACK = "terugbellen", _("Terugbellen")
    VISIT = "langskomen", _("Langskomen")
    ARRANGE = "regelen", _("Iets regelen of uitzoeken")
    OTHER = "anders", _("Anders")


class Promise(VeraModel):
    """A promise made to a resident (VERA Afspraak): "ik bel u donderdag terug"."""

    contact_moment = models.ForeignKey(
        ContactMoment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("contactmoment"),
    )
    household = models.ForeignKey(
        "register.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("huishouden"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=PromiseKind.choices, default=PromiseKind.CALL_BACK)
    description = models.CharField(_("wat is beloofd"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="promises", verbose_name=_("eigenaar")
    )
    due_date = models.DateField(_("uiterlijk op"), db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=PromiseStatus.choices, default=PromiseStatus.OPEN)
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        indexes = [models.Index(fields=["owner", "status", "due_date"], name="promise_owner_open")]

    def __str__(self) -> str:
        return self.description

    @property
    def kept_on_time(self) -> bool | None:
        if self.status != PromiseStatus.KEPT or not self.done_at:
            return None
        return clock.localdate(self.done_at) <= self.due_date
