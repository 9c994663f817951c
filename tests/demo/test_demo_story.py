"""The demo tells a true story: contact time near the teams' targets, teams large enough for
their pulse results to show, answers that answer the input, subjects that fit their channel,
open cases due around today and detail types of their own case type."""

import datetime as dt

import pytest
from django.core.management import call_command

from frontlijn.appreciation.models import PulseResponse
from frontlijn.appreciation.services import period_for
from frontlijn.cases.models import CLOSED_STATUSES, DEFAULT_LEAD_DAYS, Case, detail_codes_for
from frontlijn.contacts.models import ContactMoment
from frontlijn.dashboard import indicators as ind
from frontlijn.dashboard.periods import last_complete_month
from frontlijn.demo.loader import CHANNEL_TEXTS, IN_PERSON_SUBJECTS
from frontlijn.lib import clock
from frontlijn.plans.demo import ANSWER_FOR
from frontlijn.plans.models import InputAnswer
from frontlijn.teams.models import FRONT_ROLES, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", size="small", verbosity=0)


def _front_teams():
    return [t for t in Team.objects.order_by("name") if t.members.filter(role__in=list(FRONT_ROLES)).exists()]


def test_contact_time_is_near_every_teams_target_and_pulse_results_show(demo):
    month = last_complete_month(clock.today())
    teams = _front_teams()
    assert len(teams) >= 4
    for team in [None, *teams]:
        figure = ind.contact_time_share(ind.Scope(months=ind.months_ending(month, 3), team=team, live=True))
        assert 31 <= figure.target <= 35, team
        for value in figure.values:
            assert 0.85 * figure.target <= value <= 1.1 * figure.target, (team, figure.values, figure.target)
    for team in teams:
        members = team.members.filter(role__in=list(FRONT_ROLES)).count()
        assert members >= 5, team
        for period in (period_for(clock.today()), period_for(month)):
            assert PulseResponse.objects.filter(team=team, period=period).count() >= 5, (team, period)
        pulse = ind.pulse_score(ind.Scope(months=[month], team=team, live=True))
        assert pulse.values[0] is not None, team  # shown, not "minder dan 5 antwoorden"


def test_answers_subjects_cases_and_detail_types_fit(demo):
    # Every answer to a plan input is the answer to that input.
    answers = list(InputAnswer.objects.select_related("input"))
    assert answers
    for answer in answers:
        assert ANSWER_FOR[answer.input.text] == (answer.verdict, answer.reason)
    isolation = [a for a in answers if "isolatie" in a.input.text]
    assert all("binnentuin" not in a.reason for a in isolation)

    # Subjects fit their channel: no phone call titled as a home visit.
    channels_of: dict[str, set[str]] = {}
    for channel, texts in CHANNEL_TEXTS.items():
        for subject, _note in texts:
            channels_of.setdefault(subject, set()).add(channel)
    for subject in IN_PERSON_SUBJECTS:
        channels_of[subject] = {"BEZ"}
    for subject, channel in ContactMoment.objects.values_list("subject", "channel").distinct():
        if subject in channels_of:
            assert channel in channels_of[subject], (subject, channel)
    remote = ContactMoment.objects.filter(channel__in=["TEL", "EMA", "APP", "BRI"])
    assert not remote.filter(process_note__icontains="huisbezoek").exists()
    assert not remote.filter(subject__icontains="bezoek").exists()
    assert not ContactMoment.objects.exclude(channel="STR").filter(subject="Wijkronde").exists()

    # Open cases are due around today, not years ago; closed ones are closed.
    today = clock.today()
    open_cases = Case.objects.exclude(status__in=CLOSED_STATUSES)
    assert open_cases.exists()
    assert not open_cases.filter(target_date__lt=today - dt.timedelta(days=7)).exists()
    assert not open_cases.filter(target_date__gt=today + dt.timedelta(days=max(DEFAULT_LEAD_DAYS.values()))).exists()
    assert not Case.objects.filter(status__in=CLOSED_STATUSES, closed_on__isnull=True).exists()

    # Detail types belong to their case type ("Hennepkwekerij" is never a repair).
    assert Case.objects.exclude(detail_type="").exists()
    for case_type, detail in Case.objects.exclude(detail_type="").values_list("case_type", "detail_type").distinct():
        assert detail in dict(detail_codes_for(case_type)), (case_type, detail)
