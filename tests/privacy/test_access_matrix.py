"""The generated access-matrix test: every URL of the project, for every role, inside and outside
the user's area, against ``tests.privacy.matrix``. A URL without an entry fails here."""

from __future__ import annotations

import os
import time

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import login
from tests.pdftext import pdf_text
from tests.privacy import matrix
from tests.privacy.world import MARKERS, all_builders, allow_all_households, build_world

pytestmark = pytest.mark.django_db
TIMINGS: dict[str, float] = {}  # seconds per URL name; print with FRONTLIJN_MATRIX_TIMINGS=1


def url_names(resolver=None, namespace: str = "") -> dict[str, str]:
    """Every URL pattern of the project: "namespace:name" (or the route when unnamed) -> route."""
    resolver = resolver or get_resolver()
    found: dict[str, str] = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            for name, route in url_names(pattern, full_ns).items():
                found.setdefault(name, f"{pattern.pattern}{route}")
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            found.setdefault(f"{namespace}:{name}" if namespace else name, str(pattern.pattern))
    return found


def endpoint_for(name: str) -> tuple[str, matrix.Endpoint] | None:
    if name in matrix.ENDPOINTS:
        return name, matrix.ENDPOINTS[name]
    namespace = name.split(":", 1)[0]
    if ":" in name and namespace in matrix.NAMESPACES:
        return matrix.NAMESPACES[namespace]
    return None


def test_every_url_has_an_entry_in_the_access_matrix():
    missing = [
        f"  {name!r} (route {route!r})"
        for name, route in sorted(url_names().items())
        if name not in matrix.IGNORED and endpoint_for(name) is None
    ]
    assert not missing, (
        "These URLs have no entry in src/frontlijn/privacy/matrix.py ENDPOINTS. Declare which data kind "
        "each shows, e.g. ENDPOINTS['signals:detail'] = Endpoint('area_signal', kwargs={'pk': 'signal'}):\n"
        + "\n".join(missing)
    )


def test_matrix_entries_point_to_existing_urls_and_kinds():
    names = set(url_names())
    stale = [name for name in matrix.ENDPOINTS if name not in names]
    assert not stale, f"privacy/matrix.py ENDPOINTS has entries for URLs that no longer exist: {stale}"
    kinds = set(matrix.MATRIX) | {matrix.PUBLIC}
    unknown = {name: e.kind for name, e in matrix.ENDPOINTS.items() if e.kind not in kinds}
    assert not unknown, f"unknown data kinds (add them to MATRIX): {unknown}"
    for kind, row in matrix.MATRIX.items():
        assert set(row) == set(matrix.ROLES), f"MATRIX[{kind!r}] must name every role"


def _call(client: Client, endpoint: matrix.Endpoint, url: str):
    if endpoint.method == "POST":
        return client.post(url, endpoint.params)
    return client.get(url, endpoint.params)


def _denied(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def response_text(response) -> str:
    """What a person reads in a response: HTML/JSON/CSV as text, and the text inside attachments
    too — the text of a PDF (as pdftotext reads it) and the cells of an XLSX workbook."""
    import html
    import io
    import re
    import zipfile

    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"%PDF"):  # the PDFs embed a font (glyph ids, not text): read them as a reader does
        return pdf_text(raw)
    if raw.startswith(b"PK"):  # XLSX (a zip of XML parts)
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            xml = " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.endswith(".xml"))
        return html.unescape(re.sub(r"<[^>]+>", " ", xml))
    return raw.decode("utf-8", "replace")


def _leaks(world, role: str, response) -> list[str]:
    """Marker texts in the response (attachments included: CSV, XLSX, PDF, JSON) that this role may
    not see."""
    if response.status_code != 200:
        return []
    body = response_text(response)
    user = world.users[role]
    problems = []
    for kind, by_where in MARKERS.items():
        level = matrix.access(user, kind)
        for where, marker in by_where.items():
            allowed = level == matrix.ALL or (level == matrix.AREA and where == "in")
            if marker in body and not allowed:
                problems.append(f"shows {kind} data from {'inside' if where == 'in' else 'outside'} the area")
    return problems


# One role per distinct column of the matrix (and the roles with pages of their own). Set
# FRONTLIJN_MATRIX_ALL_ROLES=1 to check all twelve roles (slower).
REPRESENTATIVE_ROLES = (
    "wijkbeheerder",
    "verhuurmedewerker",
    "teamleider",
    "kcc",
    "planeigenaar",
    "beheerder",
    matrix.SUPERUSER,
    matrix.PRIVACY_OFFICER,
)


# Kinds without resident data: one role per access level is enough (plus a front role and a
# figures-only role, which would show any resident data leaking into such a page).
FIGURE_KINDS = frozenset(
    {"aggregate", "dashboard", "geography", "staff", "area_signal", "plan", "management", "admin", "audit"}
)
ROLE_PREFERENCE = ("planeigenaar", "wijkbeheerder", "kcc", "teamleider", "verhuurmedewerker")


def roles_to_check(kind: str | None = None) -> tuple[str, ...]:
    if os.environ.get("FRONTLIJN_MATRIX_ALL_ROLES"):
        return matrix.ROLES
    if kind not in FIGURE_KINDS:
        return REPRESENTATIVE_ROLES
    ordered = [*ROLE_PREFERENCE, *(r for r in REPRESENTATIVE_ROLES if r not in ROLE_PREFERENCE)]
    chosen: dict[str, str] = {}
    for role in ordered:
        chosen.setdefault(matrix.MATRIX[kind][role], role)
    return tuple(dict.fromkeys(["planeigenaar", "wijkbeheerder", *chosen.values()]))


