"""Two-factor login (TOTP, RFC 6238) for the roles that can export personal data."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

import pyotp
from django.conf import settings
from django.db import transaction

from frontlijn.lib import clock
from frontlijn.privacy.models import RecoveryCode, TOTPDevice

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User

ISSUER = "Frontlijn"
RECOVERY_CODE_COUNT = 10
# No 0/O, 1/I/L: codes are read off paper and typed in.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VERIFIED_SESSION_KEY = "frontlijn_2fa_verified"  # set when this session passed the TOTP step


def required_for(user: User) -> bool:
    """Superusers, privacy officers and the roles in FRONTLIJN_TWO_FACTOR_ROLES must use 2FA."""
    roles = getattr(settings, "FRONTLIJN_TWO_FACTOR_ROLES", ("beheerder",))
    return bool(user.is_superuser or user.role in roles or user.has_perm("privacy.privacy_officer"))


def mark_verified(session) -> None:
    """Record in the session that its user passed the second factor (after ``auth_login``)."""
    session[VERIFIED_SESSION_KEY] = True


def is_verified(request) -> bool:
    """Whether this session's login passed the second factor (TOTP)."""
    return bool(request.user.is_authenticated and request.session.get(VERIFIED_SESSION_KEY))


def device_for(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user).first()


def has_confirmed_device(user: User | AnonymousUser) -> bool:
    """For the menu: only users who log in with a local authenticator app have recovery codes."""
    if not user.is_authenticated or not required_for(user):
        return False
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


@transaction.atomic
def device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed device with a fresh secret (or the existing unconfirmed one)."""
    device = device_for(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, secret=pyotp.random_base32())
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.get_username(), issuer_name=ISSUER)


@transaction.atomic
def device_verify(*, device: TOTPDevice, code: str) -> bool:
    """Check a 6-digit code (one step of clock drift allowed); a code is never accepted twice."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return False
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    totp = pyotp.TOTP(device.secret)
    now = clock.now()
    step_now = int(now.timestamp()) // totp.interval
    for offset in (-1, 0, 1):
        step = step_now + offset
        if step <= device.last_used_step:
            continue
        if totp.at(step * totp.interval) == code:
            device.last_used_step = step
            if device.confirmed_at is None:
                device.confirmed_at = now
            device.save(update_fields=["last_used_step", "confirmed_at"])
            return True
    return False


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _recovery_hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def looks_like_recovery_code(code: str) -> bool:
    return len(_normalise(code)) == 16


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """Replace the user's recovery codes with fresh ones; returns them (the only time they exist)."""
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    RecoveryCode.objects.filter(user=user).delete()
    now = clock.now()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=_recovery_hash(code), created_at=now) for code in codes
    )
    audit.record(user=user, action=AuditAction.RECOVERY_CODES, object_type="login", detail={"count": len(codes)})
    return codes


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def recovery_code_use(*, user: User, code: str) -> bool:
    """Accept an unused recovery code of this user once; it is spent at once."""
    if not looks_like_recovery_code(code):
        return False
    found = (
        RecoveryCode.objects.select_for_update()
        .filter(user=user, code_hash=_recovery_hash(code), used_at__isnull=True)
        .first()
    )
    if found is None:
        return False
    found.used_at = clock.now()
    found.save(update_fields=["used_at"])
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    audit.record(
        user=user, action=AuditAction.RECOVERY_USED, object_type="login", detail={"left": recovery_codes_left(user)}
    )
    return True
