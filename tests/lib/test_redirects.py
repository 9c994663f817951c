"""Finding 9 of the security probe: every ``next`` redirect stays on this site."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db
EVIL = ["https://evil.example/phish", "//evil.example/phish", "javascript:alert(1)", "http:\\\\evil.example"]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("evil", EVIL)
@pytest.mark.parametrize("name", ["contacts:promise-done", "contacts:promise-cancel"])
def test_promise_buttons_never_redirect_off_site(name, evil):
    promise = f.PromiseFactory()
    response = _client(promise.owner).post(reverse(name, kwargs={"pk": promise.pk}), {"next": evil})
    assert response.status_code == 302
    assert response.url == reverse("contacts:promises")


@pytest.mark.parametrize("odd", ["0", "contacts:promises", "x.y", " "])
@pytest.mark.parametrize("name", ["contacts:promise-done", "contacts:promise-cancel"])
def test_a_next_that_is_no_path_goes_to_the_default_instead_of_failing(name, odd):
    # redirect() would try such a value as a URL name and fail with a server error.
    promise = f.PromiseFactory()
    response = _client(promise.owner).post(reverse(name, kwargs={"pk": promise.pk}), {"next": odd})
    assert response.status_code == 302
    assert response.url == reverse("contacts:promises")


def test_promise_buttons_keep_a_next_on_this_site():
    promise = f.PromiseFactory()
    response = _client(promise.owner).post(
        reverse("contacts:promise-done", kwargs={"pk": promise.pk}), {"next": "/beloftes/?x=1"}
    )
    assert response.url == "/beloftes/?x=1"


@pytest.mark.parametrize("evil", EVIL)
def test_taking_a_case_never_redirects_off_site(evil):
    buurt, team = f.area()
    user = f.UserFactory(teams=[team])
    case = f.CaseFactory(household__unit__buurt=buurt, household__unit__complex__buurt=buurt, assignee_team=team)
    response = _client(user).post(reverse("teams:case-take", kwargs={"case_pk": case.pk}), {"next": evil})
    assert response.status_code == 302
    assert not response.url.startswith(("http", "//", "javascript"))


@pytest.mark.parametrize("evil", EVIL)
def test_the_reason_step_never_redirects_off_site(evil):
    household = f.HouseholdFactory()
    user = f.UserFactory(role="kcc")
    response = _client(user).post(
        reverse("gdpr:reason", kwargs={"household_pk": household.pk}),
        {"next": evil, "reason": "anders", "other": "test"},
    )
    assert response.status_code == 302
    assert response.url == reverse("register:household", kwargs={"pk": household.pk})


def test_no_view_reads_next_without_the_one_helper():
    """``request.POST/GET.get("next")`` appears only in frontlijn.lib.redirects."""
    import re
    from pathlib import Path

    import frontlijn

    root = Path(frontlijn.__file__).parent
    pattern = re.compile(r"""\.(POST|GET)\.get\(\s*["']next["']""")
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p.name != "redirects.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
