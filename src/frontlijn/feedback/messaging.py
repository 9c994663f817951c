"""How an invitation reaches the resident: e-mail through Django's mail backend, SMS behind an interface.

The SMS backend is chosen with the setting ``FRONTLIJN_SMS_BACKEND`` (a dotted path). The default
:class:`LoggingSmsBackend` sends nothing: it logs that a message went out, with the phone number
masked and without the text (the text holds the single-use link, which must not end up in a log
where staff could use it). A real gateway implements :class:`SmsBackend.send`.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def mask_phone(phone: str) -> str:
    """'06 12345678' -> '06******78': enough to tell numbers apart in a log, not enough to call."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 4:
        return "*" * len(digits)
    return digits[:2] + "*" * (len(digits) - 4) + digits[-2:]


class SmsBackend:
    """Interface of an SMS gateway."""

    def send(self, *, phone: str, text: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class LoggingSmsBackend(SmsBackend):
    """Development and test backend: logs a masked number and the text length, never the text."""

    def send(self, *, phone: str, text: str) -> None:
        logger.info("sms to %s (%d characters)", mask_phone(phone), len(text))


class LocmemSmsBackend(SmsBackend):
    """Keeps sent messages in :data:`outbox` (tests)."""

    outbox: list[dict] = []

    def send(self, *, phone: str, text: str) -> None:
        LocmemSmsBackend.outbox.append({"phone": phone, "text": text})


@cache
def _backend_class(path: str) -> type[SmsBackend]:
    return import_string(path)


def get_sms_backend() -> SmsBackend:
    path = getattr(settings, "FRONTLIJN_SMS_BACKEND", "frontlijn.feedback.messaging.LoggingSmsBackend")
    return _backend_class(path)()
