"""Mijn dag: today's visit rounds with the user's open visits (fetched ahead for offline use)."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.teams.models_work import RoundVisit, VisitRound
from frontlijn.teams.rounds import rounds_today_for
from tests.factories import ContactMomentFactory, HouseholdFactory, staff_in

pytestmark = pytest.mark.django_db


def test_only_rounds_running_today_with_my_open_visits_and_how_many(client):
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt)
    colleague = staff_in(household.unit.buurt)
    team = user.teams.get()
    today = timezone.localdate()
    running = VisitRound.objects.create(
        team=team, name="Vandaag", criterion="complex", start_date=today, end_date=today
    )
    later = VisitRound.objects.create(
        team=team,
        name="Volgende week",
        criterion="complex",
        start_date=today + dt.timedelta(days=7),
        end_date=today + dt.timedelta(days=8),
    )
    for _ in range(2):
        RoundVisit.objects.create(
            round=running, household=HouseholdFactory(unit__buurt=household.unit.buurt), assignee=user
        )
    RoundVisit.objects.create(
        round=running,
        household=household,
        assignee=user,
        contact=ContactMomentFactory(),
        outcome="bezocht",
        closed=True,
    )
    # done without a contact (declined): not open either; "niet thuis" stays open for another try
    RoundVisit.objects.create(
        round=running,
        household=HouseholdFactory(unit__buurt=household.unit.buurt),
        assignee=user,
        outcome="afgezegd",
        attempts=1,
        closed=True,
    )
    RoundVisit.objects.create(round=running, household=HouseholdFactory(), assignee=colleague)
    RoundVisit.objects.create(round=later, household=HouseholdFactory(), assignee=user)
    assert rounds_today_for(user=user) == [(running, 2)]
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Mijn bezoekronde vandaag" in html and "2 open bezoeken" in html
    assert f'href="/teams/rondes/{running.pk}/" data-offline-prefetch' in html
