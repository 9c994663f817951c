"""The rules from claims to rights (frontlijn.sso.claims), for the cases a provider can send."""

import pytest

from frontlijn.sso.claims import SsoRefused, check_mfa, mfa_shown, rights_from_claims


@pytest.fixture(autouse=True)
def maps(settings):
    settings.OIDC_GROUP_CLAIMS = ["groups", "roles"]
    settings.OIDC_ROLE_MAP = {"Frontlijn.Beheer": "beheerder", "grp-wijk": "wijkbeheerder", "Frontlijn.Kcc": "kcc"}
    settings.OIDC_TEAM_MAP = {"grp-noord": "Team Noord"}
    settings.OIDC_DEFAULT_ROLE = ""
    settings.OIDC_MFA_AMR_VALUES = ["mfa"]
    settings.OIDC_MFA_ACR_VALUES = ["urn:example:loa:substantial"]


def test_the_first_role_of_the_map_that_the_user_has_wins():
    rights = rights_from_claims({"groups": ["grp-wijk", "grp-noord"], "roles": ["Frontlijn.Beheer"]})
    assert rights.role == "beheerder" and rights.team_names == ["Team Noord"] and rights.manages_teams


def test_app_roles_alone_are_enough(settings):
    assert rights_from_claims({"roles": "Frontlijn.Kcc"}).role == "kcc"


def test_without_a_mapped_value_the_default_role_or_a_refusal(settings):
    with pytest.raises(SsoRefused) as refused:
        rights_from_claims({"groups": ["fietsclub"]})
    assert refused.value.code == "no-role"
    settings.OIDC_DEFAULT_ROLE = "vakman"
    assert rights_from_claims({"groups": ["fietsclub"]}).role == "vakman"


@pytest.mark.parametrize(
    "claims",
    [
        {"_claim_names": {"groups": "src1"}, "_claim_sources": {"src1": {"endpoint": "https://graph"}}},
        {"hasgroups": True},
    ],
)
def test_entra_group_overage_is_refused(claims):
    with pytest.raises(SsoRefused) as refused:
        rights_from_claims({**claims, "roles": ["Frontlijn.Beheer"]})
    assert refused.value.code == "overage"


def test_overage_of_a_claim_frontlijn_does_not_read_is_no_reason_to_refuse(settings):
    settings.OIDC_GROUP_CLAIMS = ["roles"]  # Entra with app roles, as docs/sso.md advises
    settings.OIDC_TEAM_MAP = {}
    assert rights_from_claims({"hasgroups": True, "roles": ["Frontlijn.Kcc"]}).role == "kcc"


def test_mfa_is_read_from_amr_or_acr():
    assert mfa_shown({"amr": ["pwd", "mfa"]})
    assert mfa_shown({"acr": "urn:example:loa:substantial"})
    assert not mfa_shown({"amr": ["pwd"], "acr": "urn:example:loa:low"})
    assert not mfa_shown({})


def test_mfa_modes(settings):
    settings.FRONTLIJN_TWO_FACTOR_ROLES = ["beheerder"]
    settings.OIDC_REQUIRE_MFA = "roles"
    check_mfa({"amr": ["pwd"]}, role="wijkbeheerder")
    with pytest.raises(SsoRefused):
        check_mfa({"amr": ["pwd"]}, role="beheerder")
    with pytest.raises(SsoRefused):
        check_mfa({"amr": ["pwd"]}, role="wijkbeheerder", is_privacy_officer=True)
    settings.OIDC_REQUIRE_MFA = "none"
    check_mfa({}, role="beheerder")
