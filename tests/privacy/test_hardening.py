import logging
import os
import subprocess
import sys

import pytest
from django.urls import include, path, reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client_for):
    response = client_for(f.UserFactory()).get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("style-src-attr")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_scripts():
    from pathlib import Path

    import frontlijn

    root = Path(frontlijn.__file__).parent
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text()
        for chunk in text.split("<script")[1:]:
            if "src=" not in chunk.split(">")[0]:
                offenders.append(str(template.relative_to(root)))
        if " onclick=" in text or " onload=" in text or " onchange=" in text:
            offenders.append(str(template.relative_to(root)))
    assert not offenders, f"inline JavaScript is blocked by the CSP: {offenders}"


def test_health_endpoint_answers_without_login(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "FRONTLIJN_ENV": "production",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-1234567890",
        "ALLOWED_HOSTS": "frontlijn.example.nl",
        "FRONTLIJN_DATA_DIR": str(tmp_path),
        "FRONTLIJN_AUDIT_KEYS": "2026-12:an-audit-chain-key-of-at-least-32-characters-0123",
        "DJANGO_SETTINGS_MODULE": "frontlijn.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "FRONTLIJN_PUBLIC_URL": "https://frontlijn.example.nl",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests in this process only
    result = subprocess.run(
        [sys.executable, "-m", "frontlijn", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _boom(request):
    raise RuntimeError(f"kapot bij {request.POST.get('naam')} {request.GET.get('q')}")


urlpatterns = [path("boom/", _boom), path("", include("frontlijn.urls"))]


@pytest.mark.urls("tests.privacy.test_hardening")
def test_server_errors_are_logged_without_resident_data(client_for, caplog, settings):
    settings.DEBUG = False
    from frontlijn.lib.logging import ResidentDataFilter

    caplog.handler.addFilter(ResidentDataFilter())
    client = client_for(f.UserFactory())
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post("/boom/?q=Jansen+1234AB", {"naam": "Mevrouw Pietersen"})
    assert response.status_code == 500
    assert caplog.records, "the error was logged"
    logged = "\n".join(caplog.handler.format(r) for r in caplog.records)
    assert "RuntimeError" in logged and "_boom" in logged  # the error and where it happened
    assert "Pietersen" not in logged
    assert "Jansen" not in logged and "1234AB" not in logged
