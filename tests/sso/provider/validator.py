"""The claims of the test provider: groups from Django groups, like a directory would send them.

Users of the provider carry two marker groups that stand for what a real directory knows:
``_mfa`` (the user logged in with a second factor: ``amr`` holds ``mfa``) and ``_overage`` (the user
is in more groups than fit in a token: the ``groups`` claim is left out and pointed to elsewhere,
exactly as Microsoft Entra ID does past 200 groups).
"""

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request):
        user = request.user
        names = list(user.groups.order_by("name").values_list("name", flat=True))
        claims = {
            "preferred_username": user.username,
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "amr": ["pwd", "mfa"] if "_mfa" in names else ["pwd"],
        }
        groups = [name for name in names if not name.startswith("_")]
        if "_overage" in names:
            claims["_claim_names"] = {"groups": "src1"}
            claims["_claim_sources"] = {
                "src1": {"endpoint": f"https://graph.example/v1.0/users/{user.pk}/getMemberObjects"}
            }
        else:
            claims["groups"] = groups
        return claims
