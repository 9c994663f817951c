"""Issue 15: "Mijn dag" puts the most urgent first and its dates speak Dutch."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import CaseFactory, HouseholdFactory, PromiseFactory, staff_in

pytestmark = pytest.mark.django_db


def test_promises_and_cases_in_one_list_most_urgent_first(client):
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt)
    today = timezone.localdate()
    PromiseFactory(
        owner=user, household=household, description="Belofte over een week", due_date=today + dt.timedelta(days=7)
    )
    PromiseFactory(owner=user, household=household, description="Belofte van vandaag", due_date=today)
    undated = CaseFactory(household=household, assignee=user, target_date=None)
    old = CaseFactory(household=household, assignee=user, target_date=dt.date(today.year - 2, 1, 10))
    client.force_login(user)
    html = client.get("/").content.decode()
    section = html[html.index('id="h-urgent"') :]
    positions = [
        section.index(f"#{old.pk}</strong>"),
        section.index("Belofte van vandaag"),
        section.index("Belofte over een week"),
        section.index(f"#{undated.pk}</strong>"),
    ]
    assert positions == sorted(positions)
    # "streefdatum 10 januari <two years ago>", with how late it is; no English month names.
    assert f"10 januari {today.year - 2}" in section
    days = (today - dt.date(today.year - 2, 1, 10)).days
    assert f"te laat sinds {days} dagen" in section
    assert "vandaag" in section
    for english in ("Jan", "Dec"):
        assert f" {english} " not in section and f" {english}<" not in section
