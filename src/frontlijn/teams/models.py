"""Staff (medewerkers) and teams (organisatorische eenheden)."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.models import VeraModel
from frontlijn.lib.roles import FRONT_ROLES, ORGANISATION_WIDE_FRONT_ROLES, Role


class WayOfWorking(models.TextChoices):
    """How a team organises its work (chosen by the team itself)."""

    WIJKGERICHT = "wijkgericht", _("Wijkgericht")
    FUNCTIEGERICHT = "functiegericht", _("Functiegericht")


class Team(VeraModel):
    """A team of staff covering neighbourhoods (wijken and/or buurten).

    The team chooses its own way of working, priorities (:class:`TeamPriority`) and target share
    of working hours for real contact; every change is recorded in :class:`TeamSettingChange`.
    """

    name = models.CharField(_("naam"), max_length=120, unique=True)
    wijken = models.ManyToManyField("register.Wijk", blank=True, related_name="teams", verbose_name=_("wijken"))
    buurten = models.ManyToManyField("register.Buurt", blank=True, related_name="teams", verbose_name=_("buurten"))
    way_of_working = models.CharField(
        _("werkwijze"), max_length=16, choices=WayOfWorking.choices, default=WayOfWorking.WIJKGERICHT
    )
    contact_target_percent = models.PositiveSmallIntegerField(
        _("doel tijd voor contact (%)"),
        default=30,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("werkuren per week"), default=36, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    # Optimistic lock of the team settings (way of working, contact target): frontlijn.lib.locking.
    version = models.PositiveIntegerField(_("versie"), default=1)

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

    # Not fields: per-request caches that frontlijn.privacy.scoping sets on the user object.
    _frontlijn_buurt_ids: frozenset[int]
    _frontlijn_beyond_households: set[int]

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_front(self) -> bool:
        return self.role in FRONT_ROLES


from frontlijn.teams.models_work import (  # noqa: E402  (models split over modules)
    Absence,
    CaseHandover,
    RoundVisit,
    TeamPriority,
    TeamSettingChange,
    VisitRound,
)

__all__ = [
    "FRONT_ROLES",
    "ORGANISATION_WIDE_FRONT_ROLES",
    "Absence",
    "CaseHandover",
    "Role",
    "RoundVisit",
    "Team",
    "TeamPriority",
    "TeamSettingChange",
    "User",
    "VisitRound",
    "WayOfWorking",
]
