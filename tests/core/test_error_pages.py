"""Error pages: Dutch, in the app's layout, never Django's debug page; the favicon."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_404_is_dutch_and_in_the_layout(client_for):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get("/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in body
    assert 'class="top"' in body and 'href="/"' in body  # the app's header and a way home
    assert 'lang="nl"' in body
    assert "Page not found" not in body and "URLconf" not in body


def test_404_for_someone_not_logged_in_is_the_login_redirect_not_a_page_listing():
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_403_is_dutch():
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from frontlijn.core.views import permission_denied
    from tests.factories import UserFactory

    request = RequestFactory().get("/x/")
    request.user = UserFactory()
    page = permission_denied(request, PermissionDenied()).content.decode()
    assert "Je hebt hier geen toegang toe" in page and 'class="top"' in page


def test_500_is_dutch_and_renders_without_the_database(settings):
    from django.test import RequestFactory

    from frontlijn.core.views import server_error

    response = server_error(RequestFactory().get("/kapot/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body and 'class="top"' in body


def test_an_exception_in_a_view_gives_the_dutch_500(settings, client_for):
    from django.urls import path

    from tests.factories import UserFactory

    def broken(request):
        raise RuntimeError("kapot")

    settings.ROOT_URLCONF = type(
        "urls", (), {"urlpatterns": [path("kapot/", broken)], "handler500": "frontlijn.core.views.server_error"}
    )
    client = client_for(UserFactory(), raise_request_exception=False)
    response = client.get("/kapot/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_400_is_dutch(client_for):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get("/", HTTP_HOST="niet-toegestaan.example")
    assert response.status_code == 400
    assert "Dit verzoek konden we niet verwerken" in response.content.decode()


def test_favicon():
    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")
    assert Client().get(response["Location"]).status_code == 200


def test_debug_is_off_unless_asked_for():
    import subprocess
    import sys

    code = (
        # The settings module alone (no app loading): what it makes of the environment.
        "import frontlijn.settings as settings; print(settings.DEBUG)"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "DEBUG"}
    assert (
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.strip()
        == "False"
    )
    env["DEBUG"] = "1"
    assert (
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.strip()
        == "True"
    )


def test_a_form_sent_without_its_security_token_gets_a_dutch_page_and_stores_nothing():
    from frontlijn.contacts.models import ContactMoment
    from tests.factories import HouseholdFactory, UserFactory

    user = UserFactory(role="kcc")
    household = HouseholdFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(f"/huishoudens/{household.pk}/contact/", {"channel": "TEL", "subject": "x"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in body and "Er is niets opgeslagen" in body
    assert 'class="top"' in body and 'lang="nl"' in body
    assert "CSRF verification failed" not in body
    assert not ContactMoment.objects.exists()
