"""Issue 4 on a phone: a plan owner creates a plan on two complexes and opens a round; a
wijkbeheerder of the area gives input; the owner answers it; the wijkbeheerder sees the answer;
the plan can then move to "besluit"."""

import datetime as dt

import pytest
from django.urls import get_resolver
from django.utils import timezone

from frontlijn.plans.models import Input, Phase, Plan
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, ComplexFactory, UserFactory, staff_in

PASSWORD = "geheim-wachtwoord-1"


def switch_user(page, login, username):
    page.context.clear_cookies()
    login(page, username, PASSWORD)


@pytest.mark.browser
def test_plan_owner_and_wijkbeheerder_at_the_table_on_a_phone(phone_page, live_server, login, assert_accessible):
    buurt = BuurtFactory(name="Lindehof")
    c1 = ComplexFactory(buurt=buurt, code="C0101", name="Lindehof Noord")
    c2 = ComplexFactory(buurt=buurt, code="C0102", name="Lindehof Zuid")
    UserFactory(username="pieter", first_name="Pieter", role=Role.PLANEIGENAAR)
    staff_in(buurt, username="fatma", first_name="Fatma", role=Role.WIJKBEHEERDER)
    page = phone_page
    # Load the URLconf (and every app's views) before the browser's first request: the signals
    # views import scikit-learn, which can take longer than the browser's 10 s timeout on a busy CI box.
    get_resolver().url_patterns

    # The plan owner creates a plan on two complexes.
    login(page, "pieter", PASSWORD)
    page.get_by_role("link", name="Plannen").first.click()
    page.get_by_role("link", name="Nieuw plan").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Isolatie Lindehof")
    page.get_by_label("Soort plan").select_option("verduurzaming")
    page.get_by_label("Complexen").select_option([str(c1.pk), str(c2.pk)])
    page.get_by_role("button", name="Plan aanmaken").click()
    page.wait_for_url("**/plannen/*/")
    plan = Plan.objects.get()
    assert set(plan.complexes.all()) == {c1, c2}
    assert_accessible(page)

    # The owner sharpens the title on the edit page (phone width, accessible).
    page.get_by_role("link", name="Plan wijzigen").click()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_label("Titel").fill("Isolatie Lindehof")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.wait_for_url(f"**/plannen/{plan.pk}/")

    # ... and opens a round.
    page.get_by_role("link", name="Inbrengronde openen").click()
    assert "Fatma" in page.inner_text("main")  # invited automatically
    page.get_by_label("Vraag aan de frontmedewerkers").fill("Wat moeten we weten voor we gaan isoleren?")
    page.get_by_label("Sluitdatum").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Ronde openen en uitnodigen").click()
    page.wait_for_url("**/plannen/ronde/*/")

    # The wijkbeheerder of the area answers on her phone, from her home page.
    switch_user(page, login, "fatma")
    page.get_by_role("link", name="Isolatie Lindehof").first.click()
    page.wait_for_url("**/plannen/ronde/*/")
    page.get_by_label("Zorg").check()
    page.get_by_role("textbox", name="Jouw inbreng").fill(
        "Veel ouderen in Noord: plan de werkzaamheden niet in de winter."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Inbreng geven").click()
    assert "Je inbreng is bij de planeigenaar" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # The plan owner answers the input.
    switch_user(page, login, "pieter")
    page.goto(f"/plannen/ronde/{Input.objects.get().round_id}/")
    page.get_by_label("Deels overgenomen").check()
    page.get_by_label("Toelichting voor de medewerker").fill("We starten in april; Noord komt als laatste.")
    assert_accessible(page)
    page.get_by_role("button", name="Antwoord versturen").click()
    assert "Antwoord verstuurd" in page.inner_text("main")

    # The wijkbeheerder sees the answer in her inbox and on the round.
    switch_user(page, login, "fatma")
    page.get_by_role("link", name="Inbox").first.click()
    assert "Deels overgenomen: je inbreng op Isolatie Lindehof" in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("link", name="Deels overgenomen: je inbreng op Isolatie Lindehof").click()
    assert "We starten in april; Noord komt als laatste." in page.inner_text("main")

    # Now the plan can move to "besluit".
    switch_user(page, login, "pieter")
    page.goto(f"/plannen/{plan.pk}/")
    page.get_by_label("Naar fase").select_option(Phase.BESLUIT)
    page.get_by_role("button", name="Fase wijzigen").click()
    assert "Het plan is nu in de fase Besluit" in page.inner_text("main")
    assert_accessible(page)
    plan.refresh_from_db()
    assert plan.phase == Phase.BESLUIT
