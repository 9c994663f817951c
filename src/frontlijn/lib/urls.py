"""Absolute links: every link that leaves the browser (e-mails, SMS, QR codes) is built here from
the configured public URL (``FRONTLIJN_PUBLIC_URL``), never from the request's Host header."""

from __future__ import annotations

from django.conf import settings


def public_base() -> str:
    return (getattr(settings, "FRONTLIJN_PUBLIC_URL", "") or "http://localhost:8000").rstrip("/")


def absolute(path: str) -> str:
    """``/r/abc/`` -> ``https://frontlijn.example.nl/r/abc/``; an absolute URL stays as it is."""
    if not path or "://" in path:
        return path
    return public_base() + ("" if path.startswith("/") else "/") + path
