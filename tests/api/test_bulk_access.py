"""Finding 2 of the security probe: no bulk read of residents through the API.

A list answers at most 100 records a page. More than one page, or an ``updated_since`` sync, of
personal data is for machine accounts whose token has the ``sync`` scope (or ``write``, the ERP
link) and for the roles that may export personal data, with their second factor. Every audit row
of a list says how many records and which.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from frontlijn.privacy.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def residents():
    household = f.HouseholdFactory()
    return [f.ResidentFactory(household=household) for _ in range(105)]


def _session(user, *, verified: bool) -> APIClient:
    client = APIClient()
    if verified:
        f.login(client, user)
    else:
        client.force_login(user)
    return client


def test_a_page_holds_at_most_100_records(residents):
    client = _session(f.UserFactory(role="kcc"), verified=False)
    body = client.get("/api/v1/relaties/", {"page_size": 1000}).json()
    assert len(body["results"]) == 100


def test_front_staff_cannot_page_through_all_residents(residents):
    client = _session(f.UserFactory(role="kcc"), verified=False)
    first = client.get("/api/v1/relaties/", {"page_size": 100}).json()
    assert first["next"]
    response = client.get(first["next"])
    assert response.status_code == 403
    assert "één pagina" in response.json()["detail"]
    assert client.get("/api/v1/relaties/", {"updated_since": "2020-01-01T00:00:00Z"}).status_code == 403


def test_the_beheerder_needs_the_second_factor_for_a_bulk_read(residents):
    beheerder = f.UserFactory(role="beheerder")
    first = _session(beheerder, verified=False).get("/api/v1/relaties/").json()
    assert _session(beheerder, verified=False).get(first["next"]).status_code == 403
    assert _session(beheerder, verified=True).get(first["next"]).status_code == 200


def test_a_read_token_gets_one_page_and_a_sync_token_all(residents, api_client_for):
    owner = f.UserFactory(role="beheerder")
    first = api_client_for(owner, scope="read").get("/api/v1/relaties/").json()
    assert api_client_for(owner, scope="read").get(first["next"]).status_code == 403
    seen, url, client = [], "/api/v1/relaties/", api_client_for(owner, scope="sync")
    while url:
        page = client.get(url).json()
        seen += page["results"]
        url = page["next"]
    assert len(seen) == 105
    assert (
        api_client_for(owner, scope="sync")
        .get("/api/v1/relaties/", {"updated_since": "2020-01-01T00:00:00Z"})
        .status_code
        == 200
    )


def test_geography_is_not_personal_and_pages_freely(api_client_for):
    for n in range(3):
        f.WijkFactory(id_extern=f"W{n}")
    client = _session(f.UserFactory(role="kcc"), verified=False)
    first = client.get("/api/v1/wijken/", {"page_size": 2}).json()
    assert client.get(first["next"]).status_code == 200


def test_each_audit_row_of_a_list_says_how_many_and_which_records(residents):
    client = _session(f.UserFactory(role="kcc"), verified=False)
    body = client.get("/api/v1/relaties/", {"page_size": 10}).json()
    event = AuditEvent.objects.get(object_type="api.relaties")
    assert event.detail["count"] == 10
    assert event.detail["ids"] == [r["id"] for r in body["results"]]


def test_session_login_is_still_denied_for_anonymous(residents):
    assert Client().get("/api/v1/relaties/").status_code in (401, 403)
