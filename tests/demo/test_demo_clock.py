"""`frontlijn demo` (core and every app's loader) works at the four instants date code breaks at."""

import datetime as dt

import pytest
from django.core.management import call_command

from frontlijn.appreciation.models import PulseParticipation
from frontlijn.appreciation.services import period_for
from frontlijn.contacts.models import ContactMoment, Promise, PromiseStatus
from frontlijn.feedback.models import FeedbackResponse
from frontlijn.lib import clock
from frontlijn.plans.models import InputRound, Phase, Plan
from frontlijn.privacy.models import TOTPDevice
from frontlijn.signals.models import Signal
from frontlijn.teams.models import User
from frontlijn.teams.models_work import Absence, RoundVisit

pytestmark = pytest.mark.django_db


def test_the_demo_loads_at_night_with_dates_of_the_association(night, capsys):
    call_command("demo", size="small", verbosity=0)
    today = clock.today()
    assert today == night.local_date

    # core: no contact in the future, the last one is on or before today on the local clock
    newest = ContactMoment.objects.order_by("-occurred_at").first()
    assert newest.occurred_at <= clock.now()
    assert clock.localdate(newest.occurred_at) <= today
    # core: the demo wijkbeheerder has open promises around today (two overdue, three to come)
    me = User.objects.get(username="wijkbeheerder")
    dues = sorted(Promise.objects.filter(owner=me, status=PromiseStatus.OPEN).values_list("due_date", flat=True))
    assert today in dues
    # plans: every state, and the running round's deadline is a local date from today on
    phases = set(Plan.objects.values_list("phase", flat=True))
    assert {Phase.ONTWERP, Phase.BESLUIT, Phase.UITVOERING, Phase.INITIATIEF} <= phases
    running = InputRound.objects.get(plan__phase=Phase.ONTWERP)
    assert running.deadline >= today and running.is_open
    # teams: a visit round around today, and an absence starting in a week
    assert RoundVisit.objects.filter(planned_date__lt=today).exists()
    assert Absence.objects.filter(start_date=today + dt.timedelta(days=7)).exists()
    # appreciation: the current pulse period is today's, and the wijkbeheerder has not answered it
    assert PulseParticipation.objects.filter(period=period_for(today)).exists()
    assert not PulseParticipation.objects.filter(user=me, period=period_for(today)).exists()
    # feedback: thirteen months of answers ending with the current local month
    assert FeedbackResponse.objects.order_by("-period").first().period == today.replace(day=1)
    # core: open cases are due from today on (an older case has been closed), also at night
    from frontlijn.cases.models import CLOSED_STATUSES, Case

    assert not Case.objects.exclude(status__in=CLOSED_STATUSES).filter(target_date__lt=today).exists()
    # signals and privacy loaded too
    assert Signal.objects.exists()
    assert TOTPDevice.objects.exists()
