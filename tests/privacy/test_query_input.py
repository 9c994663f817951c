"""Odd query-string values never give a server error (security.md, probe finding 4).

The named probe cases answer 400 with a Dutch message. The property test visits every URL of the
access matrix, records which query parameters the view actually reads (by watching the request's
``GET``), and feeds hypothesis-generated odd values to exactly those parameters: no 5xx allowed.
``FRONTLIJN_QUERY_FUZZ_EXAMPLES`` sets the number of examples per URL (default 12).
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlijn.privacy.access import SESSION_KEY
from tests import factories as f
from tests.privacy import matrix
from tests.privacy.test_access_matrix import _kwargs, endpoint_for, url_names
from tests.privacy.world import all_builders, allow_all_households, build_world

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    "2026-13-45T10:00",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "2026-01-01T00:00:00+99:00",
    "2026-02-30T00:00:00",
    "99999999999999999999",
    "-99999999999999999999",
    "-1",
    "0",
    "1e400",
    "NaN",
    "inf",
    "\x00",
    "a\x00b",
    "2026-W99",
    "0-W1",
    "9999-W53",
    "0000-00",
    "2026-00",
    "1.5",
    " ",
    "%",
    "' OR 1=1 --",
    "<script>",
    "x" * 5000,
]
ODD = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
)
EXAMPLES = int(os.environ.get("FRONTLIJN_QUERY_FUZZ_EXAMPLES", "12"))
# Visited by the property test with a client of its own (they end the session or erase data).
SKIP = {"logout", "set_language", "gdpr:subject-erase"}


def _dutch_400(response) -> str:
    assert response.status_code == 400, response.status_code
    return response.content.decode()


@pytest.fixture
def superuser_client():
    user = f.UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("value", ["2026-13-45T10:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "gisteren"])
def test_timeline_page_with_an_impossible_date_is_a_400(superuser_client, value):
    household = f.HouseholdFactory()
    session = superuser_client.session
    session[SESSION_KEY] = {str(household.pk): {"day": timezone.localdate().isoformat(), "reason": "test"}}
    session.save()
    url = reverse("register:household-timeline", kwargs={"pk": household.pk})
    body = _dutch_400(superuser_client.get(url, {"voor": value}))
    assert "Ongeldige" in body or "ongeldig" in body


def test_signal_area_with_an_overlong_number_is_a_400(superuser_client):
    body = _dutch_400(superuser_client.get(reverse("signals:area"), {"complex": "99999999999999999999"}))
    assert "complex" in body.lower()


@pytest.mark.parametrize("value", ["2026-01-01T00:00:00+99:00", "2026-02-30T00:00:00", "0001-01-01T00:00:00"])
def test_api_updated_since_out_of_range_is_a_400(superuser_client, value):
    response = superuser_client.get("/api/v1/zaken/", {"updated_since": value})
    assert response.status_code == 400, response.content
    assert "updated_since" in response.json()


class _Recorder:
    """Which keys a view reads from ``request.GET`` (the test client's query dict)."""

    def __init__(self, monkeypatch):
        self.keys: set[str] = set()
        recorder = self
        for name in ("get", "getlist", "__getitem__", "__contains__"):
            original = getattr(QueryDict, name)

            def spy(self, key, *args, _original=original, **kwargs):
                if isinstance(key, str):
                    recorder.keys.add(key)
                return _original(self, key, *args, **kwargs)

            monkeypatch.setattr(QueryDict, name, spy)


def _request(client, endpoint, url, query: dict):
    full = f"{url}?{urlencode(query)}" if query else url
    if endpoint.method == "POST":
        return client.post(full)
    return client.get(full)


def _prober(client, endpoint, url, params):
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(query=st.dictionaries(st.sampled_from(params), ODD, min_size=1))
    def probe(query):
        response = _request(client, endpoint, url, {**endpoint.params, **query})
        assert response.status_code < 500, f"{response.status_code} for {query!r}"

    return probe


def test_no_odd_query_value_gives_a_server_error_on_any_url(monkeypatch):
    world = build_world()
    builders = all_builders()
    user = world.users[matrix.SUPERUSER]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    allow_all_households(client, world)
    recorder = _Recorder(monkeypatch)
    failures: list[str] = []
    probed = 0
    for name in sorted(url_names()):
        found = endpoint_for(name)
        if found is None or name in matrix.IGNORED or name in SKIP:
            continue
        url_name, endpoint = found
        url = reverse(url_name, kwargs=_kwargs(endpoint, builders, world, "in", user))
        recorder.keys.clear()
        # A dummy key makes the query dict non-empty, so views with a form bind it and read every field.
        _request(client, endpoint, url, {"_probe": "1", **endpoint.params})
        params = sorted(recorder.keys - {"_probe", "csrfmiddlewaretoken"})
        if not params:
            continue
        probed += 1

        try:
            _prober(client, endpoint, url, params)()
        except Exception as exc:  # hypothesis re-raises the (shrunk) failure
            failures.append(f"{url_name} (reads {params}): {str(exc).splitlines()[0]}")
    assert probed >= 10, f"only {probed} URLs read query parameters: is the recorder still working?"
    assert not failures, "Server errors on odd query input:\n" + "\n".join(failures)
