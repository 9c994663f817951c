import pyotp
import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from frontlijn.privacy.models import TOTPDevice
from tests import factories as f
from tests.privacy.factories import privacy_officer

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-wachtwoord-1"


def _login(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def test_front_staff_log_in_with_a_password_only():
    user = f.UserFactory(role="wijkbeheerder")
    client = Client()
    response = _login(client, user.username)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_account_is_locked_after_five_failed_attempts_even_for_the_right_password(settings):
    user = f.UserFactory(role="wijkbeheerder")
    client = Client()
    for _ in range(4):
        response = _login(client, user.username, "fout")
        assert "Te veel mislukte pogingen" not in response.content.decode()
    response = _login(client, user.username, "fout")
    assert "Te veel mislukte pogingen" in response.content.decode()
    response = _login(client, user.username)
    assert response.status_code == 200
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert response.context["form"]["username"].value() == user.username  # what was typed stays


def test_lockout_ends_after_the_lockout_period(settings):
    import datetime as dt

    from frontlijn.privacy.models import LoginAttempt

    user = f.UserFactory()
    for _ in range(5):
        _login(Client(), user.username, "fout")
    LoginAttempt.objects.update(at=LoginAttempt.objects.first().at - dt.timedelta(minutes=16))
    client = Client()
    assert _login(client, user.username).status_code == 302


def test_two_factor_is_required_for_the_beheerder_and_enrols_an_authenticator():
    user = f.UserFactory(role="beheerder")
    client = Client()
    response = _login(client, user.username)
    assert response.status_code == 302 and response.url == reverse("two-factor")
    assert SESSION_KEY not in client.session  # not logged in after the password alone
    assert client.get(reverse("core:home")).status_code == 302  # to the login page
    page = client.get(reverse("two-factor"))
    secret = page.context["secret"]
    assert secret and TOTPDevice.objects.get(user=user).confirmed_at is None
    response = client.post(reverse("two-factor"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    assert TOTPDevice.objects.get(user=user).confirmed_at is not None


def test_a_wrong_code_is_refused_with_a_clear_message():
    user = privacy_officer()
    client = Client()
    _login(client, user.username)
    client.get(reverse("two-factor"))
    response = client.post(reverse("two-factor"), {"code": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_code_cannot_be_used_twice():
    user = f.UserFactory(role="beheerder")
    device = TOTPDevice.objects.create(user=user, secret=pyotp.random_base32())
    code = pyotp.TOTP(device.secret).now()
    first = Client()
    _login(first, user.username)
    first.post(reverse("two-factor"), {"code": code})
    assert first.session[SESSION_KEY] == str(user.pk)
    second = Client()
    _login(second, user.username)
    response = second.post(reverse("two-factor"), {"code": code})
    assert SESSION_KEY not in second.session
    assert "Deze code klopt niet" in response.content.decode()


def test_second_factor_page_without_a_password_step_goes_back_to_login():
    response = Client().get(reverse("two-factor"))
    assert response.status_code == 302 and response.url == reverse("login")


def test_shared_device_session_expires_after_ten_minutes_idle(settings):
    user = f.UserFactory(role="wijkbeheerder")
    client = Client()
    _login(client, user.username, shared_device="on")
    assert client.session.get_expiry_age() == settings.FRONTLIJN_SHARED_DEVICE_IDLE_SECONDS == 600
    normal = Client()
    _login(normal, user.username)
    assert normal.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_counter_staff_always_get_the_short_session(settings):
    user = f.UserFactory(role="baliemedewerker")
    client = Client()
    _login(client, user.username)
    assert client.session.get_expiry_age() == 600


@pytest.mark.real_password_hashers
def test_passwords_are_hashed_with_argon2():
    user = f.UserFactory()
    user.set_password("een-lang-wachtwoord")
    assert user.password.startswith("argon2")
