"""Frontlijn's own deploy checks (``frontlijn check --deploy``), next to Django's.

In production, invitations to residents carry their e-mail address and a single-use link: a
console, file or in-memory mail backend would print them to the server log or keep them on disk
instead of sending them. The public URL is the base of those links.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

NOT_FOR_PRODUCTION_MAIL = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)


@register(Tags.security, deploy=True)
def check_production_mail_and_public_url(app_configs=None, **kwargs) -> list[Error]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors = []
    if settings.EMAIL_BACKEND in NOT_FOR_PRODUCTION_MAIL:
        errors.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND!r}: in production that prints or keeps residents' "
                "e-mail addresses and single-use feedback links instead of sending them.",
                hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
                "(see docs/security.md).",
                id="frontlijn.E001",
            )
        )
    url = getattr(settings, "FRONTLIJN_PUBLIC_URL", "") or ""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or parts.hostname in ("localhost", "127.0.0.1"):
        errors.append(
            Error(
                f"FRONTLIJN_PUBLIC_URL is {url!r}: the links in residents' invitations would not work.",
                hint="Set FRONTLIJN_PUBLIC_URL to the https address residents reach Frontlijn on, "
                "e.g. https://frontlijn.example.nl.",
                id="frontlijn.E002",
            )
        )
    return errors
