"""Backup and restore (security.md, probe finding 8): the archive holds the database and the
photos, is written with mode 0600, and is checked completely before anything is replaced."""

import io
import json
import sqlite3
import stat
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from frontlijn.register.models import Household
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def operator():
    """Backup and restore run as a named superuser or privacy officer (test_backup_as_user.py)."""
    return f.UserFactory(username="beheer-root", is_superuser=True)


AS = ("--as", "beheer-root")


def _backup(tmp_path):
    target = tmp_path / "backup.tar"
    call_command("backup", str(target), *AS)
    return target


def test_backup_and_restore_round_trip(tmp_path):
    """Back up, change the data, restore: the data is as it was (SQLite or PostgreSQL, whichever runs)."""
    kept = f.HouseholdFactory(name="Familie Bewaard")
    target = _backup(tmp_path)
    assert target.stat().st_size > 0

    Household.objects.filter(pk=kept.pk).update(name="Gewijzigd na de backup")
    f.HouseholdFactory(name="Nieuw na de backup")

    call_command("restore", str(target), "--yes", *AS)
    connection.close()
    assert list(Household.objects.values_list("name", flat=True)) == ["Familie Bewaard"]


def test_backup_is_private_and_holds_the_photos_through_the_storage_api(tmp_path):
    default_storage.save("signals/2026/foto.jpg", ContentFile(b"\xff\xd8jpeg-bytes"))
    target = _backup(tmp_path)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with tarfile.open(target) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert "media/signals/2026/foto.jpg" in names
    assert manifest["format"] == "frontlijn-backup" and manifest["version"] == 1
    assert "media/signals/2026/foto.jpg" in manifest["sha256"]
    default_storage.delete("signals/2026/foto.jpg")
    call_command("restore", str(target), "--yes", *AS)
    with default_storage.open("signals/2026/foto.jpg", "rb") as fh:
        assert fh.read() == b"\xff\xd8jpeg-bytes"


def test_an_existing_file_is_overwritten_with_mode_0600(tmp_path):
    target = tmp_path / "backup.tar"
    target.write_bytes(b"")
    target.chmod(0o644)
    call_command("backup", str(target), *AS)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def _assert_refused_and_unchanged(path, match):
    f.HouseholdFactory(name="Blijft staan")
    with pytest.raises(CommandError, match=match):
        call_command("restore", str(path), "--yes", *AS)
    connection.close()
    assert Household.objects.filter(name="Blijft staan").exists()


def test_restore_refuses_a_foreign_sqlite_file(tmp_path):
    foreign = tmp_path / "ander.sqlite3"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE iets (x INTEGER)")
    db.commit()
    db.close()
    _assert_refused_and_unchanged(foreign, "geen \\(volledige\\) Frontlijn-backup")


def test_restore_refuses_a_truncated_backup_without_a_traceback(tmp_path):
    target = _backup(tmp_path)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    _assert_refused_and_unchanged(target, "Frontlijn-backup|controlesom")


def _rewrite(target, *, manifest=None, replace: dict | None = None):
    with tarfile.open(target) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    if manifest is not None:
        members["manifest.json"] = json.dumps(manifest(json.loads(members["manifest.json"]))).encode()
    members |= replace or {}
    with tarfile.open(target, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_restore_refuses_a_backup_whose_checksum_does_not_match(tmp_path):
    target = _backup(tmp_path)
    with tarfile.open(target) as tar:
        db_name = next(n for n in tar.getnames() if n.startswith("database."))
        data = tar.extractfile(db_name).read()
    _rewrite(target, replace={db_name: data[:-1] + bytes([data[-1] ^ 1])})
    _assert_refused_and_unchanged(target, "controlesom")


def test_restore_refuses_another_format_version(tmp_path):
    target = _backup(tmp_path)
    _rewrite(target, manifest=lambda m: m | {"version": 99})
    _assert_refused_and_unchanged(target, "versie 99")


def test_restore_refuses_migrations_this_version_does_not_know(tmp_path):
    target = _backup(tmp_path)
    _rewrite(target, manifest=lambda m: m | {"migrations": [*m["migrations"], "register.9999_uit_de_toekomst"]})
    _assert_refused_and_unchanged(target, "9999_uit_de_toekomst")


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "nergens.tar"), "--yes", *AS)
