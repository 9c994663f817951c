"""The team lead's list of signals nobody picked up: about a person first, then by urgency, then oldest."""

import datetime as dt

import pytest

from frontlijn.lib import clock
from frontlijn.signals import selectors
from frontlijn.signals.models import Signal, Urgency
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, HouseholdFactory, UnitFactory, staff_in
from tests.signals.factories import SignalFactory, person_signal

pytestmark = pytest.mark.django_db


def _aged(signal, days):
    Signal.objects.filter(pk=signal.pk).update(created_at=clock.now() - dt.timedelta(days=days))
    return signal


def test_unpicked_are_ordered_person_first_then_urgency_then_age(client_for):
    buurt = BuurtFactory()
    lead = staff_in(buurt, role=Role.TEAMLEIDER)
    household = HouseholdFactory(unit=UnitFactory(complex__buurt=buurt))
    place_old_low = _aged(SignalFactory(buurt=buurt, urgency=Urgency.LOW), 400)
    place_new_high = _aged(SignalFactory(buurt=buurt, urgency=Urgency.HIGH), 10)
    place_old_high = _aged(SignalFactory(buurt=buurt, urgency=Urgency.HIGH), 30)
    place_normal = _aged(SignalFactory(buurt=buurt, urgency=Urgency.NORMAL), 200)
    person_low = _aged(person_signal(household, urgency=Urgency.LOW), 20)
    person_normal_old = _aged(person_signal(household, urgency=Urgency.NORMAL), 365)
    person_high = _aged(person_signal(household, urgency=Urgency.HIGH), 6)
    expected = [person_high, person_normal_old, person_low, place_old_high, place_new_high, place_normal, place_old_low]
    assert list(selectors.signal_list_unpicked(user=lead)) == expected
    page = client_for(lead).get("/signalen/niet-opgepakt/").content.decode()
    positions = [page.index(f'href="/signalen/{s.pk}/"') for s in expected]
    assert positions == sorted(positions)


def test_a_plan_owner_sees_the_place_level_ones_in_the_same_order():
    buurt = BuurtFactory()
    owner = staff_in(buurt, role=Role.PLANEIGENAAR)
    household = HouseholdFactory(unit=UnitFactory(complex__buurt=buurt))
    _aged(person_signal(household, urgency=Urgency.HIGH), 6)  # not theirs to read
    low = _aged(SignalFactory(buurt=buurt, urgency=Urgency.LOW), 100)
    high = _aged(SignalFactory(buurt=buurt, urgency=Urgency.HIGH), 6)
    assert list(selectors.signal_list_unpicked(user=owner)) == [high, low]
