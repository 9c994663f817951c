"""Login throttling: failed passwords and second-factor codes count alike.

Two limits (docs/security.md):

- **per account**: 5 failures in 15 minutes lock the username for 15 minutes, whatever the address
  (``FRONTLIJN_LOGIN_MAX_FAILURES``, ``FRONTLIJN_LOGIN_LOCKOUT_SECONDS``);
- **per address**: after 30 failures in 15 minutes from one address (``FRONTLIJN_LOGIN_MAX_FAILURES_PER_IP``)
  every further try from there waits a little longer — 1, 2, 4 … seconds after the last failure, at
  most ``MAX_ADDRESS_WAIT_SECONDS``. That slows password spraying down, but it locks nobody out:
  behind a reverse proxy or a shared office line everyone has the same address. A browser in which
  the user has logged in before (the OWASP "device cookie", signed and bound to that username) is
  not held up by the per-address wait at all; the per-account limit still applies to it.

The client address is ``REMOTE_ADDR``, or — only when the request comes from a proxy listed in
``FRONTLIJN_TRUSTED_PROXIES`` (IP addresses or networks) — the nearest untrusted address in
``X-Forwarded-For``. Everything that needs a client's address uses :func:`client_ip`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from frontlijn.lib import clock
from frontlijn.privacy.models import LoginAttempt

if TYPE_CHECKING:
    from frontlijn.teams.models import User

MAX_ADDRESS_WAIT_SECONDS = 60
DEVICE_COOKIE = "frontlijn_apparaat"
DEVICE_COOKIE_DAYS = 180
DEVICE_COOKIE_USERS = 10  # a counter computer is shared: remember a few colleagues per browser
_DEVICE_SALT = "frontlijn.privacy.throttle.device"


def _max_failures() -> int:
    return getattr(settings, "FRONTLIJN_LOGIN_MAX_FAILURES", 5)


def _lockout() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "FRONTLIJN_LOGIN_LOCKOUT_SECONDS", 15 * 60))


def _max_failures_per_ip() -> int:
    return getattr(settings, "FRONTLIJN_LOGIN_MAX_FAILURES_PER_IP", 30)


@cache
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address: str, proxies: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(proxies))


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: X-Forwarded-For is believed only from configured trusted proxies."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR") or "")
    proxies = tuple(getattr(settings, "FRONTLIJN_TRUSTED_PROXIES", ()) or ())
    if remote is None or not proxies or not _trusted(remote, proxies):
        return remote
    # Right to left: each trusted proxy appended the address it got the request from; the first
    # address that is not one of our proxies is the client (anything left of it the client wrote).
    for hop in reversed((request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")):
        address = _valid_ip(hop)
        if address is None:
            return remote
        if not _trusted(address, proxies):
            return address
    return remote


def normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def locked_until(*, username: str, ip: str | None = None) -> dt.datetime | None:
    """When the lock-out of this account ends; ``None`` when not locked (``ip`` is not used: an
    address is slowed down by :func:`address_wait`, never locked)."""
    since = clock.now() - _lockout()
    recent = list(
        LoginAttempt.objects.filter(username=normalise(username), at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)[: _max_failures()]
    )
    if len(recent) >= _max_failures():
        return recent[-1] + _lockout()
    return None


def address_wait(*, ip: str | None) -> int:
    """Seconds this address still has to wait before its next try (0: go ahead)."""
    if not ip:
        return 0
    now = clock.now()
    limit = _max_failures_per_ip()
    recent = list(
        LoginAttempt.objects.filter(ip_address=ip, at__gte=now - _lockout())
        .order_by("-at")
        .values_list("at", flat=True)[: limit + 8]
    )
    if len(recent) < limit:
        return 0
    wait = min(2 ** (len(recent) - limit), MAX_ADDRESS_WAIT_SECONDS)
    left = (recent[0] + dt.timedelta(seconds=wait) - now).total_seconds()
    return max(0, int(left + 0.999))


def _device_mark(username: str) -> str:
    return salted_hmac(_DEVICE_SALT, normalise(username)).hexdigest()[:32]


def _device_marks(request) -> list[str]:
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value:
        return []
    try:
        marks = signing.loads(value, salt=_DEVICE_SALT, max_age=dt.timedelta(days=DEVICE_COOKIE_DAYS))
    except signing.BadSignature:
        return []
    return [m for m in marks if isinstance(m, str)] if isinstance(marks, list) else []


def device_known(request, *, username: str) -> bool:
    """Has this username logged in in this browser before (the signed device cookie)?"""
    return bool(username) and _device_mark(username) in _device_marks(request)


def remember_device(request, response, *, username: str) -> None:
    """After a complete login: this browser is known for this username (no name in the cookie)."""
    mark = _device_mark(username)
    marks = [mark, *(m for m in _device_marks(request) if m != mark)][:DEVICE_COOKIE_USERS]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(marks, salt=_DEVICE_SALT),
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )


def record_failure(*, username: str, ip: str | None) -> None:
    LoginAttempt.objects.create(username=normalise(username), ip_address=ip, at=clock.now())


def clear(*, username: str) -> None:
    LoginAttempt.objects.filter(username=normalise(username)).delete()


def minutes_left(until: dt.datetime) -> int:
    return max(1, int((until - clock.now()).total_seconds() // 60) + 1)


# --- looking residents up by phone number or e-mail address ------------------------------------
# A number or address identifies a person: trying numbers one after another must not work. Each
# user gets a number of lookups per window (Django's cache; a fixed window per user).


def _lookup_limit() -> int:
    return getattr(settings, "FRONTLIJN_CONTACT_LOOKUPS_PER_WINDOW", 30)


def _lookup_window() -> int:
    return getattr(settings, "FRONTLIJN_CONTACT_LOOKUP_WINDOW_SECONDS", 10 * 60)


def contact_lookup_allowed(user: User) -> bool:
    """Count one lookup by phone number or e-mail for ``user``; ``False`` once over the limit."""

    from django.core.cache import cache

    window = _lookup_window()
    key = f"frontlijn:contact-lookup:{user.pk}:{int(clock.now().timestamp() // window)}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= _lookup_limit()


def contact_lookup_minutes() -> int:
    return max(1, _lookup_window() // 60)
