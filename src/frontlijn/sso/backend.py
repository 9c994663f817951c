"""The OpenID Connect authentication backend (mozilla-django-oidc), Frontlijn's rules on top.

Beyond the library's checks (signature by the provider's JWKS, nonce, PKCE, expiry) the ID token's
issuer and audience are checked. The claims used are the ID token's, completed by the userinfo
endpoint when one is configured (Entra ID puts ``groups``, ``roles`` and ``amr`` in the ID token,
not in userinfo). A refusal is kept on the request for the callback view to show.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from frontlijn.sso import claims as sso_claims
from frontlijn.sso import services
from frontlijn.sso.claims import SsoRefused

logger = logging.getLogger(__name__)

REFUSAL_ATTR = "frontlijn_sso_refusal"
CLAIMS_ATTR = "frontlijn_sso_claims"


class FrontlijnOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        issuer = settings.OIDC_OP_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token issuer does not match OIDC_OP_ISSUER")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if "nonce" in kwargs and self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience is not this client")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        merged = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") not in (None, payload.get("sub")):
                raise SuspiciousOperation("userinfo sub differs from the ID token's")
            # The ID token keeps its protocol claims (amr, acr, auth_time); userinfo adds the rest.
            for key, value in userinfo.items():
                merged.setdefault(key, value)
        return merged

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("Claims verification failed")
        try:
            rights = sso_claims.rights_from_claims(claims)
            user = services.sso_user_sync(
                issuer=str(payload.get("iss") or settings.OIDC_OP_ISSUER),
                claims=claims,
                rights=rights,
                username_claim=settings.OIDC_USERNAME_CLAIM,
            )
            strict = user.is_superuser or user.has_perm("privacy.privacy_officer")
            sso_claims.check_mfa(claims, role=user.role, is_privacy_officer=strict)
        except SsoRefused as refusal:
            setattr(self.request, REFUSAL_ATTR, refusal)
            setattr(self.request, CLAIMS_ATTR, claims)
            return None
        setattr(self.request, CLAIMS_ATTR, claims)
        return user

    def get_user(self, user_id):
        # The library's get_user skips Django's is_active check: a user deactivated during a
        # session must lose it at the next request, as with the password backend.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
