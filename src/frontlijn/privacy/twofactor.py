"""Two-factor login (TOTP, RFC 6238) for the roles that can export personal data."""

from __future__ import annotations

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontlijn.privacy.models import TOTPDevice

ISSUER = "Frontlijn"
VERIFIED_SESSION_KEY = "frontlijn_2fa_verified"  # set when this session passed the TOTP step


def required_for(user) -> bool:
    """Superusers, privacy officers and the roles in FRONTLIJN_TWO_FACTOR_ROLES must use 2FA."""
    roles = getattr(settings, "FRONTLIJN_TWO_FACTOR_ROLES", ("beheerder",))
    return bool(user.is_superuser or user.role in roles or user.has_perm("privacy.privacy_officer"))


def mark_verified(session) -> None:
    """Record in the session that its user passed the second factor (after ``auth_login``)."""
    session[VERIFIED_SESSION_KEY] = True


def is_verified(request) -> bool:
    """Whether this session's login passed the second factor (TOTP)."""
    return bool(request.user.is_authenticated and request.session.get(VERIFIED_SESSION_KEY))


def device_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user).first()


@transaction.atomic
def device_start(*, user) -> TOTPDevice:
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
    now = timezone.now()
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
