"""Finding 1 of the security probe: the Django admin (/beheer/) is reached only through
Frontlijn's own login — password, second factor (TOTP), lock-out and audit."""

import pyotp
import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from frontlijn.privacy.models import AuditAction, AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-1"


def _superuser():
    return f.UserFactory(username="admin", is_staff=True, is_superuser=True, role="beheerder")


def test_the_admin_login_page_sends_you_to_frontlijns_own_login():
    response = Client().get("/beheer/login/", {"next": "/beheer/"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login")) and "next=/beheer/" in response.url


def test_posting_the_admin_password_to_the_admin_login_logs_nobody_in():
    _superuser()
    client = Client()
    response = client.post("/beheer/login/?next=/beheer/", {"username": "admin", "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get("/beheer/").status_code == 302
    assert client.get(reverse("privacy:audit")).status_code == 302


def test_a_logged_in_colleague_cannot_switch_to_the_admin_with_its_password():
    _superuser()
    vakman = f.UserFactory(role="vakman")
    client = Client()
    client.force_login(vakman)
    client.post("/beheer/login/?next=/beheer/", {"username": "admin", "password": PASSWORD})
    assert client.session[SESSION_KEY] == str(vakman.pk)
    assert client.get("/beheer/", follow=True).status_code == 403
    assert client.get(reverse("privacy:audit")).status_code == 403


def test_a_superuser_without_the_second_factor_in_this_session_gets_no_admin():
    client = Client()
    client.force_login(_superuser())  # a session that never passed the TOTP step
    assert client.get("/beheer/", follow=True).status_code == 403
    assert client.get("/beheer/login/").status_code == 403


def test_the_admin_is_opened_after_password_and_totp_and_the_login_is_audited():
    user = _superuser()
    client = Client()
    response = client.post(f"{reverse('login')}?next=/beheer/", {"username": "admin", "password": PASSWORD})
    assert response.url == reverse("two-factor")
    secret = client.get(reverse("two-factor")).context["secret"]
    response = client.post(reverse("two-factor"), {"code": pyotp.TOTP(secret).now()})
    # First the recovery codes made at enrolment (shown once), then on to the admin.
    assert response.url == reverse("recovery-codes")
    assert client.get(response.url).context["next"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.LOGIN).exists()


def test_the_lock_out_holds_for_the_admin_too():
    _superuser()
    client = Client()
    for _ in range(8):
        client.post(reverse("login"), {"username": "admin", "password": "fout"})
        client.post("/beheer/login/", {"username": "admin", "password": "fout"})
    response = client.post(f"{reverse('login')}?next=/beheer/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 200 and "Te veel mislukte pogingen" in response.content.decode()
    assert (
        AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).exists()
        or AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).exists()
    )