def test_every_url_follows_the_access_matrix_for_every_role():
    world = build_world()
    builders = all_builders()
    failures: list[str] = []
    clients = {}
    for role in roles_to_check():
        user = world.users[role]
        client = login(Client(), user)
        allow_all_households(client, world)
        clients[role] = client
    checked = set()
    for name in sorted(url_names()):
        found = endpoint_for(name)
        if found is None or name in matrix.IGNORED:
            continue  # reported by test_every_url_has_an_entry_in_the_access_matrix
        url_name, endpoint = found
        if url_name in checked:
            continue
        checked.add(url_name)
        unknown = [obj for obj in endpoint.kwargs.values() if not obj.startswith("literal:") and obj not in builders]
        if unknown:
            failures.append(
                f"{url_name}: no test object builder for {unknown} (add one in tests/<app>/privacy_world.py)"
            )
            continue
        # Anonymous visitors reach only public URLs.
        if endpoint.kind != matrix.PUBLIC:
            user = world.users[matrix.SUPERUSER]
            url = reverse(url_name, kwargs=_kwargs(endpoint, builders, world, "in", user))
            response = _call(Client(), endpoint, url)
            if not _denied(response):
                failures.append(f"{url_name}: reachable without logging in ({response.status_code})")
        # Public URLs answer everyone alike: one anonymous call and one logged-in call are enough.
        roles = ("wijkbeheerder",) if endpoint.kind == matrix.PUBLIC else roles_to_check(endpoint.kind)
        if endpoint.kind == matrix.PUBLIC:
            url = reverse(url_name, kwargs=_kwargs(endpoint, builders, world, "in", world.users["wijkbeheerder"]))
            response = _call(Client(), endpoint, url)
            if response.status_code >= 500:
                failures.append(f"{url_name} without login: server error {response.status_code}")
            elif response.status_code == 200 and any(
                marker in response.content.decode("utf-8", "replace")
                for by_where in MARKERS.values()
                for marker in by_where.values()
            ):
                failures.append(f"{url_name} without login: shows resident data")
        for role in roles:
            user = world.users[role]
            level = matrix.access(user, endpoint.kind)
            for where in ("in", "out") if endpoint.kwargs else ("in",):
                url = reverse(url_name, kwargs=_kwargs(endpoint, builders, world, where, user))
                client = clients[role]
                if endpoint.kind == matrix.PUBLIC:  # e.g. logout: keep the role's own client logged in
                    client = login(Client(), user)
                started = time.perf_counter()
                response = _call(client, endpoint, url)
                TIMINGS[url_name] = TIMINGS.get(url_name, 0) + time.perf_counter() - started
                label = f"{url_name} as {role} ({'inside' if where == 'in' else 'outside'} area)"
                if response.status_code >= 500:
                    failures.append(f"{label}: server error {response.status_code}")
                    continue
                if endpoint.kind == matrix.PUBLIC or level == matrix.SOME:
                    pass  # only the checks for server errors and leaks apply
                elif endpoint.kwargs:
                    expected = level == matrix.ALL or (level in (matrix.AREA, matrix.OWN) and where == "in")
                    if expected and _denied(response):
                        failures.append(f"{label}: matrix says {level} but got {response.status_code}")
                    if not expected and not _denied(response):
                        failures.append(f"{label}: matrix says {level} but got {response.status_code} (not denied)")
                # A list with level "none" may answer 200 with nothing in it: the leak check below decides.
                elif level == matrix.ALL and endpoint.method == "GET" and _denied(response):
                    failures.append(f"{label}: matrix says all but got {response.status_code}")
                if endpoint.kind != "audit":  # the data-subject export shows everything by design
                    failures += [f"{label}: {leak}" for leak in _leaks(world, role, response)]
    if os.environ.get("FRONTLIJN_MATRIX_TIMINGS"):
        print(sorted(TIMINGS.items(), key=lambda kv: -kv[1])[:15])
    assert not failures, "Access-matrix violations:\n" + "\n".join(failures)


def test_the_leak_check_reads_inside_pdf_xlsx_json_and_csv_attachments(client_for):
    """The privacy officer's inzage export holds the resident's name: the check must see it in the
    PDF and the JSON; a workbook and a CSV with a marker are read as well."""
    import io

    from django.http import HttpResponse
    from openpyxl import Workbook

    from tests.privacy.factories import privacy_officer

    world = build_world()
    resident = world.residents["in"]
    officer = client_for(privacy_officer())
    for name in ("gdpr:subject-pdf", "gdpr:subject-json"):
        response = officer.get(reverse(name, args=[resident.pk]))
        assert "attachment" in response["Content-Disposition"]
        assert resident.last_name in response_text(response), name
    book, buffer = Workbook(), io.BytesIO()
    book.active["A1"] = f"Naam: {resident.last_name}"
    book.save(buffer)
    assert resident.last_name in response_text(HttpResponse(buffer.getvalue()))
    assert resident.last_name in response_text(HttpResponse(f"naam;x\n{resident.last_name};1\n".encode()))


def _kwargs(endpoint, builders, world, where, user) -> dict:
    kwargs = {}
    for key, obj in endpoint.kwargs.items():
        kwargs[key] = obj.removeprefix("literal:") if obj.startswith("literal:") else builders[obj](world, where, user)
    return kwargs
