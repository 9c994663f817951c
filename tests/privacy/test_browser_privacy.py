"""On a phone: the beheerder logs in with password and authenticator code and is shown the recovery
codes; a KCC colleague gives a reason before opening a household outside their work. The pages
pass axe and the CSP."""

import pyotp
import pytest

from frontlijn.privacy.models import AuditAction, AuditEvent, TOTPDevice
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord-1"


def test_two_factor_login_on_a_phone(phone_page, live_server, assert_accessible):
    user = f.UserFactory(username="beheer", role="beheerder")
    secret = pyotp.random_base32()
    TOTPDevice.objects.create(user=user, secret=secret)  # not yet confirmed: first login enrols
    page = phone_page
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("beheer")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/accounts/login/tweestaps/")
    assert page.get_by_text(secret, exact=True).is_visible()
    assert_accessible(page)
    page.get_by_label("Code uit je authenticator-app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Bevestigen").click()
    # Enrolled: the recovery codes, shown this once, then on to the home page.
    page.wait_for_url("**/accounts/herstelcodes/")
    assert page.locator(".recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_text("Ingelogd als").is_visible()
    assert not csp_errors, csp_errors


def test_kcc_gives_a_reason_on_a_phone(phone_page, live_server, login, assert_accessible):
    _own, team = f.area()
    other = f.BuurtFactory()
    household = f.HouseholdFactory(name="Familie Yilmaz", unit__complex__buurt=other, unit__buurt=other)
    f.UserFactory(username="kcc1", role="kcc", teams=[team])
    page = phone_page
    login(page, "kcc1", PASSWORD)
    page.goto(f"/huishoudens/{household.pk}/")
    page.wait_for_url(f"**/privacy/reden/{household.pk}/**")
    assert_accessible(page)
    page.get_by_label("De bewoner belt, mailt of staat aan de balie").check()
    page.get_by_role("button", name="Verder").click()
    page.wait_for_url(f"**/huishoudens/{household.pk}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Familie Yilmaz")
    assert AuditEvent.objects.filter(action=AuditAction.REASON, household_id=household.pk).exists()
