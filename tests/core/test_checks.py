"""``frontlijn check --deploy`` refuses a mail backend that prints residents' data, and a missing
public URL (security.md, probe finding 7)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from frontlijn.core.checks import check_production_mail_and_public_url
from frontlijn.feedback.messaging import LoggingSmsBackend
from frontlijn.lib.logging import ResidentDataFilter, scrub

PRODUCTION_ENV = {
    "FRONTLIJN_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-1234567890",
    "ALLOWED_HOSTS": "frontlijn.example.nl",
    "DJANGO_SETTINGS_MODULE": "frontlijn.settings",
}


def _check_deploy(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {**os.environ, **PRODUCTION_ENV, "FRONTLIJN_DATA_DIR": str(tmp_path), **extra}
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_BACKEND", "FRONTLIJN_PUBLIC_URL"):
        if name not in extra:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "frontlijn", "check", "--deploy"], env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_fails_on_the_default_console_mail_and_no_public_url(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode != 0
    assert "frontlijn.E001" in result.stderr and "frontlijn.E002" in result.stderr


@pytest.mark.parametrize(
    "backend", ["django.core.mail.backends.console.EmailBackend", "django.core.mail.backends.locmem.EmailBackend"]
)
def test_a_console_or_locmem_mail_backend_fails_in_production(settings, backend):
    settings.PRODUCTION, settings.EMAIL_BACKEND = True, backend
    settings.FRONTLIJN_PUBLIC_URL = "https://frontlijn.example.nl"
    assert [e.id for e in check_production_mail_and_public_url()] == ["frontlijn.E001"]


@pytest.mark.parametrize("url", ["", "http://frontlijn.example.nl", "https://localhost:8000"])
def test_a_missing_or_local_public_url_fails_in_production(settings, url):
    settings.PRODUCTION, settings.EMAIL_BACKEND = True, "django.core.mail.backends.smtp.EmailBackend"
    settings.FRONTLIJN_PUBLIC_URL = url
    assert [e.id for e in check_production_mail_and_public_url()] == ["frontlijn.E002"]


def test_development_is_not_checked(settings):
    settings.PRODUCTION = False
    assert check_production_mail_and_public_url() == []


def test_feedback_links_and_addresses_are_scrubbed_from_log_records():
    token = "Zm9vYmFyYmF6cXV4LXF1dXgtcXV1eDEyMzQ1"
    text = scrub(f'"GET /r/{token}/ HTTP/1.1" 200 for an.bewoner@example.nl via https://x.nl/r/{token}/')
    assert token not in text and "an.bewoner@example.nl" not in text
    assert "/r/[…]" in text
    assert scrub("/r/bedankt/") == "/r/bedankt/"


def test_the_logging_sms_backend_logs_neither_number_nor_link(caplog):
    logger = logging.getLogger("frontlijn.feedback.messaging")
    logger.addFilter(ResidentDataFilter())
    try:
        with caplog.at_level(logging.INFO, logger="frontlijn.feedback.messaging"):
            LoggingSmsBackend().send(phone="06 12345678", text="Eén minuut: https://x.nl/r/geheim-token-123/")
    finally:
        logger.filters.clear()
    assert "12345678" not in caplog.text and "geheim-token" not in caplog.text
