"""The shared cache: Redis through REDIS_URL (a real redis-server), the database cache in production."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import redis
from rest_framework.test import APIClient

from frontlijn.api.tokens import api_token_create
from tests.api.factories import admin_user

SETTINGS_PROBE = (
    # The settings module alone (no app loading): what it makes of the environment.
    "import frontlijn.settings as settings; print(settings.CACHES['default']['BACKEND'])"
)


def _run(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True)


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url, "KEY_PREFIX": "t"}
    }
    redis.Redis.from_url(redis_url).flushdb()
    return redis.Redis.from_url(redis_url)


def test_redis_url_picks_redis_and_production_defaults_to_the_database_cache():
    assert _run(SETTINGS_PROBE, REDIS_URL="redis://127.0.0.1:6379/0").stdout.strip().endswith("RedisCache")
    prod = _run(SETTINGS_PROBE, FRONTLIJN_ENV="production", SECRET_KEY="x" * 50, REDIS_URL="")
    assert prod.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", prod.stderr
    assert _run(SETTINGS_PROBE, REDIS_URL="").stdout.strip().endswith("LocMemCache")


@pytest.mark.django_db
def test_the_api_rate_limit_is_counted_in_redis(redis_cache, settings):
    settings.FRONTLIJN_API_RATE = "2/minute"
    _row, token = api_token_create(owner=admin_user(), name="ERP")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [client.get("/api/v1/wijken/").status_code for _ in range(3)] == [200, 200, 429]
    assert any(b"throttle_api_token" in key for key in redis_cache.keys("*"))


@pytest.mark.django_db
def test_the_api_rate_limit_is_shared_with_another_process(redis_cache, settings, redis_url):
    """A second process (another server) with the same REDIS_URL sees the same counter."""
    settings.FRONTLIJN_API_RATE = "2/minute"
    _row, token = api_token_create(owner=admin_user(), name="ERP")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/wijken/").status_code == 200
    from django.core.cache import cache

    key = next(k.decode().split(":", 2)[2] for k in redis_cache.keys("*throttle_api_token*"))
    other = _run(
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','frontlijn.settings'); django.setup();"
        f"from django.core.cache import cache; print(len(cache.get({key!r}))); cache.set('from-other', 'hallo')",
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX="t",
    )
    assert other.stdout.strip() == "1", other.stderr
    assert cache.get("from-other") == "hallo"


@pytest.mark.django_db
def test_the_database_cache_table_exists_after_migrate(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "frontlijn_cache"}
    }
    from django.core.cache import cache

    cache.set("gedeeld", 42, 30)
    assert cache.get("gedeeld") == 42
