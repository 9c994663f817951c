"""Staff (medewerkers) and teams (organisatorische eenheden)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.models import VeraModel


class Role(models.TextChoices):
    """A staff member's role. The first eight are the front roles of the source text."""

    WIJKBEHEERDER = "wijkbeheerder", _("Wijkbeheerder")
    HUISMEESTER = "huismeester", _("Huismeester")
    WOONCONSULENT = "woonconsulent", _("Woonconsulent")
    OPZICHTER = "opzichter", _("Opzichter")
    VERHUURMEDEWERKER = "verhuurmedewerker", _("Verhuurmedewerker")
    BALIEMEDEWERKER = "baliemedewerker", _("Baliemedewerker")
    KCC_MEDEWERKER = "kcc", _("KCC-medewerker")
    VAKMAN = "vakman", _("Vakman")
    TEAMLEIDER = "teamleider", _("Teamleider")
    PLANEIGENAAR = "planeigenaar", _("Adviseur / projectleider")
    MANAGER = "manager", _("Manager / bestuurder")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


FRONT_ROLES = frozenset(
    {
        Role.WIJKBEHEERDER,
        Role.HUISMEESTER,
        Role.WOONCONSULENT,
        Role.OPZICHTER,
        Role.VERHUURMEDEWERKER,
        Role.BALIEMEDEWERKER,
        Role.KCC_MEDEWERKER,
        Role.VAKMAN,
    }
)
# Front roles that serve every resident of the association, not one area: the contact centre
# and the counter take whoever calls or walks in.
ORGANISATION_WIDE_FRONT_ROLES = frozenset({Role.BALIEMEDEWERKER, Role.KCC_MEDEWERKER})


class Team(VeraModel):
    """A team of staff covering neighbourhoods (wijken and/or buurten)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    wijken = models.ManyToManyField("register.Wijk", blank=True, related_name="teams", verbose_name=_("wijken"))
    buurten = models.ManyToManyField("register.Buurt", blank=True, related_name="teams", verbose_name=_("buurten"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member (VERA Medewerker)."""

    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, default=Role.WIJKBEHEERDER)
    teams = models.ManyToManyField(Team, blank=True, related_name="members", verbose_name=_("teams"))
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_front(self) -> bool:
        return self.role in FRONT_ROLES
