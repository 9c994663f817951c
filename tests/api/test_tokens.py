import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from frontlijn.api.models import ApiToken
from frontlijn.api.tokens import api_token_create, api_token_revoke
from frontlijn.lib.tokens import hash_token
from tests.api.factories import admin_user
from tests.factories import WijkFactory

pytestmark = pytest.mark.django_db


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_token_is_stored_only_as_hash():
    row, token = api_token_create(owner=admin_user(), name="ERP", scope="read")
    row.refresh_from_db()
    assert token not in (row.prefix, row.hashed_secret)
    assert row.hashed_secret == hash_token(token)


def test_request_without_token_is_refused():
    assert APIClient().get("/api/v1/wijken/").status_code in (401, 403)


def test_valid_token_reads_and_records_use():
    row, token = api_token_create(owner=admin_user(), name="ERP")
    WijkFactory(id_extern="W1")
    response = bearer(token).get("/api/v1/wijken/")
    assert response.status_code == 200
    assert [w["idExtern"] for w in response.json()["results"]] == ["W1"]
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_wrong_secret_with_right_prefix_is_refused():
    _row, token = api_token_create(owner=admin_user(), name="ERP")
    assert bearer(token[:-3] + "xyz").get("/api/v1/wijken/").status_code == 401


def test_revoked_token_is_refused():
    row, token = api_token_create(owner=admin_user(), name="ERP")
    api_token_revoke(token=row)
    response = bearer(token).get("/api/v1/wijken/")
    assert response.status_code == 401


def test_read_token_cannot_write():
    _row, token = api_token_create(owner=admin_user(), name="ERP", scope="read")
    response = bearer(token).put("/api/v1/wijken/W1/", {"naam": "Noord", "woonplaats": "Utrecht"}, format="json")
    assert response.status_code == 403


def test_write_token_can_write():
    _row, token = api_token_create(owner=admin_user(), name="ERP", scope="write")
    response = bearer(token).put("/api/v1/wijken/W1/", {"naam": "Noord", "woonplaats": "Utrecht"}, format="json")
    assert response.status_code == 201


def test_rate_limit_per_token(settings):
    settings.FRONTLIJN_API_RATE = "2/minute"
    user = admin_user()
    _r1, first = api_token_create(owner=user, name="a")
    _r2, second = api_token_create(owner=user, name="b")
    codes = [bearer(first).get("/api/v1/wijken/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert bearer(second).get("/api/v1/wijken/").status_code == 200


def test_command_creates_token_printed_once(capsys):
    admin_user(username="erp")
    call_command("api-token", "create", "--user", "erp", "--scope", "write", "--name", "ERP-sync")
    token = capsys.readouterr().out.strip()
    row = ApiToken.objects.get()
    assert row.scope == "write" and row.name == "ERP-sync"
    assert row.hashed_secret == hash_token(token)
    call_command("api-token", "list")
    listing = capsys.readouterr().out
    assert row.prefix in listing and token not in listing


def test_command_revokes_token(capsys):
    row, token = api_token_create(owner=admin_user(), name="ERP")
    call_command("api-token", "revoke", row.prefix)
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert bearer(token).get("/api/v1/wijken/").status_code == 401


def test_admin_creates_token_and_shows_it_once(client_for):
    from tests.factories import UserFactory

    superuser = UserFactory(is_staff=True, is_superuser=True)
    owner = admin_user()
    response = client_for(superuser).post(
        "/beheer/api/apitoken/add/", {"owner": owner.pk, "name": "ERP", "scope": "read"}, follow=True
    )
    assert response.status_code == 200
    row = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    token = next(word for m in shown for word in m.split() if word.startswith("fl_"))
    assert row.hashed_secret == hash_token(token)
