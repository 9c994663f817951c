"""Making, checking and revoking API tokens.

A token looks like ``fl_<prefix>_<secret>``. The prefix is stored in clear to find the row; the
whole token is stored as a SHA-256 hash (a random 256-bit secret needs no slow hash).
"""

from __future__ import annotations

import hmac
import secrets

from django.db import transaction

from frontlijn.api.models import ApiToken, TokenScope
from frontlijn.lib import clock
from frontlijn.lib.tokens import hash_token

TOKEN_START = "fl_"


@transaction.atomic
def api_token_create(*, owner, name: str, scope: str = TokenScope.READ) -> tuple[ApiToken, str]:
    """Make a token; returns the row and the token text, which is never available again."""
    if scope not in TokenScope.values:
        raise ValueError(f"unknown scope {scope!r}")
    prefix = secrets.token_hex(6)
    token = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken.objects.create(owner=owner, name=name, scope=scope, prefix=prefix, hashed_secret=hash_token(token))
    return row, token


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_check(token: str) -> ApiToken | None:
    """The active token row for this token text, or ``None``."""
    if not token.startswith(TOKEN_START) or token.count("_") < 2:
        return None
    prefix = token[len(TOKEN_START) :].split("_", 1)[0]
    row = ApiToken.objects.select_related("owner").filter(prefix=prefix, revoked_at__isnull=True).first()
    if row is None or not hmac.compare_digest(row.hashed_secret, hash_token(token)):
        return None
    now = clock.now()
    # Record use at most once a minute: no write on every request.
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
