"""What keeps the audit chain honest against whoever can write the database.

- **HMAC with a key outside the database.** Each row's hash is ``HMAC-SHA256(key, prev_hash +
  content)`` with a key from the environment or a key file (``FRONTLIJN_AUDIT_KEYS`` /
  ``FRONTLIJN_AUDIT_KEY_FILE``; the same on every app server). The row stores the key's id, so
  keys can be rotated: the new key goes first, the old ones stay to verify older rows. Without the
  key nobody can rehash the chain after removing or changing a row.
- **Triggers against UPDATE and DELETE** on PostgreSQL and SQLite (migration
  ``0003_audit_hmac_and_delete_trigger``). The only DELETE let through is the approved prune
  (:func:`deletes_allowed`), which leaves a checkpoint row in the chain.
- **Anchors outside the database**: ``frontlijn audit anchor`` writes the head to a file (and the
  log); ``frontlijn audit verify`` checks every anchor, so removing the newest rows shows.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import hmac

from django.conf import settings

LEGACY_KEY_ID = ""  # rows from before the HMAC: plain sha256, still verified as such
_prune_allowed = contextvars.ContextVar("frontlijn_audit_prune_allowed", default=False)

# The triggers themselves are in migration privacy/0003_audit_hmac_and_delete_trigger. SQLite: the
# DELETE trigger asks this function, which Frontlijn registers on its own connections; any other
# client (the sqlite3 shell) has no such function, so its DELETE fails as well. PostgreSQL: the
# trigger lets a DELETE through only when the transaction set ``frontlijn.audit_prune`` (below).
SQLITE_FUNCTION = "frontlijn_audit_prune_allowed"


class AuditKeyError(RuntimeError):
    """No (or an unknown) audit key: configure FRONTLIJN_AUDIT_KEYS or FRONTLIJN_AUDIT_KEY_FILE."""


def current_key_id() -> str:
    key_id = getattr(settings, "FRONTLIJN_AUDIT_KEY_ID", "")
    if not key_id or key_id not in settings.FRONTLIJN_AUDIT_KEYS:
        raise AuditKeyError("no audit key configured: set FRONTLIJN_AUDIT_KEYS or FRONTLIJN_AUDIT_KEY_FILE")
    return key_id


def key_bytes(key_id: str) -> bytes:
    try:
        return settings.FRONTLIJN_AUDIT_KEYS[key_id].encode()
    except KeyError as exc:
        raise AuditKeyError(f"audit key {key_id!r} is not configured") from exc


def chain_hash(*, key_id: str, prev_hash: str, payload: str) -> str:
    """The row hash: HMAC-SHA256 with the row's key; plain sha256 for rows from before the HMAC."""
    message = (prev_hash + payload).encode()
    if key_id == LEGACY_KEY_ID:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key_bytes(key_id), message, hashlib.sha256).hexdigest()


def hmac_pads(key_id: str) -> tuple[bytes, bytes]:
    """(key XOR ipad, key XOR opad), RFC 2104: lets PostgreSQL compute the very same HMAC with its
    built-in ``sha256()`` inside the append statement (no pgcrypto needed)."""
    key = key_bytes(key_id)
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def deletes_allowed() -> bool:
    return _prune_allowed.get()


@contextlib.contextmanager
def allow_prune(connection):
    """Let DELETEs on the audit table through, inside the current transaction only (the prune)."""
    token = _prune_allowed.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('frontlijn.audit_prune', 'on', true)")
        yield
    finally:
        _prune_allowed.reset(token)
        if connection.vendor == "postgresql" and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('frontlijn.audit_prune', 'off', true)")


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: the function the SQLite DELETE trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 0, lambda: 1 if _prune_allowed.get() else 0)
