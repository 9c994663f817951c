"""Finding 13 of the security probe, for the whole database: ``frontlijn backup`` and ``frontlijn
restore`` run as a named superuser or privacy officer (``--as USERNAME``), refuse everyone else
before touching anything, and each run writes an audit row (file name and counts, no personal data).
The restore writes its row after the restore, into the restored database, so it is not lost."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.register.models import Household
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_backup_without_a_named_user_is_refused_and_writes_nothing(tmp_path):
    target = tmp_path / "b.tar"
    with pytest.raises(CommandError, match="--as"):
        call_command("backup", str(target))
    assert not target.exists()


@pytest.mark.parametrize("role", ["beheerder", "wijkbeheerder", "manager"])
def test_backup_as_a_role_without_the_right_is_refused(tmp_path, role):
    """Not even the beheerder: the archive holds beyond-the-process notes no role may see."""
    f.UserFactory(username="gewoon", role=role)
    target = tmp_path / "b.tar"
    with pytest.raises(CommandError, match="superusers en privacy officers"):
        call_command("backup", str(target), "--as", "gewoon")
    assert not target.exists()
    assert not AuditEvent.objects.filter(object_type="cli.backup").exists()


def test_backup_as_an_inactive_superuser_is_refused(tmp_path):
    f.UserFactory(username="oud", is_superuser=True, is_active=False)
    with pytest.raises(CommandError, match="gebruiker"):
        call_command("backup", str(tmp_path / "b.tar"), "--as", "oud")


def test_backup_as_the_privacy_officer_is_audited_with_file_name_and_counts(tmp_path):
    # transaction=True flushes the officer group of the data migration: the permission itself.
    officer = f.UserFactory(username="fg", role="beheerder")
    officer.user_permissions.add(Permission.objects.get(codename="privacy_officer"))
    f.HouseholdFactory(name="Familie Geheim")
    call_command("backup", str(tmp_path / "nacht.tar"), "--as", "fg")
    event = AuditEvent.objects.get(object_type="cli.backup")
    assert (event.actor_id, event.action, event.path) == (officer.pk, AuditAction.EXPORT, "cli:backup")
    assert event.detail == {"file": "nacht.tar", "photos": 0}
    assert "Geheim" not in json.dumps(event.content())


def test_restore_is_refused_without_the_right_and_changes_nothing(tmp_path):
    f.UserFactory(username="root", is_superuser=True)
    f.UserFactory(username="wb", role="wijkbeheerder")
    target = tmp_path / "b.tar"
    call_command("backup", str(target), "--as", "root")
    f.HouseholdFactory(name="Na de backup")
    for args in ((), ("--as", "wb"), ("--as", "niemand")):
        with pytest.raises(CommandError):
            call_command("restore", str(target), "--yes", *args)
    assert Household.objects.filter(name="Na de backup").exists()
    assert not AuditEvent.objects.filter(object_type="cli.restore").exists()


def test_restore_writes_its_audit_row_into_the_restored_database(tmp_path):
    root = f.UserFactory(username="root", is_superuser=True)
    target = tmp_path / "b.tar"
    call_command("backup", str(target), "--as", "root")
    f.HouseholdFactory(name="Na de backup")
    call_command("restore", str(target), "--yes", "--as", "root")
    connection.close()
    assert not Household.objects.filter(name="Na de backup").exists()  # really restored
    event = AuditEvent.objects.get(object_type="cli.restore")
    assert (event.actor_id, event.action) == (root.pk, AuditAction.CHANGE)
    assert event.detail["file"] == "b.tar" and event.detail["as_user"] == "root"
    # The backup's row went into the archive (written before the dump); the restore row follows it.
    assert AuditEvent.objects.filter(object_type="cli.backup").count() == 1
    assert event.pk == AuditEvent.objects.latest("pk").pk
    call_command("audit", "verify")
