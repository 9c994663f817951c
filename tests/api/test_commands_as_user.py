"""Finding 13 of the security probe: the command line is scoped and audited. ``frontlijn export``
and ``frontlijn import`` run as a named user (``--as USERNAME``), checked against that user's
rights through the privacy scope, and each run writes an audit row (counts and ids, no text)."""

import json

import pytest
from django.core.management import CommandError, call_command

from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.register.models import Wijk
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_areas():
    buurt, team = f.area()
    inside = f.ResidentFactory(household__unit__complex__buurt=buurt, household__unit__buurt=buurt, last_name="Binnen")
    outside = f.ResidentFactory(last_name="Buiten")
    return team, inside, outside


def test_export_without_a_named_user_is_refused(two_areas, capsys):
    with pytest.raises(CommandError, match="--as"):
        call_command("export", "relaties", "-")
    assert "Binnen" not in capsys.readouterr().out


def test_export_as_a_front_role_is_refused(two_areas, capsys):
    team, _inside, _outside = two_areas
    f.UserFactory(username="wb", teams=[team])
    with pytest.raises(CommandError, match="exporteren"):
        call_command("export", "relaties", "-", "--as", "wb")
    assert "Binnen" not in capsys.readouterr().out


def test_export_as_the_beheerder_is_audited_with_count_and_ids(two_areas, capsys):
    _team, inside, outside = two_areas
    user = f.UserFactory(username="fb", role="beheerder")
    call_command("export", "relaties", "-", "--format", "json", "--as", "fb")
    data = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in data} == {inside.pk, outside.pk}
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="cli.relaties")
    assert event.actor_id == user.pk
    assert event.detail["count"] == 2 and sorted(event.detail["ids"]) == sorted([inside.pk, outside.pk])
    assert "Binnen" not in json.dumps(event.content())


def test_export_follows_the_users_scope(two_areas, capsys, settings):
    """A role that may export but sees only its area gets only its area (the scope decides)."""
    team, inside, _outside = two_areas
    from frontlijn.privacy import capabilities

    original = capabilities.CAPABILITIES["bulk_personal_data"]
    capabilities.CAPABILITIES["bulk_personal_data"] = original | {"wijkbeheerder"}
    try:
        f.UserFactory(username="wb", teams=[team])
        call_command("export", "relaties", "-", "--format", "json", "--as", "wb")
    finally:
        capabilities.CAPABILITIES["bulk_personal_data"] = original
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [inside.pk]


def test_import_runs_as_a_user_who_may_write_and_is_audited(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("idExtern;naam;woonplaats\nW1;Noord;Utrecht\n", encoding="utf-8")
    f.UserFactory(username="kcc1", role="kcc")
    with pytest.raises(CommandError):
        call_command("import", "wijken", str(path))
    with pytest.raises(CommandError, match="mag"):
        call_command("import", "wijken", str(path), "--as", "kcc1")
    assert not Wijk.objects.exists()
    user = f.UserFactory(username="fb", role="beheerder")
    call_command("import", "wijken", str(path), "--as", "fb")
    assert Wijk.objects.filter(id_extern="W1").exists()
    event = AuditEvent.objects.get(object_type="cli.wijken")
    assert (event.actor_id, event.action) == (user.pk, AuditAction.CREATE)
    assert event.detail["created"] == 1


def test_an_unknown_or_inactive_user_is_refused(tmp_path):
    f.UserFactory(username="weg", role="beheerder", is_active=False)
    for name in ("niemand", "weg"):
        with pytest.raises(CommandError, match="gebruiker"):
            call_command("export", "wijken", "-", "--as", name)
