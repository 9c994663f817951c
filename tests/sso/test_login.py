"""Single sign-on end to end against a real OpenID Connect provider (tests/sso/provider).

The user's browser goes from Frontlijn to the provider's login page and back; Frontlijn redeems
the code at the provider's token endpoint, checks the ID token against its JWKS and reads the
groups the provider sends. Role and teams follow the groups at every login.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client

from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.sso.models import SsoIdentity
from frontlijn.teams.models import Role
from tests import factories as f
from tests.sso.browsing import TwoServerBrowser

pytestmark = pytest.mark.django_db

WIJK = ["frontlijn-wijkbeheer"]


@pytest.fixture
def teams():
    return {"noord": f.TeamFactory(name="Team Noord"), "zuid": f.TeamFactory(name="Team Zuid")}


@pytest.fixture
def browser(sso_settings, oidc_provider):
    return TwoServerBrowser(Client(), oidc_provider)


def _logged_in_user(browser):
    """Who Frontlijn takes this browser for, asked the way every page asks (not the raw session)."""
    user = browser.client.get("/inbox/").wsgi_request.user
    return get_user_model().objects.get(pk=user.pk) if user.is_authenticated else None


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_a_provider_user_with_group_claims_lands_with_the_mapped_role_and_team(browser, oidc_provider, teams):
    oidc_provider.user("anouk", groups=[*WIJK, "team-noord", "fietsclub"])

    response = browser.sso_login("anouk")

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/"  # the home page, logged in
    user = _logged_in_user(browser)
    assert user.username == "anouk" and user.email == "anouk@corporatie.test"
    assert user.role == Role.WIJKBEHEERDER
    assert list(user.teams.all()) == [teams["noord"]]
    assert not user.has_usable_password()  # only the provider lets this account in
    identity = SsoIdentity.objects.get(user=user)
    assert identity.issuer == oidc_provider.issuer
    assert "fietsclub" in identity.last_claim_values
    assert browser.visited[1].startswith(oidc_provider.discovery["authorization_endpoint"])
    event = AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=user).get()
    assert event.detail == {"method": "sso"}


def test_a_removed_group_takes_the_rights_away_at_the_next_login(browser, oidc_provider, teams, settings):
    settings.OIDC_REQUIRE_MFA = "none"
    oidc_provider.user("bram", groups=["frontlijn-beheer", *WIJK, "team-noord", "team-zuid"])
    browser.sso_login("bram")
    user = _logged_in_user(browser)
    assert user.role == Role.BEHEERDER
    assert set(user.teams.all()) == {teams["noord"], teams["zuid"]}

    browser.go("http://testserver/accounts/logout/", method="post")
    oidc_provider.user("bram", groups=[*WIJK, "team-zuid"])  # the directory drops two groups
    browser.sso_login("bram")

    user = _logged_in_user(browser)
    assert user is not None and user.username == "bram"
    assert user.role == Role.WIJKBEHEERDER
    assert list(user.teams.all()) == [teams["zuid"]]
    assert get_user_model().objects.filter(username="bram").count() == 1  # updated, not created twice

    browser.go("http://testserver/accounts/logout/", method="post")
    oidc_provider.user("bram", groups=["team-zuid"])  # no Frontlijn role left at all
    response = browser.sso_login("bram")
    assert _logged_in_user(browser) is None
    assert "geen rol in Frontlijn" in _messages(response)


def test_a_deactivated_user_is_refused_and_loses_a_running_session(browser, oidc_provider, teams):
    oidc_provider.user("carla", groups=WIJK)
    browser.sso_login("carla")
    user = _logged_in_user(browser)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)

    response = browser.client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

    response = browser.sso_login("carla")
    assert _logged_in_user(browser) is None
    assert "uitgeschakeld" in _messages(response)
    refused = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).first()
    assert refused.detail == {"method": "sso", "reason": "inactive"}
    # The refusal also ended the provider session: the next try asks for the password again.
    assert browser.provider_asks_for_password()


def test_a_user_deactivated_at_the_provider_gets_no_further_than_its_login_page(browser, oidc_provider):
    oidc_provider.user("daan", groups=WIJK, active=False)
    response = browser.sso_login("daan")
    assert 'name="password"' in response.text  # still the provider's login form
    assert _logged_in_user(browser) is None
    assert not get_user_model().objects.filter(username="daan").exists()


def test_logout_also_ends_the_session_at_the_provider(browser, oidc_provider):
    oidc_provider.user("eva", groups=WIJK)
    browser.sso_login("eva")
    assert _logged_in_user(browser) is not None

    response = browser.go("http://testserver/accounts/logout/", method="post")

    assert _logged_in_user(browser) is None
    assert any(url.startswith(oidc_provider.discovery["end_session_endpoint"]) for url in browser.visited)
    assert response.status_code == 200 and response.request["PATH_INFO"] == "/accounts/login/"
    assert browser.provider_asks_for_password()


def test_group_overage_is_refused_with_a_clear_message_not_silently_without_rights(browser, oidc_provider):
    oidc_provider.user("femke", groups=[*WIJK, "_overage"])
    response = browser.sso_login("femke")
    assert _logged_in_user(browser) is None
    assert "app-rollen" in _messages(response)
    assert not get_user_model().objects.filter(username="femke").exists()


def test_a_role_that_needs_a_second_factor_needs_it_from_the_provider(browser, oidc_provider):
    oidc_provider.user("gijs", groups=["frontlijn-beheer"])  # password only at the provider
    response = browser.sso_login("gijs")
    assert _logged_in_user(browser) is None
    assert "tweede stap" in _messages(response)

    oidc_provider.user("gijs", groups=["frontlijn-beheer", "_mfa"])  # now with the provider's MFA
    response = browser.sso_login("gijs")
    user = _logged_in_user(browser)
    assert user is not None and user.role == Role.BEHEERDER
    # The provider's second factor counts: no local authenticator step for SSO users.
    assert "/accounts/login/tweestaps/" not in browser.visited[-1]
    assert response.request["PATH_INFO"] == "/"


def test_front_roles_need_no_provider_mfa_unless_configured(browser, oidc_provider, settings):
    oidc_provider.user("hanna", groups=WIJK)
    settings.OIDC_REQUIRE_MFA = "all"
    response = browser.sso_login("hanna")
    assert _logged_in_user(browser) is None and "tweede stap" in _messages(response)
    settings.OIDC_REQUIRE_MFA = "roles"
    browser.sso_login("hanna")
    assert _logged_in_user(browser).role == Role.WIJKBEHEERDER


def test_an_sso_session_ends_after_the_maximum_session_age(browser, oidc_provider):
    oidc_provider.user("ilse", groups=WIJK)
    browser.sso_login("ilse")
    session = browser.client.session
    session["frontlijn_sso"] = {**session["frontlijn_sso"], "at": session["frontlijn_sso"]["at"] - 8 * 3600 - 1}
    session.save()

    response = browser.client.get("/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert _logged_in_user(browser) is None


def test_an_existing_local_account_is_linked_and_loses_its_password(browser, oidc_provider):
    local = f.UserFactory(username="joost", role=Role.HUISMEESTER)
    oidc_provider.user("joost", groups=WIJK)
    browser.sso_login("joost")
    local.refresh_from_db()
    assert _logged_in_user(browser) == local and local.role == Role.WIJKBEHEERDER
    assert not local.has_usable_password()


def test_a_token_from_another_issuer_is_refused(browser, oidc_provider, settings):
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:1/elders"
    oidc_provider.user("karin", groups=WIJK)
    response = browser.sso_login("karin")
    assert response.status_code == 200
    assert _logged_in_user(browser) is None
    assert "mislukt" in _messages(response)


def test_local_accounts_keep_logging_in_with_a_password_next_to_sso(sso_settings):
    user = f.UserFactory(role=Role.WIJKBEHEERDER)
    client = Client()
    page = client.get("/accounts/login/")
    assert "Inloggen met je organisatieaccount" in page.content.decode()
    response = client.post("/accounts/login/", {"username": user.username, "password": "geheim-wachtwoord-1"})
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(user.pk)


def test_counter_staff_get_the_short_shared_device_session_through_sso_too(browser, oidc_provider, settings):
    settings.OIDC_ROLE_MAP = {"frontlijn-balie": "baliemedewerker"}
    oidc_provider.user("mila", groups=["frontlijn-balie"])
    browser.sso_login("mila")
    assert _logged_in_user(browser).role == Role.BALIEMEDEWERKER
    assert browser.client.session.get_expiry_age() == settings.FRONTLIJN_SHARED_DEVICE_IDLE_SECONDS


def test_sso_is_off_by_default_the_demo_uses_local_accounts(settings):
    assert settings.OIDC_ENABLED is False
    client = Client()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "organisatieaccount" not in client.get("/accounts/login/").content.decode()
