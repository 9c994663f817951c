"""`frontlijn serve --production` from a fresh install (the documented steps): no 500 for a missing
static manifest, HTML pages and their hashed static files answered by gunicorn."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.services import free_port

FRONTLIJN = Path(sys.executable).with_name("frontlijn")
# Not from the test run into the servers: its database, and the browser tests' async opt-out.
ENV_DROPPED = ("DATABASE_URL", "DEBUG", "REDIS_URL", "TASKS_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE")


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
    env.update(
        FRONTLIJN_ENV="production",
        FRONTLIJN_DATA_DIR=str(data_dir),
        SECRET_KEY="test-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        WEB_CONCURRENCY="1",
        FRONTLIJN_AUDIT_KEYS="k1:" + "a3F9" * 10,
    )
    return env


def _serve_refused(env: dict) -> str:
    """Start `frontlijn serve --production`; it must exit with an error. Returns its stderr."""
    result = subprocess.run(
        [str(FRONTLIJN), "serve", "--production", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    return result.stderr


def test_production_server_refuses_to_start_without_an_audit_key(tmp_path):
    env = _env(tmp_path)
    del env["FRONTLIJN_AUDIT_KEYS"]
    stderr = _serve_refused(env)
    assert "Frontlijn start niet" in stderr and "FRONTLIJN_AUDIT_KEYS" in stderr


def test_production_server_refuses_a_short_audit_key(tmp_path):
    assert "te kort" in _serve_refused(_env(tmp_path) | {"FRONTLIJN_AUDIT_KEYS": "k1:short"})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str) -> tuple[int, str, dict]:
    # The reverse proxy terminates TLS and says so; gunicorn trusts it from 127.0.0.1.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_production_serving_from_a_fresh_install(tmp_path):
    env = _env(tmp_path)
    subprocess.run([str(FRONTLIJN), "migrate", "--noinput", "-v0"], env=env, check=True, timeout=300)
    assert not (tmp_path / "static" / "staticfiles.json").exists()  # nothing collected yet
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(FRONTLIJN), "serve", "--production", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                status, _body, _ = _get(f"{base}/health/")
                if status == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the production server did not come up"
            time.sleep(0.5)
        status, body, headers = _get(f"{base}/accounts/login/")
        assert status == 200, body[:2000]
        assert "<form" in body and 'lang="nl"' in body
        css = re.search(r'href="(/static/frontlijn/frontlijn\.[0-9a-f]{12}\.css)"', body)
        assert css, "the page links the hashed (manifest) stylesheet"
        assert _get(base + css.group(1))[0] == 200
        assert headers.get("Strict-Transport-Security", "").startswith("max-age=")
        ready = _get(f"{base}/health/ready")
        assert ready[0] == 200, ready[1]
        # The load balancer asks the server itself, over plain HTTP: answered, not redirected to HTTPS.
        with urllib.request.urlopen(f"{base}/health/ready", timeout=10) as plain:
            assert plain.status == 200 and plain.url == f"{base}/health/ready"
        # Any other page over plain HTTP without the proxy's header goes to HTTPS.
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(f"{base}/accounts/login/", timeout=10)
            raise AssertionError("plain HTTP was not redirected")
        except urllib.error.HTTPError as error:
            assert error.code == 301 and error.headers["Location"].startswith("https://")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_refuses_with_a_clear_message_when_told_not_to_collect(tmp_path):
    env = _env(tmp_path)
    result = subprocess.run(
        [str(FRONTLIJN), "serve", "--production", "--no-collectstatic", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "collectstatic" in result.stderr


def test_check_deploy_is_clean_for_a_correct_production_configuration(tmp_path):
    env = _env(tmp_path)
    env["SECRET_KEY"] = "Zq8" + "".join(
        chr(65 + (i * 7) % 26) + chr(97 + (i * 11) % 26) + str(i % 10) for i in range(20)
    )
    # What a correct production configuration also sets (docs/deploy.md, docs/security.md).
    env["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
    env["FRONTLIJN_PUBLIC_URL"] = "https://frontlijn.example.nl"
    env["FRONTLIJN_AUDIT_KEYS"] = "k1:" + "a3F9" * 10
    result = subprocess.run(
        [str(FRONTLIJN), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
