"""Login throttling with lock-out: failed passwords and second-factor codes count alike."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from frontlijn.lib import clock
from frontlijn.privacy.models import LoginAttempt


def _max_failures() -> int:
    return getattr(settings, "FRONTLIJN_LOGIN_MAX_FAILURES", 5)


def _lockout() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "FRONTLIJN_LOGIN_LOCKOUT_SECONDS", 15 * 60))


def _max_failures_per_ip() -> int:
    return getattr(settings, "FRONTLIJN_LOGIN_MAX_FAILURES_PER_IP", 30)


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def locked_until(*, username: str, ip: str | None) -> dt.datetime | None:
    """When the lock-out of this username (or this address) ends; ``None`` when not locked."""
    now = clock.now()
    since = now - _lockout()
    recent = list(
        LoginAttempt.objects.filter(username=normalise(username), at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)[: _max_failures()]
    )
    if len(recent) >= _max_failures():
        return recent[-1] + _lockout()
    if ip:
        by_ip = list(
            LoginAttempt.objects.filter(ip_address=ip, at__gte=since)
            .order_by("-at")
            .values_list("at", flat=True)[: _max_failures_per_ip()]
        )
        if len(by_ip) >= _max_failures_per_ip():
            return by_ip[-1] + _lockout()
    return None


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


def contact_lookup_allowed(user) -> bool:
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
