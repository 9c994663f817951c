"""On a phone: a team lead makes the team wijkgericht and reorders priorities; a new repair request
in the neighbourhood lands with the team; a colleague's compliment reaches the receiver's impact page."""

import pytest

from frontlijn.cases.models import Case
from frontlijn.teams.models import Role, WayOfWorking
from tests.factories import BuurtFactory, HouseholdFactory, TeamFactory, UserFactory
from tests.teams.factories import TeamPriorityFactory

PASSWORD = "geheim-wachtwoord-1"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_team_switches_to_wijkgericht_and_work_and_compliments_follow(phone_page, login, assert_accessible):
    page = phone_page
    page.set_default_timeout(30_000)  # this test walks many pages; CI runs on 2 busy cores
    buurt = BuurtFactory(name="Bloemhof")
    team = TeamFactory(name="Team Bloemhof", buurten=[buurt], way_of_working=WayOfWorking.FUNCTIEGERICHT)
    lead = UserFactory(username="lead", role=Role.TEAMLEIDER, first_name="Lotte", teams=[team])
    wijkbeheerder = UserFactory(username="wb", role=Role.WIJKBEHEERDER, first_name="Wim", teams=[team])
    onderhoud = TeamFactory(name="Team Onderhoud", way_of_working=WayOfWorking.FUNCTIEGERICHT)
    UserFactory(role=Role.OPZICHTER, teams=[onderhoud])
    TeamPriorityFactory(team=team, code="klacht", position=1)
    TeamPriorityFactory(team=team, code="reparatieverzoek", position=2)
    household = HouseholdFactory(unit__complex__buurt=buurt)

    # The team lead switches the team to wijkgericht and puts repair requests first.
    login(page, "lead", PASSWORD)
    page.goto(f"/teams/{team.pk}/instellingen/")
    assert_accessible(page)
    page.get_by_label("Wijkgericht").check()
    page.get_by_role("button", name="Werkwijze opslaan").click()
    page.get_by_text("Werkwijze opgeslagen.").wait_for()
    page.locator("#prioriteiten li", has_text="Reparatieverzoek").get_by_role("button", name="Omhoog").click()
    page.get_by_text("Prioriteiten bijgewerkt.").wait_for()
    assert page.locator("#prioriteiten ol li").first.inner_text().startswith("1. Reparatieverzoek")
    assert page.get_by_text("door Lotte").first.is_visible()

    # A new repair request in the neighbourhood lands with the team (routing, not "take myself").
    page.context.clear_cookies()  # log out
    login(page, "wb", PASSWORD)
    page.goto(f"/zaken/nieuw/{household.pk}/")
    page.get_by_label("Soort zaak").select_option("reparatieverzoek")
    page.get_by_label("Omschrijving").fill("Kraan lekt in de keuken")
    page.get_by_role("button", name="Registreren").click()
    page.get_by_text("Zaak geregistreerd.").wait_for()
    case = Case.objects.get(description="Kraan lekt in de keuken")
    assert case.assignee_team == team
    assert case.assignee == wijkbeheerder

    # A colleague sends a compliment; it appears on the receiver's impact page.
    page.goto("/waardering/compliment/")
    assert_accessible(page)
    page.get_by_label("Voor wie").select_option(label="Lotte " + lead.last_name + " (Teamleider)")
    page.get_by_label("Je compliment").fill("Dank dat we zelf mochten kiezen hoe we werken!")
    page.get_by_role("button", name="Compliment versturen").click()
    page.get_by_text("Je compliment is verstuurd").wait_for()

    page.context.clear_cookies()
    login(page, "lead", PASSWORD)
    page.goto("/waardering/")
    assert page.get_by_text("Dank dat we zelf mochten kiezen hoe we werken!").is_visible()
    assert_accessible(page)
