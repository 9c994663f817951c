"""Recovery codes of the local second factor: made at enrolment, shown once, hashed, one-time,
regenerated on request, and every making and use in the audit log."""

import pyotp
import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from frontlijn.privacy import twofactor
from frontlijn.privacy.models import AuditAction, AuditEvent, RecoveryCode, TOTPDevice
from tests import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-1"


def _password_step(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def _enrol(client, user):
    _password_step(client, user)
    secret = client.get(reverse("two-factor")).context["secret"]
    response = client.post(reverse("two-factor"), {"code": pyotp.TOTP(secret).now()})
    return response, secret


def test_enrolment_shows_ten_codes_once_and_keeps_only_their_hashes():
    user = f.UserFactory(role="beheerder")
    client = Client()
    response, _secret = _enrol(client, user)
    assert response.status_code == 302 and response.url == reverse("recovery-codes")

    page = client.get(reverse("recovery-codes"))
    codes = page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    html = page.content.decode()
    assert all(code in html for code in codes)
    assert page.context["next"] == "/"
    stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert len(stored) == 10 and not any(code.replace("-", "") in h for code in codes for h in stored)

    again = client.get(reverse("recovery-codes")).content.decode()
    assert not any(code in again for code in codes)  # shown once
    assert "10 ongebruikte herstelcodes" in again
    assert AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODES, actor=user).count() == 1


def test_a_recovery_code_logs_in_once_instead_of_the_authenticator():
    user = f.UserFactory(role="beheerder")
    TOTPDevice.objects.create(user=user, secret=pyotp.random_base32(), confirmed_at="2026-11-01T10:00Z")
    codes = twofactor.recovery_codes_generate(user=user)

    client = Client()
    _password_step(client, user)
    response = client.post(reverse("two-factor"), {"code": codes[3].lower().replace("-", " ")}, follow=True)
    assert client.session[SESSION_KEY] == str(user.pk)
    assert "nog 9 herstelcodes over" in response.content.decode()
    used = AuditEvent.objects.filter(action=AuditAction.RECOVERY_USED, actor=user).get()
    assert used.detail == {"left": 9}

    second = Client()
    _password_step(second, user)
    response = second.post(reverse("two-factor"), {"code": codes[3]})
    assert SESSION_KEY not in second.session
    assert "Deze code klopt niet" in response.content.decode()


def test_making_new_codes_invalidates_the_old_ones():
    user = f.UserFactory(role="beheerder")
    TOTPDevice.objects.create(user=user, secret=pyotp.random_base32(), confirmed_at="2026-11-01T10:00Z")
    old = twofactor.recovery_codes_generate(user=user)
    client = Client()
    client.force_login(user)

    response = client.post(reverse("recovery-codes"))
    assert response.status_code == 302
    new = client.get(reverse("recovery-codes")).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert not twofactor.recovery_code_use(user=user, code=old[0])
    assert twofactor.recovery_code_use(user=user, code=new[0])
    assert AuditEvent.objects.filter(action=AuditAction.RECOVERY_CODES, actor=user).count() == 2


def test_another_users_code_does_not_work():
    owner, other = f.UserFactory(role="beheerder"), f.UserFactory(role="beheerder")
    codes = twofactor.recovery_codes_generate(user=owner)
    assert not twofactor.recovery_code_use(user=other, code=codes[0])
    assert twofactor.recovery_code_use(user=owner, code=codes[0])


def test_users_without_an_authenticator_have_no_recovery_codes_page():
    client = Client()
    client.force_login(f.UserFactory(role="wijkbeheerder"))
    response = client.get(reverse("recovery-codes"))
    assert response.status_code == 302 and response.url == reverse("core:home")
