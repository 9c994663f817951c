"""Single sign-on in Chromium on a phone: Frontlijn's button, the provider's own login page, back
with the mapped role and team; logout ends the provider session too. No CSP violation on the way
(the logout form's redirect to the provider is allowed by form-action)."""

from __future__ import annotations

import re

import pytest

from frontlijn.teams.models import Role, User
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLIENT_ID = "frontlijn-browser"
SECRET = "frontlijn-browser-secret-0123456789"


def test_sso_login_and_logout_in_a_phone_browser(
    phone_page, live_server, sso_settings, oidc_provider, assert_accessible
):
    oidc_provider.cli(
        "client", CLIENT_ID, SECRET, f"{live_server.url}/oidc/callback/", f"{live_server.url}/accounts/login/"
    )
    sso_settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    sso_settings.OIDC_RP_CLIENT_SECRET = SECRET
    sso_settings.OIDC_PROVIDER_NAME = "Testprovider"
    team = f.TeamFactory(name="Team Noord")
    oidc_provider.user("lotte", groups=["frontlijn-wijkbeheer", "team-noord"])

    page = phone_page
    # The page may talk to the provider as well as to the live server (the fixture blocks the rest).
    page.route(re.compile(re.escape(oidc_provider.url) + ".*"), lambda route: route.continue_())
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met je organisatieaccount (Testprovider)").click()
    page.wait_for_url(f"{oidc_provider.url}/login/**")
    page.get_by_label("Username").fill("lotte")
    page.get_by_label("Password").fill("provider-pass-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("Ingelogd als Lotte Test").is_visible()
    user = User.objects.get(username="lotte")
    assert user.role == Role.WIJKBEHEERDER and list(user.teams.all()) == [team]

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    # The provider session is gone too: signing in again asks for the password at the provider.
    page.get_by_role("link", name="Inloggen met je organisatieaccount (Testprovider)").click()
    page.wait_for_url(f"{oidc_provider.url}/login/**")
    assert not csp_errors, csp_errors
