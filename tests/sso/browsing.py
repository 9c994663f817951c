"""One user's browser across two servers: Frontlijn (Django's test client) and the provider (HTTP).

Redirects are followed hop by hop to wherever they point; the provider's login form is filled
in like a person would. Nothing of the protocol is stubbed.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import requests

FRONTLIJN = "http://testserver"


class TwoServerBrowser:
    def __init__(self, client, provider) -> None:
        self.client = client
        self.provider = provider
        self.http = requests.Session()
        self.visited: list[str] = []

    def go(self, url: str, *, method: str = "get", data: dict | None = None, password_for: tuple | None = None):
        """Open ``url`` and follow redirects; log in at the provider with ``password_for`` if asked."""
        for _ in range(20):
            self.visited.append(url)
            if url.startswith(self.provider.url):
                response = self.http.request(method, url, data=data, allow_redirects=False, timeout=30)
                method, data = "get", None
                if response.is_redirect:
                    url = urljoin(url, response.headers["Location"])
                    continue
                if response.status_code == 200 and 'name="password"' in response.text and password_for:
                    username, password = password_for
                    password_for = None
                    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
                    next_url = html.unescape(re.search(r'name="next" value="([^"]*)"', response.text).group(1))
                    method = "post"
                    data = {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": next_url}
                    continue
                return response
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            response = self.client.post(path, data or {}) if method == "post" else self.client.get(path)
            method, data = "get", None
            if response.status_code in (301, 302, 303):
                url = urljoin(FRONTLIJN + parts.path, response["Location"])
                continue
            return response
        raise AssertionError(f"too many redirects: {self.visited[-5:]}")

    def sso_login(self, username: str, password: str = "provider-pass-1"):
        return self.go(f"{FRONTLIJN}/oidc/authenticate/", password_for=(username, password))

    def provider_asks_for_password(self) -> bool:
        """Whether a fresh login makes the provider ask for a password (no provider session)."""
        response = self.go(f"{FRONTLIJN}/oidc/authenticate/")
        return isinstance(response, requests.Response) and 'name="password"' in response.text
