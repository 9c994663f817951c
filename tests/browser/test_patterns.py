"""Phone-size journey (375 px): a team lead sees a pattern in the signals of their area, reads it
and starts a plan from it; the pages are axe-clean."""

import datetime as dt

import pytest

from frontlijn.lib import clock
from frontlijn.plans.models import Plan
from frontlijn.signals.models import Pattern, Signal, Status
from frontlijn.signals.patterns import patterns_detect
from frontlijn.teams.models import Role
from tests.factories import ComplexFactory, TeamFactory, UserFactory
from tests.signals.factories import SignalFactory

PASSWORD = "geheim-wachtwoord-1"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_team_lead_sees_a_pattern_and_starts_a_plan_from_it(phone_page, login, assert_accessible):
    complex = ComplexFactory(name="De Akker")
    team = TeamFactory(buurten=[complex.buurt])
    raiser = UserFactory(username="fatma", role=Role.WIJKBEHEERDER, teams=[team])
    UserFactory(username="lead", role=Role.TEAMLEIDER, teams=[team])
    for n in range(5):
        signal = SignalFactory(
            raised_by=raiser, complex=complex, buurt=complex.buurt, themes=["vocht-schimmel"], text=f"Schimmel {n}"
        )
        Signal.objects.filter(pk=signal.pk).update(created_at=clock.now() - dt.timedelta(days=3 * n + 1))
    from frontlijn.plans import services as plan_services

    owner = UserFactory(role=Role.PLANEIGENAAR)
    plan_services.plan_create(user=owner, title="Groot onderhoud", plan_type="groot-onderhoud", buurten=[complex.buurt])
    assert len(patterns_detect().raised) == 1
    pattern = Pattern.objects.get()
    page = phone_page

    login(page, "lead", PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="1 open patroon in signalen").click()
    page.wait_for_url("**/signalen/patronen/")
    assert_accessible(page)
    page.get_by_role("link", name="Vocht en schimmel in").click()
    page.wait_for_url(f"**/signalen/patronen/{pattern.pk}/")
    assert "Schimmel 0" in page.content()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling

    page.get_by_label("Titel van het plan").fill("Schimmel in De Akker aanpakken")
    assert page.locator("#id_attach-plan").count() == 1  # the attach form is on the page too (axe checked it)
    page.get_by_label("Bericht aan de melders").first.fill("We laten alle woningen van De Akker in april inspecteren.")
    with page.expect_navigation():
        page.get_by_role("button", name="Plan starten").click()
    plan = Plan.objects.get(title="Schimmel in De Akker aanpakken")
    assert page.url.endswith(f"/plannen/{plan.pk}/")
    assert "Schimmel in De Akker aanpakken" in page.content()
    assert_accessible(page)
    assert set(Signal.objects.values_list("status", "plan_id")) == {(Status.ANSWERED, plan.pk)}

    page.goto(f"/signalen/patronen/{pattern.pk}/")
    assert "Plan gestart" in page.content()
    assert page.get_by_role("button", name="Plan starten").count() == 0
