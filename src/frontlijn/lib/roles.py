"""The staff roles: a code list that staff (``teams.User.role``) and the role -> capability table
(``privacy/capabilities.py``) both read, so it sits below both."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
