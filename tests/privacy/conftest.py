"""Make the browser fixtures of tests/browser available to the privacy browser test."""

from tests.browser.conftest import (  # noqa: F401
    assert_accessible,
    browser,
    login,
    phone_page,
    playwright_instance,
)
