"""On a phone: a team lead picks up a signal with their own answer (the start text alone is
refused), the raiser follows the chain on their impact page, the lead records what the team did
with the pulse results, and a member reads the team settings without being able to change them."""

import pytest

from frontlijn.appreciation.services import pulse_answer
from frontlijn.signals.models import Status
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, TeamFactory, UserFactory
from tests.signals.factories import SignalFactory

PASSWORD = "geheim-wachtwoord-1"
SCORES = dict.fromkeys(["valued", "heard", "influence", "successful", "difference", "contact_time"], 4)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_answer_the_raiser_follow_the_chain_and_record_the_pulse_action(phone_page, login, assert_accessible):
    page = phone_page
    page.set_default_timeout(30_000)
    buurt = BuurtFactory(name="Bloemhof")
    team = TeamFactory(name="Team Bloemhof", buurten=[buurt])
    UserFactory(username="lead", role=Role.TEAMLEIDER, first_name="Lotte", teams=[team])
    raiser = UserFactory(username="wb", role=Role.WIJKBEHEERDER, first_name="Wim", teams=[team])
    signal = SignalFactory(buurt=buurt, raised_by=raiser, text="Zwerfvuil bij de containers")
    for _ in range(5):
        pulse_answer(user=UserFactory(teams=[team]), team=team, scores=SCORES, period="2026-01")

    login(page, "lead", PASSWORD)
    page.goto(f"/signalen/{signal.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Oppakken en de melder laten weten").click()
    page.get_by_text("Schrijf de melder een echt antwoord").first.wait_for()
    assert_accessible(page)
    page.get_by_label("Bericht aan de melder").fill("Ik vraag de gemeente om een extra container.")
    page.get_by_role("button", name="Oppakken en de melder laten weten").click()
    page.get_by_text("De melder heeft je bericht ontvangen.").wait_for()
    signal.refresh_from_db()
    assert signal.status == Status.PICKED_UP

    page.goto("/waardering/puls/uitslag/")
    page.get_by_text("Vastleggen wat we ermee doen").click()
    page.get_by_label("Wat hebben we met deze uitslag gedaan?").fill("Vaste ochtend voor huisbezoeken.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Vastgelegd. Je team ziet het bij de uitslag.").wait_for()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, "wb", PASSWORD)
    page.goto("/waardering/")
    assert page.get_by_text("Opgepakt door Lotte").first.is_visible()
    assert page.get_by_text("Ik vraag de gemeente om een extra container.").first.is_visible()
    assert_accessible(page)
    page.goto("/waardering/puls/uitslag/")
    assert page.get_by_text("Vaste ochtend voor huisbezoeken.").is_visible()
    page.goto(f"/teams/{team.pk}/instellingen/")
    assert page.get_by_text("Alleen de teamleider of de functioneel beheerder kan ze wijzigen").is_visible()
    assert page.get_by_role("button", name="Werkwijze opslaan").count() == 0
    assert_accessible(page)
