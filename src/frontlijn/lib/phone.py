"""Phone numbers and e-mail addresses as a KCC-medewerker types them, reduced to one lookup form.

A number is stored once more as ``phone_key``: its digits without the Dutch country code or trunk
zero, so 06-12345678, +31 6 1234 5678, 0031612345678 and 0612345678 all become ``612345678``.
A foreign number keeps its country code behind ``00`` (``+32 470 12 34 56`` -> ``0032470123456``).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

MIN_DIGITS = 9  # a whole Dutch number without its trunk zero; anything shorter is a fragment
_PHONE_CHARS = re.compile(r"^[+0-9\s().\-/]+$")
_DIGITS = re.compile(r"\D")


def looks_like_phone(text: str) -> bool:
    """Whether a search text is meant as a phone number (digits and the usual separators only,
    at least five digits: shorter digit strings may be a postcode or house number)."""
    text = (text or "").strip()
    return bool(_PHONE_CHARS.match(text)) and len(_DIGITS.sub("", text)) >= 5


def phone_key(value: str) -> str:
    """The lookup form of a phone number ('' when there are no digits)."""
    value = (value or "").strip()
    digits = _DIGITS.sub("", value)
    if not digits:
        return ""
    if value.startswith("+") or (digits.startswith("31") and len(digits) == 11):
        digits = "00" + digits
    if digits.startswith("0031"):
        digits = digits[4:]
        # "+31 (0)6 ..." carries the trunk zero as well
        return digits[1:] if digits.startswith("0") else digits
    if digits.startswith("00"):
        return digits
    return digits[1:] if digits.startswith("0") else digits


def is_whole_number(key: str) -> bool:
    return len(key) >= MIN_DIGITS


def email_key(value: str) -> str:
    return (value or "").strip().lower()


def keyed_hash(kind: str, key: str) -> str:
    """A keyed hash of a looked-up number or address for the audit log: the same number gives the
    same hash (so lookups of one number can be found), but the number cannot be read back."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{key}".encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def mask(key: str) -> str:
    """'612345678' -> '•••••••78': enough to recognise a number on the screen, not to use it."""
    return "•" * max(len(key) - 2, 0) + key[-2:]
