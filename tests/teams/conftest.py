"""Make the browser fixtures (tests/browser/conftest.py) available to this app's browser test."""

from tests.browser.conftest import (  # noqa: F401
    assert_accessible,
    browser,
    login,
    phone_page,
    playwright_instance,
)
