"""Proves the browser-test infrastructure: Chromium, live_server and axe-core work together."""


def test_login_page_on_a_phone_is_accessible(phone_page, assert_accessible):
    phone_page.goto("/accounts/login/")
    assert phone_page.locator("input[name=username]").is_visible()
    assert phone_page.locator("input[name=password]").is_visible()
    assert phone_page.viewport_size == {"width": 375, "height": 812}
    assert_accessible(phone_page)
