"""Every page needs a login, except an explicit list: walk every URL pattern as an anonymous visitor.

Django's ``LoginRequiredMiddleware`` sends anonymous visitors to the login page unless the view is
marked ``@login_not_required``. A view that is marked by mistake (or a new one that should be) shows
up here: its route has to be in :data:`PUBLIC` or under :data:`PUBLIC_UNDER`.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern

pytestmark = pytest.mark.django_db

# Routes an anonymous visitor may reach (the login itself, health probes for the load balancer, the
# resident's one-minute question behind a token, the offline app's shell without personal data).
PUBLIC = {
    "accounts/login/",
    "accounts/login/tweestaps/",
    "oidc/authenticate/",
    "oidc/callback/",
    "i18n/setlang/",
    "health/",
    "health/ready",
    "favicon.ico",
    "sw.js",
    "manifest.webmanifest",
    "offline/",
    "r/bedankt/",
    "r/<str:token>/",
}
# The API authenticates every call with a token of its own (frontlijn.api.auth).
PUBLIC_UNDER = ("api/",)

_SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-4000-8000-000000000001"}


def _route_sample(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: _SAMPLES[m.group(1) or "str"], route)


def _regex_sample(regex: str) -> str:
    """A path the regex matches: a named group becomes its first alternative (or "1")."""

    def group(match):
        body = match.group(1)
        return body.split("|")[0] if re.fullmatch(r"[\w|-]+", body) else "1"

    text = re.sub(r"\(\?P<\w+>((?:[^()]|\([^()]*\))*)\)", group, regex)
    text = re.sub(r"\\\.\(\?P<format>.*$", "", text)  # DRF's optional format suffix
    return text.lstrip("^").replace("$", "").replace("\\Z", "").replace("/?", "/").replace("\\", "")


def every_route(resolver=None, prefix: tuple[str, str] = ("", "")) -> list[tuple[str, str]]:
    """(route as written, a concrete path) for every URL pattern of the project."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        raw = str(pattern.pattern)
        sample = _regex_sample(raw) if isinstance(pattern.pattern, RegexPattern) else _route_sample(raw)
        here = (prefix[0] + raw, prefix[1] + sample)
        if isinstance(pattern, URLResolver):
            found += every_route(pattern, here)
        elif isinstance(pattern, URLPattern):
            found.append(here)
    return found


def _is_public(route: str) -> bool:
    return route in PUBLIC or route.startswith(PUBLIC_UNDER)


def _login_with_next(response) -> str | None:
    """The ``next`` of a redirect to the login page, else None."""
    prefix = f"{reverse('login')}?next="
    if response.status_code == 302 and response.url.startswith(prefix):
        return response.url[len(prefix) :]
    return None


def _to_login(client: Client, path: str) -> bool:
    """Whether an anonymous GET of ``path`` is sent to the login page, to come back to ``path``."""
    return _login_with_next(client.get(path)) == quote(path, safe="/")


def test_the_walk_covers_the_project():
    routes = dict(every_route())
    assert len(routes) > 100
    assert {"plannen/<int:pk>/", "beheer/", "r/<str:token>/"} <= set(routes)
    assert all(r in routes for r in PUBLIC), set(PUBLIC) - set(routes)


def test_anonymous_visitors_go_to_the_login_page_except_on_the_public_routes():
    client = Client()
    wrong = []
    for route, sample in every_route():
        path = "/" + sample
        if _is_public(route):
            response = client.get(path)
            if _login_with_next(response) is not None:
                wrong.append(f"{route} ({path}) is public but sends anonymous visitors to the login page")
            elif response.status_code >= 500:
                wrong.append(f"{route} ({path}): server error {response.status_code}")
        elif not _to_login(client, path):
            wrong.append(f"{route} ({path}): does not send anonymous visitors to the login page")
    assert not wrong, "\n".join(wrong)


def test_a_post_without_login_is_sent_to_the_login_page_too():
    response = Client().post("/plannen/nieuw/", {"title": "x"})
    assert _login_with_next(response) == "/plannen/nieuw/"


def test_an_unknown_path_sends_anonymous_visitors_to_the_login_too_except_for_files_and_the_api():
    client = Client()
    assert _to_login(client, "/bestaat-niet/")
    for path in ("/static/bestaat-niet.css", "/api/bestaat-niet/", "/r/a/b/"):
        assert client.get(path).status_code == 404, path
