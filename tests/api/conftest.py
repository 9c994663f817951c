from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from frontlijn.api.tokens import api_token_create


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; token ids repeat between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client_for(db):
    """``api_client_for(user, scope="read")`` -> an APIClient sending a fresh token of ``user``."""

    def make(user, scope: str = "read") -> APIClient:
        _row, token = api_token_create(owner=user, name="test", scope=scope)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make
