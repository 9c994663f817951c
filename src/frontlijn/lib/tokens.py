"""How a secret link or API token is stored: only its SHA-256, as hex.

Resident feedback links (feedback) and API tokens (api) both keep this hash and never the token.
A token is long and random (``secrets.token_urlsafe``), so a plain unsalted hash suffices; changing
the algorithm would make every stored link and token invalid.
"""

from __future__ import annotations

import hashlib


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
