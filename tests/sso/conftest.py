"""A real OpenID Connect provider (django-oauth-toolkit, tests/sso/provider) in its own process.

Session-scoped: migrated once into its own SQLite file and served by ``django runserver`` on a
free loopback port. Under CI=true a provider that cannot start fails the tests, never skips them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import in_ci

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "frontlijn-test"
CLIENT_SECRET = "frontlijn-test-secret-0123456789"
CALLBACK = "http://testserver/oidc/callback/"
AFTER_LOGOUT = "http://testserver/accounts/login/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Provider:
    url: str
    env: dict
    discovery: dict

    @property
    def issuer(self) -> str:
        return self.discovery["issuer"]

    def cli(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "tests.sso.provider.cli", *args], cwd=ROOT, env=self.env, check=True, timeout=60
        )

    def user(self, username: str, *, groups: list[str], password: str = "provider-pass-1", active: bool = True) -> None:
        """Create or replace a user of the provider, as a directory administrator would."""
        args = ["user", username, password, f"{username}@corporatie.test", "--groups", ",".join(groups)]
        self.cli(*args, *([] if active else ["--inactive"]))


def _start(tmp: Path) -> tuple[subprocess.Popen, Provider]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = tmp / "provider-key.pem"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
        "SSO_PROVIDER_PORT": str(port),
        "SSO_PROVIDER_DB": str(tmp / "provider.sqlite3"),
        "SSO_PROVIDER_KEY": str(key_file),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=120
    )
    log = (tmp / "provider.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            response = requests.get(f"{url}/o/.well-known/openid-configuration", timeout=2)
            if response.status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the test OIDC provider did not start: {(tmp / 'provider.log').read_text()[-2000:]}")
        time.sleep(0.2)
    provider = Provider(url=url, env=env, discovery=response.json())
    provider.cli("client", CLIENT_ID, CLIENT_SECRET, CALLBACK, AFTER_LOGOUT)
    return process, provider


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory) -> Provider:
    tmp = tmp_path_factory.mktemp("oidc-provider")
    try:
        process, provider = _start(tmp)
    except Exception as exc:
        if in_ci():
            pytest.fail(f"CI: the OpenID Connect test provider could not start: {exc}")
        pytest.skip(f"the OpenID Connect test provider could not start: {exc}")
    yield provider
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def sso_settings(settings, oidc_provider):
    """Frontlijn configured for the provider as an association would, through the OIDC_* settings."""
    d = oidc_provider.discovery
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = d["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = d["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = d["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = d["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = d["jwks_uri"]
    settings.OIDC_OP_END_SESSION_ENDPOINT = d["end_session_endpoint"]
    settings.OIDC_ROLE_MAP = {"frontlijn-beheer": "beheerder", "frontlijn-wijkbeheer": "wijkbeheerder"}
    settings.OIDC_TEAM_MAP = {"team-noord": "Team Noord", "team-zuid": "Team Zuid"}
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "frontlijn.sso.backend.FrontlijnOIDCBackend",
    ]
    return settings
