"""From an OpenID Connect provider's claims to Frontlijn rights: role, teams and the second factor.

Pure functions over the claims dictionary (ID token merged with userinfo) and the settings, so
the rules are the same wherever they are applied. A refusal raises :class:`SsoRefused` with the
Dutch message the user sees on the login page and a short code for the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from frontlijn.teams.models import Role


class SsoRefused(Exception):
    """The provider vouched for the user, but Frontlijn does not let them in."""

    def __init__(self, code: str, message) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Rights:
    role: str
    team_names: list[str] = field(default_factory=list)
    manages_teams: bool = False


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple | set):
        return [str(item) for item in value]
    return [str(value)]


def claim_values(claims: dict, names: list[str] | None = None) -> list[str]:
    """Every value of the configured group/role claims (``groups``, ``roles``, ...), in order."""
    values: list[str] = []
    for name in names if names is not None else settings.OIDC_GROUP_CLAIMS:
        for value in _as_list(claims.get(name)):
            if value not in values:
                values.append(value)
    return values


def overage_claims(claims: dict, names: list[str] | None = None) -> list[str]:
    """The configured claims the provider left out because there were too many values.

    Microsoft Entra ID leaves ``groups`` out of the token past ~200 groups and points to Graph
    instead: ``_claim_names: {"groups": "src1"}`` (and ``hasgroups: true`` in the implicit flow).
    """
    pointed = claims.get("_claim_names") or {}
    missing = []
    for name in names if names is not None else settings.OIDC_GROUP_CLAIMS:
        if name in claims:
            continue
        if (isinstance(pointed, dict) and name in pointed) or (name == "groups" and claims.get("hasgroups")):
            missing.append(name)
    return missing


def rights_from_claims(claims: dict) -> Rights:
    """The role and teams the claims give, by OIDC_ROLE_MAP and OIDC_TEAM_MAP.

    The first entry of OIDC_ROLE_MAP whose claim value the user has decides the role (list the
    most specific first); without a match OIDC_DEFAULT_ROLE applies, and without that the user is
    refused. With OIDC_TEAM_MAP set, the user's teams are exactly the mapped ones.
    """
    overage = overage_claims(claims)
    if overage:
        raise SsoRefused(
            "overage",
            _(
                "Je bent lid van zo veel groepen dat de identiteitsprovider ze niet meestuurt. Frontlijn kan "
                "je rechten daardoor niet bepalen en laat je niet binnen. Vraag de beheerder om Frontlijn "
                "app-rollen te gebruiken in plaats van groepen (zie de handleiding single sign-on)."
            ),
        )
    values = set(claim_values(claims))
    role = ""
    for value, mapped_role in settings.OIDC_ROLE_MAP.items():
        if value in values:
            role = mapped_role
            break
    role = role or settings.OIDC_DEFAULT_ROLE
    if not role:
        raise SsoRefused(
            "no-role",
            _(
                "Je account bij de identiteitsprovider heeft geen rol in Frontlijn. Vraag je leidinggevende "
                "of de functioneel beheerder om je aan de juiste groep toe te voegen."
            ),
        )
    if role not in Role.values:
        raise SsoRefused(
            "bad-role",
            _("De rol uit de identiteitsprovider bestaat niet in Frontlijn. Meld dit bij de functioneel beheerder."),
        )
    team_map = settings.OIDC_TEAM_MAP
    teams: list[str] = []
    for value, team in team_map.items():
        if value in values and team not in teams:
            teams.append(team)
    return Rights(role=role, team_names=teams, manages_teams=bool(team_map))


def mfa_shown(claims: dict) -> bool:
    """Whether the provider says the user logged in with more than one factor (``amr``/``acr``)."""
    amr = set(_as_list(claims.get("amr")))
    if amr & set(settings.OIDC_MFA_AMR_VALUES):
        return True
    acr = claims.get("acr")
    return bool(acr) and str(acr) in settings.OIDC_MFA_ACR_VALUES


def mfa_required(*, role: str, is_privacy_officer: bool = False) -> bool:
    """OIDC_REQUIRE_MFA: ``all`` SSO users, ``roles`` (the roles that need a second factor locally,
    FRONTLIJN_TWO_FACTOR_ROLES, and privacy officers) or ``none`` (the provider enforces it itself,
    e.g. Entra Conditional Access)."""
    mode = settings.OIDC_REQUIRE_MFA
    if mode == "all":
        return True
    if mode == "roles":
        return role in settings.FRONTLIJN_TWO_FACTOR_ROLES or is_privacy_officer
    return False


def check_mfa(claims: dict, *, role: str, is_privacy_officer: bool = False) -> None:
    if mfa_required(role=role, is_privacy_officer=is_privacy_officer) and not mfa_shown(claims):
        raise SsoRefused(
            "no-mfa",
            _(
                "Je rol in Frontlijn vraagt om inloggen met een tweede stap (bijvoorbeeld de Authenticator-app), "
                "maar de identiteitsprovider meldt dat je alleen met je wachtwoord bent ingelogd. Log uit bij "
                "je organisatieaccount en log opnieuw in met de tweede stap."
            ),
        )
