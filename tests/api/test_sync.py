"""Incremental sync: updated_since and cursor pages in order of change."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.register.models import Wijk
from tests.api.factories import admin_user
from tests.factories import WijkFactory

pytestmark = pytest.mark.django_db


def test_updated_since_returns_only_later_changes(api_client_for):
    old = WijkFactory(id_extern="OLD")
    new = WijkFactory(id_extern="NEW")
    cut = timezone.now() - dt.timedelta(hours=1)
    Wijk.objects.filter(pk=old.pk).update(updated_at=cut - dt.timedelta(days=1))
    client = api_client_for(admin_user())
    response = client.get("/api/v1/wijken/", {"updated_since": cut.isoformat()})
    assert [w["idExtern"] for w in response.json()["results"]] == [new.id_extern]


def test_bad_updated_since_is_explained(api_client_for):
    response = api_client_for(admin_user()).get("/api/v1/wijken/", {"updated_since": "gisteren"})
    assert response.status_code == 400
    assert "ISO 8601" in response.json()["updated_since"][0]


def test_cursor_pages_cover_every_record_once(api_client_for):
    for n in range(5):
        WijkFactory(id_extern=f"W{n}")
    client = api_client_for(admin_user())
    seen, url = [], "/api/v1/wijken/?page_size=2"
    while url:
        page = client.get(url).json()
        seen += [w["idExtern"] for w in page["results"]]
        url = page["next"]
    assert sorted(seen) == [f"W{n}" for n in range(5)]


def test_imported_records_carry_their_change_time(api_client_for, tmp_path):
    from frontlijn.api.exchange.files import import_file
    from frontlijn.api.exchange.kinds import get_kind

    before = timezone.now()
    path = tmp_path / "w.csv"
    path.write_text("idExtern;naam;woonplaats\nW1;Noord;Utrecht\nW2;Zuid;Utrecht\n", encoding="utf-8")
    assert import_file(kind=get_kind("wijken"), path=path).ok
    after = timezone.now()
    assert Wijk.objects.filter(updated_at__gte=before, updated_at__lte=after).count() == 2
    response = api_client_for(admin_user()).get("/api/v1/wijken/", {"updated_since": before.isoformat()})
    assert [w["idExtern"] for w in response.json()["results"]] == ["W1", "W2"]
