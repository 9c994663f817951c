"""Fixtures for the feedback tests."""

from tests.api.conftest import api_client_for  # noqa: F401 - the API client (ERP sync tests)
