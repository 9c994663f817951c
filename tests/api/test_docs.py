"""The schema and the browsable docs are served without internet; the committed schema is current."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db
COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"


def test_schema_is_served(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/contactmomenten/" in response.content


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_nothing_from_the_internet(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    external = re.findall(r"""(?:src|href)\s*=\s*["'](https?:)?//""", html)
    assert not external
    assert "sidecar" in html
    # The page's own policy: inline code allowed (the vendor pages need it), other hosts not.
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "http" not in policy


def test_committed_schema_is_current(tmp_path):
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(out), "--validate")
    assert out.read_text() == COMMITTED.read_text(), "run 'make schema' and commit docs/openapi.yaml"


def test_api_docs_are_in_the_menu_of_the_administrator_only(client_for):
    from frontlijn.teams.models import Role
    from tests.factories import UserFactory

    assert 'href="/api/docs/"' in client_for(UserFactory(role=Role.BEHEERDER)).get("/").content.decode()
    assert 'href="/api/docs/"' not in client_for(UserFactory(role=Role.WIJKBEHEERDER)).get("/").content.decode()
