"""Visit rounds at the door: outcomes, walking order, "niet thuis" comes back, resume."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment
from frontlijn.teams import rounds
from tests.factories import BuurtFactory, ComplexFactory, HouseholdFactory, TeamFactory, UnitFactory, UserFactory
from tests.teams.factories import complex_round_for

pytestmark = pytest.mark.django_db

# (street, number, letter, addition), created out of order on purpose
ADDRESSES = [
    ("Lindelaan", 10, "", ""),
    ("Eikstraat", 2, "", "2"),
    ("Lindelaan", 2, "", ""),
    ("Eikstraat", 2, "", "1"),
    ("Eikstraat", 12, "", ""),
    ("Eikstraat", 2, "A", ""),
]
WALK = [
    "Eikstraat 2-1",
    "Eikstraat 2-2",
    "Eikstraat 2A",
    "Eikstraat 12",
    "Lindelaan 2",
    "Lindelaan 10",
]


@pytest.fixture
def walk():
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    anna = UserFactory(first_name="Anna", teams=[team])
    complex_ = ComplexFactory(buurt=buurt)
    for street, number, letter, addition in ADDRESSES:
        unit = UnitFactory(
            complex=complex_, street=street, house_number=number, house_letter=letter, house_number_addition=addition
        )
        HouseholdFactory(unit=unit)
    visit_round = complex_round_for(anna, team=team, complex_=complex_)
    return visit_round, anna


def _street_numbers(visits):
    return [v.household.unit.address.split(",")[0] for v in visits]


def _walk(visit_round, user):
    return rounds.round_walk(
        v for v in rounds.round_visits_for(user=user, visit_round=visit_round) if v.assignee_id == user.pk
    )


def test_addresses_in_walking_order_with_the_house_number_as_a_number(walk):
    visit_round, anna = walk
    assert _street_numbers(_walk(visit_round, anna)) == WALK
    assert _street_numbers(rounds.round_visits_for(user=anna, visit_round=visit_round)) == WALK


@pytest.mark.parametrize(
    ("outcome", "back"),
    [("niet-thuis", True), ("later", True), ("geen-gehoor", False), ("afgezegd", False)],
)
def test_outcomes_without_a_conversation(walk, outcome, back):
    visit_round, anna = walk
    first = _walk(visit_round, anna)[0]
    rounds.round_visit_outcome_record(visit=first, user=anna, outcome=outcome)
    first.refresh_from_db()
    assert (first.outcome, first.attempts, first.closed) == (outcome, 1, not back)
    assert not ContactMoment.objects.exists()
    remaining = _walk(visit_round, anna)
    if back:  # back for another try: after the addresses not yet tried
        assert remaining[-1].pk == first.pk and len(remaining) == 6
    else:
        assert first.pk not in [v.pk for v in remaining] and len(remaining) == 5
    assert rounds.round_progress(visit_round).done == (0 if back else 1)


def test_not_home_then_visited_on_the_second_try(walk):
    visit_round, anna = walk
    first = _walk(visit_round, anna)[0]
    rounds.round_visit_outcome_record(visit=first, user=anna, outcome="niet-thuis")
    rounds.round_visit_record(visit=first, user=anna, occurred_at=timezone.now(), duration_minutes=20)
    first.refresh_from_db()
    assert (first.outcome, first.attempts, first.closed) == ("bezocht", 2, True)
    assert first.contact.duration_minutes == 20
    progress = rounds.round_progress(visit_round)
    assert (progress.done, progress.visited, progress.retry) == (1, 1, 0)


def test_a_closed_address_cannot_be_recorded_again(walk):
    visit_round, anna = walk
    first = _walk(visit_round, anna)[0]
    rounds.round_visit_outcome_record(visit=first, user=anna, outcome="afgezegd")
    with pytest.raises(Exception, match="al vastgelegd"):
        rounds.round_visit_outcome_record(visit=first, user=anna, outcome="niet-thuis")


def test_round_page_resumes_at_the_first_address_not_yet_done(client_for, walk):
    visit_round, anna = walk
    client = client_for(anna)
    url = reverse("teams:round", args=[visit_round.pk])
    assert client.get(url).context["next_visit"].household.unit.address.startswith("Eikstraat 2-1")
    walk_now = _walk(visit_round, anna)
    # the first is visited, the second not at home: the walk goes on at the third address
    response = client.post(
        reverse("teams:visit", args=[walk_now[0].pk]),
        {
            "outcome": "bezocht",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "15",
        },
    )
    assert response.status_code == 302 and response.url == url
    response = client.post(
        reverse("teams:visit", args=[walk_now[1].pk]),
        {"outcome": "niet-thuis", "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    page = client.get(url)
    assert page.context["next_visit"].pk == walk_now[2].pk
    html = page.content.decode()
    assert "Verder waar je was" in html and "Eikstraat 2A" in html
    assert "Niet thuis" in html and "poging 2" in html
    assert ContactMoment.objects.count() == 1


def test_visit_form_needs_a_duration_only_for_a_visit(client_for, walk):
    visit_round, anna = walk
    visit = _walk(visit_round, anna)[0]
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client_for(anna).post(
        reverse("teams:visit", args=[visit.pk]), {"outcome": "bezocht", "occurred_at": now}
    )
    assert response.status_code == 200 and "Vul de duur in minuten in." in response.content.decode()
    response = client_for(anna).post(
        reverse("teams:visit", args=[visit.pk]), {"outcome": "geen-gehoor", "occurred_at": now}
    )
    assert response.status_code == 302
