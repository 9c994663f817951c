"""Frontlijn's own ``check --deploy`` checks of the privacy app."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

MIN_KEY_LENGTH = 32
DEV_KEY_IDS = frozenset({"dev"})


def audit_key_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The audit chain's HMAC key must be set (outside the database), long and not the dev key."""
    keys = getattr(settings, "FRONTLIJN_AUDIT_KEYS", {})
    current = getattr(settings, "FRONTLIJN_AUDIT_KEY_ID", "")
    hint = (
        "Zet FRONTLIJN_AUDIT_KEYS='<id>:<geheim van minstens 32 tekens>' (of FRONTLIJN_AUDIT_KEY_FILE), "
        "op elke app-server dezelfde, buiten de database; zie docs/security.md."
    )
    if not keys or current not in keys:
        return [checks.Error("Geen sleutel voor de auditketen (FRONTLIJN_AUDIT_KEYS).", hint=hint, id="frontlijn.E011")]
    problems: list[checks.CheckMessage] = []
    if current in DEV_KEY_IDS:
        problems.append(
            checks.Error(
                "De auditketen gebruikt de ontwikkelsleutel (FRONTLIJN_AUDIT_KEYS).", hint=hint, id="frontlijn.E012"
            )
        )
    if len(keys[current]) < MIN_KEY_LENGTH:
        problems.append(
            checks.Error(
                "De sleutel van de auditketen is te kort (FRONTLIJN_AUDIT_KEYS).", hint=hint, id="frontlijn.E013"
            )
        )
    return problems
