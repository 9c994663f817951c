"""Time for contact: weekly sums per person and team, never a ranking by shortest contacts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from frontlijn.teams.selectors import team_contact_week, week_start_of
from tests.factories import ContactMomentFactory, TeamFactory, UserFactory
from tests.teams.factories import AbsenceFactory

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_week_sums_contact_minutes_per_person_and_team():
    team = TeamFactory(hours_per_week=36, contact_target_percent=25)
    anna = UserFactory(first_name="Anna", teams=[team])
    bert = UserFactory(first_name="Bert", teams=[team])
    monday = week_start_of(timezone.localdate()) - dt.timedelta(weeks=1)
    ContactMomentFactory(staff=anna, occurred_at=_at(monday), duration_minutes=60)
    ContactMomentFactory(staff=anna, occurred_at=_at(monday + dt.timedelta(days=2)), duration_minutes=48)
    ContactMomentFactory(staff=bert, occurred_at=_at(monday + dt.timedelta(days=7)), duration_minutes=99)  # next week
    week = team_contact_week(team=team, week_start=monday)
    by_name = {p.user.first_name: p for p in week.people}
    assert by_name["Anna"].contact_minutes == 108
    assert by_name["Anna"].contact_percent == 5  # 108 of 2160 minutes
    assert by_name["Bert"].contact_minutes == 0
    assert week.contact_minutes == 108
    assert week.process_minutes == 2 * 2160 - 108


def test_absence_reduces_available_time():
    team = TeamFactory(hours_per_week=40)
    anna = UserFactory(teams=[team])
    monday = week_start_of(timezone.localdate())
    AbsenceFactory(user=anna, start_date=monday, end_date=monday + dt.timedelta(days=1))
    week = team_contact_week(team=team, week_start=monday)
    assert week.people[0].available_minutes == 3 * 8 * 60


def test_people_are_listed_by_name_not_by_contact_duration(client_for):
    team = TeamFactory()
    zoe = UserFactory(first_name="Zoë", teams=[team])
    adam = UserFactory(first_name="Adam", teams=[team])
    monday = week_start_of(timezone.localdate())
    ContactMomentFactory(staff=zoe, occurred_at=_at(monday, 9), duration_minutes=5)
    ContactMomentFactory(staff=adam, occurred_at=_at(monday, 9), duration_minutes=90)
    response = client_for(adam).get(reverse("teams:contact-time", args=[team.pk]), {"week": monday.strftime("%G-W%V")})
    names = [p.user.first_name for p in response.context["week"].people]
    assert names == ["Adam", "Zoë"]
    ContactMomentFactory(staff=adam, occurred_at=_at(monday, 11), duration_minutes=1)
    response = client_for(adam).get(reverse("teams:contact-time", args=[team.pk]), {"week": monday.strftime("%G-W%V")})
    assert [p.user.first_name for p in response.context["week"].people] == ["Adam", "Zoë"]
