"""Login throttling per address slows an attacker down without locking out the people behind the
same address; the client address comes from X-Forwarded-For only via trusted proxies
(security.md, probe finding 5)."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory
from django.urls import reverse

from frontlijn.privacy import throttle
from frontlijn.privacy.models import LoginAttempt
from tests import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-1"  # UserFactory's password


def _login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _log_out(client) -> None:
    """Log out as a browser does: the session ends, other cookies stay (the test client drops all)."""
    device = client.cookies[throttle.DEVICE_COOKIE].value
    client.logout()
    client.cookies[throttle.DEVICE_COOKIE] = device


def _spray(n: int, ip: str = "203.0.113.7", **extra) -> None:
    client = Client(REMOTE_ADDR=ip)
    for i in range(n):
        _login(client, f"verzonnen{i}", "fout", **extra)


def test_made_up_names_from_one_address_do_not_lock_out_a_colleague_who_logged_in_there_before(settings):
    user = f.UserFactory(role="wijkbeheerder")
    colleague_browser = Client(REMOTE_ADDR="203.0.113.7")
    assert _login(colleague_browser, user.username).status_code == 302  # an earlier working day
    _log_out(colleague_browser)
    _spray(35)
    response = _login(colleague_browser, user.username)
    assert response.status_code == 302, response.content.decode()[:500]
    assert colleague_browser.session[SESSION_KEY] == str(user.pk)


def test_an_unknown_browser_behind_a_busy_address_waits_seconds_not_minutes(settings):
    user = f.UserFactory(role="wijkbeheerder")
    _spray(35)
    client = Client(REMOTE_ADDR="203.0.113.7")
    response = _login(client, user.username)
    body = response.content.decode()
    assert response.status_code == 200 and "seconden" in body and "geblokkeerd" not in body
    wait = throttle.address_wait(ip="203.0.113.7")
    assert 0 < wait <= throttle.MAX_ADDRESS_WAIT_SECONDS
    LoginAttempt.objects.update(at=LoginAttempt.objects.first().at - throttle.dt.timedelta(seconds=wait + 1))
    assert _login(client, user.username).status_code == 302


def test_the_wait_grows_with_every_further_failure(settings):
    _spray(31)
    first = throttle.address_wait(ip="203.0.113.7")
    LoginAttempt.objects.create(username="nog-een", ip_address="203.0.113.7", at=throttle.clock.now())
    LoginAttempt.objects.create(username="en-nog-een", ip_address="203.0.113.7", at=throttle.clock.now())
    assert throttle.address_wait(ip="203.0.113.7") > first


def test_per_account_lockout_still_holds_with_a_trusted_browser(settings):
    user = f.UserFactory(role="wijkbeheerder")
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert _login(client, user.username).status_code == 302
    _log_out(client)
    for _ in range(5):
        _login(client, user.username, "fout")
    response = _login(client, user.username)
    assert response.status_code == 200 and "geblokkeerd" in response.content.decode()


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(settings):
    settings.FRONTLIJN_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="192.0.2.9")
    assert throttle.client_ip(request) == "198.51.100.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (["10.0.0.1"], "192.0.2.9", "192.0.2.9"),
        (["10.0.0.0/8"], "192.0.2.9, 10.1.2.3", "192.0.2.9"),  # two proxies of our own
        (["10.0.0.1"], "6.6.6.6, 192.0.2.9", "192.0.2.9"),  # the client made up the first entry
        (["10.0.0.1"], "geen-adres", "10.0.0.1"),
        (["10.0.0.1"], "", "10.0.0.1"),
    ],
)
def test_forwarded_for_from_a_trusted_proxy_gives_the_client(settings, proxies, forwarded, expected):
    settings.FRONTLIJN_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert throttle.client_ip(request) == expected


def test_failures_behind_a_trusted_proxy_count_for_the_client_address(settings):
    settings.FRONTLIJN_TRUSTED_PROXIES = ["10.0.0.1"]
    client = Client(REMOTE_ADDR="10.0.0.1")
    _login(client, "iemand", "fout", HTTP_X_FORWARDED_FOR="192.0.2.9")
    assert LoginAttempt.objects.get().ip_address == "192.0.2.9"
