"""Writes for single sign-on: create or update the Frontlijn account at each SSO login."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from frontlijn.lib import clock
from frontlijn.sso.claims import Rights, SsoRefused, claim_values
from frontlijn.sso.models import SsoIdentity

logger = logging.getLogger(__name__)


def _username_from(claims: dict, username_claim: str) -> str:
    username = str(claims.get(username_claim) or claims.get("email") or "").strip()
    if not username:
        raise SsoRefused(
            "no-username",
            _(
                "De identiteitsprovider stuurde geen gebruikersnaam of e-mailadres mee. "
                "Meld dit bij de functioneel beheerder."
            ),
        )
    return username[:150]


@transaction.atomic
def sso_user_sync(*, issuer: str, claims: dict, rights: Rights, username_claim: str):
    """The account for ``issuer`` + ``sub``: found, linked to a local account of the same
    username, or created; then its name, e-mail, role and (when mapped) teams follow the claims.

    A linked local account loses its password: from then on it logs in through the provider only,
    so rights removed there cannot be kept through the password form. Superusers are never linked.
    """
    from frontlijn.teams.models import Team

    User = get_user_model()
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SsoRefused(
            "no-sub", _("De identiteitsprovider stuurde geen kenmerk (sub) mee. Meld dit bij de functioneel beheerder.")
        )
    now = clock.now()
    identity = (
        SsoIdentity.objects.select_related("user").select_for_update().filter(issuer=issuer, subject=subject).first()
    )
    if identity is not None:
        user = identity.user
    else:
        username = _username_from(claims, username_claim)
        found = User.objects.filter(username__iexact=username).first()
        if found is not None:
            user = found
            if user.is_superuser or SsoIdentity.objects.filter(user=user).exists():
                raise SsoRefused(
                    "link-refused",
                    _(
                        "Er bestaat al een ander Frontlijn-account met deze gebruikersnaam. "
                        "Meld dit bij de functioneel beheerder."
                    ),
                )
            user.set_unusable_password()
        else:
            user = User(username=username)
            user.set_unusable_password()
        user.save()
        identity = SsoIdentity(user=user, issuer=issuer, subject=subject, first_login_at=now, last_login_at=now)
    if not user.is_active:
        raise SsoRefused(
            "inactive",
            _(
                "Je Frontlijn-account is uitgeschakeld. "
                "Neem contact op met de functioneel beheerder als dit niet klopt."
            ),
        )
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    if not claims.get("given_name") and not claims.get("family_name") and claims.get("name"):
        user.first_name = str(claims["name"])[:150]
    user.email = str(claims.get("email") or user.email)[:254]
    user.role = rights.role
    user.save()
    if rights.manages_teams:
        teams = list(Team.objects.filter(name__in=rights.team_names))
        unknown = sorted(set(rights.team_names) - {team.name for team in teams})
        if unknown:
            logger.warning("OIDC_TEAM_MAP names teams that do not exist: %s", ", ".join(unknown))
        user.teams.set(teams)
    identity.last_login_at = now
    identity.last_claim_values = claim_values(claims)[:200]
    identity.save()
    return user
