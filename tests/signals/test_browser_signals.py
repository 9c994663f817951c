"""Phone-size journey: raise a signal from a contact, accept a suggested theme, the team lead
closes it with feedback, the raiser reads the feedback in the inbox."""

import pytest

from frontlijn.teams.models import Role
from tests.factories import ContactMomentFactory, TeamFactory, UserFactory

PASSWORD = "geheim-wachtwoord-1"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signal_from_contact_to_feedback_in_inbox(phone_page, login, assert_accessible):
    contact = ContactMomentFactory()
    team = TeamFactory(buurten=[contact.unit.buurt])
    raiser = UserFactory(username="fatma", role=Role.WIJKBEHEERDER, teams=[team])
    UserFactory(username="lead", role=Role.TEAMLEIDER, teams=[team])
    # Load the classifier first, as a running server has after its first suggestion: importing
    # scikit-learn takes seconds on a busy machine and is not what this test is about.
    from frontlijn.signals.classifier import registry

    assert registry.suggest("schimmel in de badkamer", top=1)
    page = phone_page

    login(page, "fatma", PASSWORD)
    page.goto(f"/signalen/nieuw/?contact={contact.pk}")
    page.get_by_label("Wat viel je op?").press_sequentially("Zwarte schimmel op het plafond van de badkamer", delay=5)
    suggested = page.locator("#themes-field label.suggested").first
    suggested.wait_for()
    assert "Vocht en schimmel" in suggested.inner_text()
    assert_accessible(page)
    suggested.locator("input").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Signaal melden").click()
    assert "Signaal gemeld" in page.content()

    page.context.clear_cookies()
    login(page, "lead", PASSWORD)
    page.goto("/signalen/")
    page.locator(".card a").first.click()
    page.get_by_label("Actie ondernomen").check()
    page.get_by_label("Terugkoppeling aan de melder").fill("Opzichter komt donderdag kijken.")
    with page.expect_navigation():
        page.get_by_role("button", name="Afsluiten en terugkoppelen").click()
    assert "Teruggekoppeld" in page.content()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, raiser.username, PASSWORD)
    page.goto("/inbox/")
    assert "Opzichter komt donderdag kijken." in page.content()
