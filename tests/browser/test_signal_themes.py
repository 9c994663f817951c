"""Phone-size (375 px): the raiser corrects a signal's themes on its page; a team lead sees the
correction counted on the classifier page. Both pages axe-clean."""

import pytest

from frontlijn.signals.models import StaffCorrection
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, TeamFactory, UserFactory
from tests.signals.factories import SignalFactory

PASSWORD = "geheim-wachtwoord-1"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_correct_a_signals_themes_at_phone_size(phone_page, login, assert_accessible):
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    raiser = UserFactory(username="sanne", role=Role.WIJKBEHEERDER, teams=[team])
    UserFactory(username="lead", role=Role.TEAMLEIDER, teams=[team])
    signal = SignalFactory(
        raised_by=raiser, buurt=buurt, wijk=buurt.wijk, text="Bankje in het park is kapot", themes=["vervuiling"]
    )
    page = phone_page
    login(page, "sanne", PASSWORD)
    page.goto(f"/signalen/{signal.pk}/")
    page.get_by_text("Thema's aanpassen").click()
    assert_accessible(page)
    form = page.locator("#themes-correct form")
    form.get_by_label("Afval, vervuiling en ongedierte").uncheck()
    form.get_by_label("Groen en buitenruimte").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Thema's opslaan").click()
    assert "Thema's aangepast" in page.content()
    assert page.locator(".facts .chip").all_inner_texts() == ["Groen en buitenruimte"]
    assert_accessible(page)
    correction = StaffCorrection.objects.get()
    assert (correction.user_id, correction.chosen_code) == (raiser.pk, "buitenruimte")

    page.context.clear_cookies()
    login(page, "lead", PASSWORD)
    page.goto("/signalen/classificatie/")
    assert page.locator("#corrections-since").inner_text() == "1"
    assert_accessible(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > 376)
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right))"""
    )
    assert width <= 375, wide
