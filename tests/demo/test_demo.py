import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from frontlijn.contacts.models import ContactMoment
from frontlijn.register.models import Household, Resident, Unit
from frontlijn.teams.models import Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_db_blocker):
    call_command("demo", size="small", verbosity=0)


def test_demo_creates_an_association_with_one_account_per_role(demo, capsys):
    assert Unit.objects.count() > 0 and Household.objects.count() > 0 and Resident.objects.count() > 0
    assert ContactMoment.objects.filter(beyond_note__gt="").exists()
    for role in Role.values:
        assert User.objects.filter(username=role, role=role).exists(), role
    assert User.objects.get(username="admin").is_superuser


def test_demo_is_idempotent_and_prints_the_accounts(demo, capsys):
    units = Unit.objects.count()
    call_command("demo", size="small")
    out = capsys.readouterr().out
    assert Unit.objects.count() == units
    assert "wijkbeheerder" in out and "frontlijn-demo" in out


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _first_id(route: str) -> int:
    """An id that exists for the object a route is about (404 for others is fine: no 5xx)."""
    from frontlijn.cases.models import Case
    from frontlijn.contacts.models import Promise

    by_prefix = [("huishoudens/", Household), ("eenheden/", Unit), ("zaken/", Case), ("beloftes/", Promise)]
    for prefix, model in by_prefix:
        if route.startswith(prefix):
            return model.objects.values_list("id", flat=True).first() or 1
    return 1


def test_superuser_opens_every_page_without_a_server_error(demo, client):
    client.force_login(User.objects.get(username="admin"))
    checked = []
    for route, _pattern in _walk(get_resolver()):
        if route.startswith(("beheer/", "api/", "i18n/", "r/")) or "(?P" in route or route.startswith("^"):
            continue
        url = "/" + re.sub(r"<int:\w+>", str(_first_id(route)), route)
        if "<" in url:  # token or slug routes are covered by their own apps' tests
            continue
        response = client.get(url)
        assert response.status_code < 500, url
        checked.append(url)
    assert "/zoeken/" in checked and "/beloftes/" in checked and len(checked) >= 8


def test_demo_code_gives_the_current_code_for_demo_accounts_only(demo, capsys):
    import pyotp

    from frontlijn.privacy.demo import DEMO_TOTP_SECRET

    call_command("demo_code", "beheerder")
    code = capsys.readouterr().out.strip()
    assert pyotp.TOTP(DEMO_TOTP_SECRET).verify(code, valid_window=1)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("demo_code", "wijkbeheerder")
