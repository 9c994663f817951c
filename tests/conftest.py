"""Shared pytest fixtures and the rules for browser tests.

Model factories live in ``tests/factories.py``; this file stays small.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.nights import NIGHTS

# The browser fixtures (Playwright + Chromium, axe-core) for every test directory, loaded once.
pytest_plugins = ["tests.browser.fixtures"]

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "real_password_hashers: keep the production password hashers (Argon2) in this test"
    )


def pytest_report_header(config: pytest.Config) -> list[str]:
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = f"{db.get('HOST') or 'local'}:{db.get('PORT') or '-'}" if "sqlite" not in db["ENGINE"] else "in memory"
    chromium = "found" if CHROMIUM.exists() else "MISSING (browser tests skipped)"
    from frontlijn.lib import clock

    return [
        f"frontlijn: database {db['ENGINE'].rsplit('.', 1)[-1]} ({where}); {CHROMIUM} {chromium}; CI={in_ci()}",
        f"frontlijn: clock {clock.localtime():%Y-%m-%d %H:%M %Z} ({clock.now():%Y-%m-%d %H:%M} UTC)",
    ]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/browser, and every tests/<app>/test_browser_*.py, is a browser test;
    those need Debian's Chromium.

    Locally they are skipped without it; CI never skips them.
    """
    _deselect_scaleout_unless_asked(config, items)
    _deselect_postgresql_only_on_sqlite(config, items)
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents or Path(item.path).name.startswith("test_browser"):
            item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists():
        return
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items:
        return
    if in_ci():
        raise pytest.UsageError(
            f"CI is set but {CHROMIUM} is missing: {len(browser_items)} browser test(s) cannot run "
            "and may not be skipped in CI (apt-get install chromium)."
        )
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not found: browser test skipped (apt-get install chromium)")
    for item in browser_items:
        item.add_marker(skip)


def _deselect_scaleout_unless_asked(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The scale-out test (tests/scaleout) starts servers, nginx and Redis: it runs only when asked
    for with ``-m scaleout`` (`make test-scaleout`, its own CI stage), and is deselected, not skipped,
    otherwise."""
    if "scaleout" in (config.option.markexpr or ""):
        return
    scaleout = [item for item in items if item.get_closest_marker("scaleout")]
    if scaleout:
        config.hook.pytest_deselected(items=scaleout)
        items[:] = [item for item in items if not item.get_closest_marker("scaleout")]


def _deselect_postgresql_only_on_sqlite(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgresql_only`` (real concurrent transactions) run in the PostgreSQL run
    (CI's stage 6) and are deselected, not skipped, on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    only_pg = [item for item in items if item.get_closest_marker("postgresql_only")]
    if only_pg:
        config.hook.pytest_deselected(items=only_pg)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql_only")]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    # Remember each phase's report so fixtures can tell whether the test failed (screenshots).
    setattr(item, f"rep_{report.when}", report)
    # In CI nothing may be skipped: a skip there (a missing tool, a missing browser) is a failure.
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"test skipped in CI, which is not allowed: {report.longrepr}"
    return report


@pytest.fixture(scope="session", autouse=True)
def _test_flushes_may_empty_the_audit_log():
    """Transactional tests end with ``flush``: on SQLite that is DELETE, which the audit log's
    trigger refuses outside an approved prune (PostgreSQL flushes with TRUNCATE). Let the
    test-database flush through, and nothing else."""
    from django.core.management.commands import flush
    from django.db import connections

    from frontlijn.privacy import audit_guard

    original = flush.Command.handle

    def handle(self, **options):
        with audit_guard.allow_prune(connections[options.get("database") or "default"]):
            return original(self, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists() -> None:
    """WhiteNoise warns on every request when STATIC_ROOT is missing (a fresh clone has no var/static)."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def fast_password_hashers(request: pytest.FixtureRequest, settings) -> None:
    """MD5 instead of Argon2 keeps the suite fast.

    A test that checks the real hashers marks itself ``@pytest.mark.real_password_hashers``
    (or overrides this fixture, or sets ``settings.PASSWORD_HASHERS`` itself).
    """
    if request.node.get_closest_marker("real_password_hashers"):
        return
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_for(db):
    """``client_for(user)`` returns a new Django test client logged in as ``user`` (as after the
    password and, for roles that need it, the TOTP step).

    Each call gets its own client, so one test can act as several users at once.
    """
    from django.test import Client

    from tests.factories import login

    def make(user, **defaults) -> Client:
        return login(Client(**defaults), user)  # with the second factor where the role needs one

    return make


@pytest.fixture(params=NIGHTS, ids=[n.name for n in NIGHTS])
def night(request):
    """Runs the test once at each of the four instants date code breaks at (tests/nights.py),
    with the clock ticking on from there. Yields the ``Night``.

    Request it before the fixtures that log in or make data, so they are made at that instant
    (a session made at the real time may have expired at the instant travelled to)."""
    with request.param.travel():
        yield request.param


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (memoised dashboard sums, navigation, ...)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> str:
    """A real redis-server for this test session (tests/services.py)."""
    from tests.services import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def fresh_registry():
    """The classifier's stored versions are cached per process by number; start and end without them."""
    from frontlijn.signals.classifier import registry

    def clear():
        for version in [v for v in registry._cache if v != registry.SHIPPED_VERSION]:
            del registry._cache[version]

    clear()
    yield
    clear()
