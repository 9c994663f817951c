"""Finding 11 of the security probe: the audit chain cannot be rewritten by whoever can write the
database. HMAC with a key outside the database (rotatable: a key id per row), triggers against
UPDATE and DELETE on SQLite and PostgreSQL, an approved prune that leaves a checkpoint, a head
anchored outside the database, and messages that tell an altered row from a removed one."""

import hashlib
import importlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditAction, AuditEvent
from tests import factories as f
from tests.privacy.factories import privacy_officer

pytestmark = pytest.mark.django_db


def _events(n=3):
    user = f.UserFactory()
    return [
        audit.record(user=user, action=AuditAction.VIEW, object_type="register.household", object_id=i)
        for i in range(1, n + 1)
    ]


def _as_attacker(sql: str, params: list) -> None:
    """Someone with write access to the database: triggers off, statement, triggers back on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE privacy_auditevent DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE privacy_auditevent ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS privacy_auditevent_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS privacy_auditevent_no_delete")
            cursor.execute(sql, params)
            migration = importlib.import_module("frontlijn.privacy.migrations.0003_audit_hmac_and_delete_trigger")
            for statement in migration.SQLITE_TRIGGERS:
                cursor.execute(statement)


def _rehash_with_sha256() -> None:
    """What the probe did: recompute every row's hash with plain sha256 so the old verify passed."""
    prev = audit.GENESIS
    for event in AuditEvent.objects.order_by("id"):
        payload = json.dumps(event.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        new = hashlib.sha256((prev + payload).encode()).hexdigest()
        _as_attacker("UPDATE privacy_auditevent SET prev_hash = %s, hash = %s WHERE id = %s", [prev, new, event.pk])
        prev = new


def test_rows_carry_the_key_id_and_an_hmac_not_a_plain_hash(settings):
    event = _events(1)[0]
    assert event.key_id == settings.FRONTLIJN_AUDIT_KEY_ID
    payload = json.dumps(event.content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert event.hash != hashlib.sha256((event.prev_hash + payload).encode()).hexdigest()
    assert audit.verify().ok


def test_deleting_a_row_and_rehashing_the_chain_is_detected():
    _first, second, _third = _events()
    _as_attacker("DELETE FROM privacy_auditevent WHERE id = %s", [second.pk])
    _rehash_with_sha256()
    result = audit.verify()
    assert not result.ok


def test_a_removed_row_is_reported_as_removed_and_an_altered_row_as_altered():
    events = _events(4)
    _as_attacker("DELETE FROM privacy_auditevent WHERE id = %s", [events[1].pk])
    _as_attacker("UPDATE privacy_auditevent SET reason = %s WHERE id = %s", ["verzonnen", events[3].pk])
    problems = audit.verify().problems
    assert any("verwijderd" in p and str(events[1].pk) in p for p in problems), problems
    assert any("gewijzigd" in p and f"rij {events[3].pk}" in p for p in problems), problems
    assert not any("verwijderd" in p and f"rij {events[3].pk}:" in p for p in problems)


def test_the_database_refuses_update_and_delete_on_both_vendors():
    event = _events(1)[0]
    for sql in (
        "UPDATE privacy_auditevent SET reason = 'x' WHERE id = %s",
        "DELETE FROM privacy_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_rotated_key_still_verifies_older_rows(settings):
    _events(2)
    settings.FRONTLIJN_AUDIT_KEYS = {
        "k2": "een-nieuwe-sleutel-van-minstens-32-tekens!",
        **settings.FRONTLIJN_AUDIT_KEYS,
    }
    settings.FRONTLIJN_AUDIT_KEY_ID = "k2"
    newer = _events(1)[0]
    assert newer.key_id == "k2"
    assert audit.verify().ok
    settings.FRONTLIJN_AUDIT_KEYS = {"k2": settings.FRONTLIJN_AUDIT_KEYS["k2"]}  # the old key lost
    problems = audit.verify().problems
    assert any("sleutel" in p for p in problems)


def test_an_approved_prune_removes_old_rows_and_leaves_a_checkpoint(capsys):
    import datetime as dt

    from django.utils import timezone

    old = _events(3)
    officer = privacy_officer(username="fg")
    cutoff = timezone.localdate() + dt.timedelta(days=1)
    call_command("audit", "prune", "--before", cutoff.isoformat(), "--approved-by", "fg", "--yes")
    # Every old row but the newest, which the checkpoint chains on to.
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old[:-1]]).exists()
    assert AuditEvent.objects.filter(pk=old[-1].pk).exists()
    checkpoint = AuditEvent.objects.get(action=AuditAction.CHECKPOINT)
    assert checkpoint.actor_id == officer.pk
    assert checkpoint.detail["pruned"] == 2 and checkpoint.detail["last_pruned_hash"] == old[1].hash
    assert audit.verify().ok, audit.verify().problems
    _events(1)
    assert audit.verify().ok


def test_a_prune_needs_the_approval_of_a_privacy_officer():
    _events(2)
    f.UserFactory(username="vakman", role="vakman")
    with pytest.raises(CommandError, match="functionaris"):
        call_command("audit", "prune", "--before", "2999-01-01", "--approved-by", "vakman", "--yes")
    assert AuditEvent.objects.count() == 2


def test_removing_the_newest_rows_is_caught_by_the_anchor(tmp_path, settings, capsys):
    settings.FRONTLIJN_AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    events = _events(3)
    call_command("audit", "anchor")
    anchor = json.loads(settings.FRONTLIJN_AUDIT_ANCHOR_FILE.read_text().splitlines()[-1])
    assert (anchor["id"], anchor["hash"]) == (events[-1].pk, events[-1].hash)
    call_command("audit", "verify")
    _as_attacker("DELETE FROM privacy_auditevent WHERE id = %s", [events[-1].pk])
    assert audit.verify().ok is False
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    assert "anker" in capsys.readouterr().err


def test_check_deploy_requires_an_audit_key_in_production():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "FRONTLIJN_ENV": "production",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-1234567890",
        "ALLOWED_HOSTS": "frontlijn.example.nl",
        "DJANGO_SETTINGS_MODULE": "frontlijn.settings",
    }
    env.pop("FRONTLIJN_AUDIT_KEYS", None)
    env.pop("FRONTLIJN_AUDIT_KEY_FILE", None)
    result = subprocess.run(
        [sys.executable, "-m", "frontlijn", "check", "--deploy"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "FRONTLIJN_AUDIT_KEYS" in result.stdout + result.stderr
