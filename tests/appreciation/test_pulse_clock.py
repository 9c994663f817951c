"""The pulse period is the one of today's date in Amsterdam, also at night and at the turn of a period."""

import datetime as dt

import pytest
from django.urls import reverse

from frontlijn.appreciation.models import PulseParticipation
from frontlijn.appreciation.services import period_for
from tests.factories import TeamFactory, UserFactory
from tests.nights import at

pytestmark = pytest.mark.django_db
UTC = dt.UTC
SCORES = {"valued": 4, "heard": 3, "influence": 5, "successful": 4, "difference": 2, "contact_time": 3}


def test_the_current_period_is_that_of_the_amsterdam_date(night):
    assert period_for() == f"{night.local_date:%Y-%m}"


@pytest.mark.parametrize(
    ("instant", "months", "period"),
    [
        (dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC), 1, "2026-12"),  # 00:30 on 1 December
        (dt.datetime(2026, 6, 30, 22, 30, tzinfo=UTC), 3, "2026-07"),  # 00:30 on 1 July: a new quarter
        (dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC), 12, "2027-01"),  # 00:30 on 1 January: a new year
    ],
)
def test_an_answer_just_after_midnight_counts_for_the_new_period(client_for, settings, instant, months, period):
    settings.FRONTLIJN_PULSE_MONTHS = months
    team = TeamFactory()
    user = UserFactory(teams=[team])
    data = {k: str(v) for k, v in SCORES.items()} | {"team": str(team.pk), "comment": ""}
    with at(instant):
        response = client_for(user).post(reverse("appreciation:pulse"), data)
    assert response.status_code == 302, response.content.decode()
    assert list(PulseParticipation.objects.filter(user=user).values_list("period", flat=True)) == [period]
