"""Cases (zaken): the processes of the association, each with a VERA status workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontlijn.lib import vera
from frontlijn.lib.models import VeraModel


class CaseType(models.TextChoices):
    REPARATIEVERZOEK = "reparatieverzoek", _("Reparatieverzoek")
    KLACHT = "klacht", _("Klacht")
    OVERLASTMELDING = "overlastmelding", _("Overlastmelding")
    INKOMENSCONTROLE = "inkomenscontrole", _("Inkomenscontrole")
    VERHUUR = "verhuur", _("Verhuur")


# VERA ONDERHOUDSVERZOEKSTATUS for repair requests, ZAAKSTATUSSOORT for every other case.
REPAIR_STATUSES = ["REG", "BEO", "INB", "TEC", "AFG", "GEA"]
CASE_STATUSES = ["AAN", "INB", "INU", "AFG", "GES", "GEA"]

# Allowed transitions (from -> to). Closing states have no way out except re-opening an
# AFG repair that was not fixed (back to INB), which front staff asked for.
WORKFLOWS: dict[str, dict[str, list[str]]] = {
    "repair": {
        "REG": ["BEO", "INB", "GEA"],
        "BEO": ["INB", "GEA"],
        "INB": ["TEC", "GEA"],
        "TEC": ["AFG", "INB"],
        "AFG": ["INB"],
        "GEA": [],
    },
    "case": {
        "AAN": ["INB", "GEA"],
        "INB": ["INU", "AFG", "GEA"],
        "INU": ["AFG", "INB", "GEA"],
        "AFG": ["GES", "INB"],
        "GES": [],
        "GEA": [],
    },
}
CLOSED_STATUSES = {"AFG", "GES", "GEA"}
# Status names in one mapping: the repair list and the general list share most codes.
STATUS_NAMES = {c.code: c.label for c in vera.codes("ZAAKSTATUSSOORT")} | {
    c.code: c.label for c in vera.codes("ONDERHOUDSVERZOEKSTATUS")
}
STATUS_CHOICES = sorted(STATUS_NAMES.items())
DETAIL_CHOICES = [("", "—")] + [(c.code, c.label) for c in vera.codes("ZAAKTYPEDETAILSOORT")]
# Which VERA detail types (ZAAKTYPEDETAILSOORT, each under a ZAAKTYPESOORT) belong to which
# Frontlijn case type. A repair request has none: VERA has no detail types for repairs.
DETAIL_PARENTS: dict[str, tuple[str, ...]] = {
    CaseType.REPARATIEVERZOEK: (),
    CaseType.KLACHT: ("ZAAKTYPESOORT.ORG",),  # complaint about the organisation
    CaseType.OVERLASTMELDING: ("ZAAKTYPESOORT.SOC", "ZAAKTYPESOORT.OMG"),  # social and surroundings
    CaseType.INKOMENSCONTROLE: ("ZAAKTYPESOORT.FIN",),  # financial: the rent increase
    CaseType.VERHUUR: ("ZAAKTYPESOORT.WOO",),  # tenancy fraud: illegal occupation, business use
}


def detail_codes_for(case_type: str) -> list[tuple[str, str]]:
    """(code, name) of the detail types that belong to ``case_type``, in VERA order."""
    parents = DETAIL_PARENTS.get(case_type, ())
    return [(c.code, c.label) for c in vera.codes("ZAAKTYPEDETAILSOORT") if c.parent in parents]


def detail_mismatch_message(case_type: str) -> str:
    """The Dutch message for a detail type that does not belong to the case type."""
    from django.utils.translation import gettext

    label = CaseType(case_type).label if case_type in CaseType.values else case_type
    if not detail_codes_for(case_type):
        return gettext("Een %(type)s heeft geen detailsoort; laat dit veld leeg.") % {"type": str(label).lower()}
    return gettext("Deze detailsoort hoort niet bij een %(type)s; kies er een uit de lijst van die soort zaak.") % {
        "type": str(label).lower()
    }


def detail_type_choices() -> list:
    """Choices grouped by case type (an optgroup per type that has detail types)."""
    groups = [(label, detail_codes_for(value)) for value, label in CaseType.choices]
    return [("", "—")] + [(label, options) for label, options in groups if options]


# Default lead time in days per type (VERA Zaaktype.doorlooptijd), used for the target date.
DEFAULT_LEAD_DAYS: dict[str, int] = {
    CaseType.REPARATIEVERZOEK: 14,
    CaseType.KLACHT: 10,
    CaseType.OVERLASTMELDING: 28,
    CaseType.INKOMENSCONTROLE: 30,
    CaseType.VERHUUR: 42,
}


def workflow_for(case_type: str) -> dict[str, list[str]]:
    return WORKFLOWS["repair" if case_type == CaseType.REPARATIEVERZOEK else "case"]


def initial_status(case_type: str) -> str:
    return "REG" if case_type == CaseType.REPARATIEVERZOEK else "AAN"


class Case(VeraModel):
    """A case (VERA Zaak; a repair request is a VERA Onderhoudsverzoek)."""

    case_type = models.CharField(_("soort zaak"), max_length=24, choices=CaseType.choices)
    detail_type = models.CharField(_("detailsoort"), max_length=4, choices=DETAIL_CHOICES, blank=True)
    status = models.CharField(_("status"), max_length=3, choices=STATUS_CHOICES, db_index=True)
    description = models.TextField(_("omschrijving"))
    household = models.ForeignKey(
        "register.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("huishouden"),
        db_index=False,  # case_household_date (household, -registered_on) serves every lookup by household
    )
    unit = models.ForeignKey("register.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name=_("eenheid"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("behandelaar"),
    )
    assignee_team = models.ForeignKey(
        "teams.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("team"),
    )
    registered_on = models.DateField(_("registratiedatum"), db_index=True)
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_cases",
        verbose_name=_("geregistreerd door"),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        indexes = [
            models.Index(fields=["household", "-registered_on"], name="case_household_date"),
            # "My open cases" (home page): the few open cases of an assignee among ten years of closed ones.
            models.Index(
                fields=["assignee", "target_date"],
                condition=~models.Q(status__in=sorted(CLOSED_STATUSES)),
                name="case_open_assignee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()} #{self.pk}"

    @property
    def status_name(self) -> str:
        return str(STATUS_NAMES.get(self.status, self.status))  # in the active language

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def allowed_next_statuses(self) -> list[str]:
        return workflow_for(self.case_type).get(self.status, [])


class CaseStatusChange(models.Model):
    """One step of a case's status history (VERA Zaakstatus)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=3, blank=True)
    to_status = models.CharField(max_length=3)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"

    @property
    def to_status_name(self) -> str:
        return str(STATUS_NAMES.get(self.to_status, self.to_status))
