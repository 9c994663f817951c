import pytest
def test_bad(phone_page, assert_accessible):
    phone_page.goto("/accounts/login/")
    phone_page.set_content('<html><body><img src="data:image/png;base64,iVBORw0KGgo="><input type=text><a href="#"></a></body></html>')
    with pytest.raises(AssertionError) as e:
        assert_accessible(phone_page)
    print(e.value)

def test_external(phone_page):
    phone_page.goto("/accounts/login/")
    phone_page.evaluate("fetch('https://example.org/x').catch(()=>0)")
    phone_page.wait_for_timeout(300)

def test_jserr(desk_page):
    desk_page.goto("/accounts/login/")
    desk_page.evaluate("setTimeout(()=>{throw new Error('boom')},0)")
    desk_page.wait_for_timeout(300)

def test_fail_shot(desk_page):
    desk_page.goto("/accounts/login/")
    assert False
