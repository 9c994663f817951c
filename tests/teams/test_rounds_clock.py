"""Recording a visit of a round works at night and on the nights the clock changes (real view)."""

import datetime as dt

import pytest
from django.urls import reverse

from frontlijn.contacts.models import ContactMoment
from frontlijn.lib import clock
from frontlijn.teams import rounds
from frontlijn.teams.models_work import RoundVisit
from tests.factories import BuurtFactory, ComplexFactory, HouseholdFactory, TeamFactory, UserFactory
from tests.nights import at

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def _visit(today: dt.date):
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    anna = UserFactory(first_name="Anna", teams=[team])
    complex_ = ComplexFactory(buurt=buurt)
    for _ in range(2):
        HouseholdFactory(unit__complex=complex_)
    visit_round = rounds.visit_round_create(
        team=team,
        user=anna,
        name="Ronde",
        criterion="complex",
        complex=complex_,
        start_date=today,
        end_date=today + dt.timedelta(days=13),
    )
    rounds.visit_round_divide(visit_round=visit_round, user=anna)
    return anna, visit_round.visits.filter(assignee=anna).first()


def _record(client, visit, occurred_at: str):
    return client.post(
        reverse("teams:visit", args=[visit.pk]),
        {"occurred_at": occurred_at, "duration_minutes": "30", "beyond_note": "Gaat goed met mevrouw."},
    )


@pytest.mark.parametrize(
    "instant",
    [dt.datetime(2026, 10, 25, 0, 45, tzinfo=UTC), dt.datetime(2026, 10, 25, 1, 45, tzinfo=UTC)],
    ids=["first-pass", "second-pass"],
)
def test_a_visit_in_the_repeated_october_hour_is_recorded_at_its_first_occurrence(client_for, instant):
    with at(instant):
        anna, visit = _visit(dt.date(2026, 10, 25))
        response = _record(client_for(anna), visit, "2026-10-25T02:30")
    assert response.status_code == 302
    contact = ContactMoment.objects.get()
    assert contact.occurred_at == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert RoundVisit.objects.get(pk=visit.pk).contact == contact


def test_a_visit_in_the_missing_march_hour_gets_a_dutch_message_and_keeps_what_was_typed(client_for):
    with at(dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)):
        anna, visit = _visit(dt.date(2026, 3, 29))
        response = _record(client_for(anna), visit, "2026-03-29T02:15")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit tijdstip bestaat niet: op 29 maart 2026 gaat de klok van 02:00 naar 03:00." in html
    assert 'value="2026-03-29T02:15"' in html and "Gaat goed met mevrouw." in html
    assert not ContactMoment.objects.exists()


def test_the_visit_form_opened_at_night_can_be_sent_as_it_is(night, client_for):
    anna, visit = _visit(clock.today())
    client = client_for(anna)
    page = client.get(reverse("teams:visit", args=[visit.pk])).content.decode()
    shown = f"{night.local_date.isoformat()}T{night.local_time}"
    assert f'value="{shown}"' in page
    assert _record(client, visit, shown).status_code == 302
    assert clock.localdate(ContactMoment.objects.get().occurred_at) == night.local_date


def test_a_new_round_starts_today_in_amsterdam(night, client_for):
    anna, _ = _visit(night.local_date)
    page = client_for(anna).get(reverse("teams:round-create", args=[anna.teams.get().pk])).content.decode()
    assert f'value="{night.local_date.isoformat()}"' in page
