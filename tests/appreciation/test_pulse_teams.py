"""Pulse results per team over time: k >= 5 per period, for the change between periods too (a
joiner or leaver cannot be read from a difference), and what the team lead did with them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from frontlijn.appreciation.models import PulseTeamAction
from frontlijn.appreciation.selectors import pulse_results
from frontlijn.appreciation.services import pulse_action_save, pulse_answer
from frontlijn.core.models import InboxMessage
from frontlijn.teams.models import Role
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def scores(value: int) -> dict[str, int]:
    return dict.fromkeys(["valued", "heard", "influence", "successful", "difference", "contact_time"], value)


def answer_all(people, team, period, value=3):
    for person in people:
        pulse_answer(user=person, team=team, scores=scores(value), period=period)


@pytest.fixture
def team():
    return TeamFactory(name="Team Noord")


def members(team, n, **kwargs):
    return [UserFactory(teams=[team], **kwargs) for _ in range(n)]


def by_period(results):
    return {r.period: r for r in results}


def test_each_team_has_its_own_k_rule_over_time(team):
    other = TeamFactory(name="Team Zuid")
    answer_all(members(team, 5), team, "2026-01")
    answer_all(members(other, 4), other, "2026-01")
    assert by_period(pulse_results(team=team))["2026-01"].shown
    assert not by_period(pulse_results(team=other))["2026-01"].shown


def test_change_is_shown_for_the_same_people(team):
    people = members(team, 6)
    answer_all(people, team, "2026-01", value=3)
    answer_all(people, team, "2026-02", value=4)
    newest = pulse_results(team=team)[0]
    assert newest.period == "2026-02" and newest.previous == "2026-01"
    assert newest.change and all(delta == 1.0 for _q, delta in newest.change)


def test_one_joiner_cannot_be_read_from_the_difference(team):
    """The difference attack: 5 answer in January, the same 5 plus one newcomer in February.
    Both periods pass k >= 5, but their difference would be mostly the newcomer: hidden."""
    people = members(team, 5)
    answer_all(people, team, "2026-01", value=3)
    newcomer = UserFactory(teams=[team])
    answer_all([*people, newcomer], team, "2026-02", value=3)
    newest = pulse_results(team=team)[0]
    assert newest.shown and newest.count == 6
    assert newest.change is None and newest.change_hidden == "samenstelling"


def test_one_leaver_cannot_be_read_from_the_difference(team):
    people = members(team, 6)
    answer_all(people, team, "2026-01")
    answer_all(people[:5], team, "2026-02")
    assert pulse_results(team=team)[0].change_hidden == "samenstelling"


def test_a_move_to_another_team_is_a_change_of_the_group_too(team):
    people = members(team, 6)
    answer_all(people, team, "2026-01")
    mover = people[0]
    other = TeamFactory()
    mover.teams.set([other])
    newcomer = UserFactory(teams=[team])
    answer_all([*people[1:], newcomer], team, "2026-02")  # same size, one person swapped
    newest = pulse_results(team=team)[0]
    assert newest.count == 6
    assert newest.change is None and newest.change_hidden == "samenstelling"


def test_change_is_shown_when_the_group_changed_by_five_or_more(team):
    first = members(team, 5)
    answer_all(first, team, "2026-01", value=2)
    answer_all([*first, *members(team, 5)], team, "2026-02", value=4)
    newest = pulse_results(team=team)[0]
    assert newest.change and newest.change[0][1] == 2.0


def test_no_change_next_to_a_period_under_five(team):
    people = members(team, 5)
    answer_all(people[:4], team, "2026-01")
    answer_all(people, team, "2026-02")
    newest = pulse_results(team=team)[0]
    assert newest.shown and newest.change is None and newest.change_hidden == "klein"


def test_organisation_hides_a_period_whose_remainder_is_under_five(team):
    """Five answers in one team and two in another: the organisation's 7 minus the team's 5 would
    give the average of the two; so the organisation shows nothing for that period."""
    small = TeamFactory()
    answer_all(members(team, 5), team, "2026-01")
    answer_all(members(small, 2), small, "2026-01")
    [org] = pulse_results(organisation=True)
    assert org.count == 7 and not org.shown and org.hidden_reason == "rest"
    answer_all(members(small, 3), small, "2026-01")
    [org] = pulse_results(organisation=True)
    assert org.shown


def test_the_results_page_shows_the_reason_not_the_figures(client_for, team):
    people = members(team, 5)
    answer_all(people, team, "2026-01", value=2)
    answer_all([*people, UserFactory(teams=[team])], team, "2026-02", value=5)
    html = client_for(people[0]).get(reverse("appreciation:pulse-results")).content.decode()
    assert "Geen verschil met 2026-01" in html
    assert "+3.0" not in html and "+2.5" not in html


def test_lead_records_an_action_that_the_team_sees(client_for, team):
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[team], first_name="Lotte")
    people = members(team, 5)
    answer_all(people, team, "2026-01")
    url = reverse("appreciation:pulse-action", args=[team.pk, "2026-01"])
    response = client_for(lead).post(url, {"text": "We plannen vaste uren voor huisbezoeken."})
    assert response.status_code == 302
    assert PulseTeamAction.objects.get(team=team, period="2026-01").written_by == lead
    assert InboxMessage.objects.filter(recipient=people[0], body="We plannen vaste uren voor huisbezoeken.").exists()
    assert not InboxMessage.objects.filter(recipient=lead).exists()
    html = client_for(people[0]).get(reverse("appreciation:pulse-results")).content.decode()
    assert "We plannen vaste uren voor huisbezoeken." in html and "Lotte" in html
    assert url not in html  # members read it, they do not write it


def test_member_and_other_lead_cannot_record_an_action(client_for, team):
    member = UserFactory(teams=[team])
    url = reverse("appreciation:pulse-action", args=[team.pk, "2026-01"])
    assert client_for(member).post(url, {"text": "Iets"}).status_code == 403
    with pytest.raises(PermissionDenied):
        pulse_action_save(
            user=UserFactory(role=Role.TEAMLEIDER, teams=[TeamFactory()]), team=team, period="2026-01", text="x"
        )
    assert not PulseTeamAction.objects.exists()


def test_empty_action_gets_a_dutch_message(client_for, team):
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[team])
    answer_all(members(team, 5), team, "2026-01")
    url = reverse("appreciation:pulse-action", args=[team.pk, "2026-01"])
    response = client_for(lead).post(url, {"text": "   "})
    assert response.status_code == 400
    assert "Schrijf op wat je met de uitslag hebt gedaan" in response.content.decode()
    with pytest.raises(ValidationError):
        pulse_action_save(user=lead, team=team, period="2999-01", text="Te vroeg")


def test_an_unknown_period_gets_a_dutch_message(client_for, team):
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[team])
    client = client_for(lead)
    response = client.post(reverse("appreciation:pulse-action", args=[team.pk, "2026-13"]), {"text": "Iets"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Kies een periode van de pulsmeting die al begonnen is." in page
    assert not PulseTeamAction.objects.exists()
