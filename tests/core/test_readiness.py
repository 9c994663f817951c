"""``/health/ready``: database, cache and migrations, per server, without logging in."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_ready_when_everything_is_in_place():
    response = Client().get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "migrations": "ok"}}


def test_not_ready_while_a_migration_is_not_applied(transactional_db):
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    names = sorted(name for app, name in MigrationLoader(connection).disk_migrations if app == "core")
    call_command("migrate", "core", names[-2], verbosity=0)  # un-apply the newest core migration
    try:
        response = Client().get("/health/ready")
        assert response.status_code == 503
        assert response.json()["checks"]["migrations"] == "1 not applied"
    finally:
        call_command("migrate", verbosity=0)
    assert Client().get("/health/ready").status_code == 200


def test_not_ready_when_the_cache_cannot_be_reached(settings):
    # A Redis nobody listens on (port 9 is "discard"; nothing runs there).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("unavailable")
