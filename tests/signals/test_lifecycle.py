import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.signals import selectors, services
from frontlijn.signals.models import Signal, Status
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, staff_in
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def buurt():
    return BuurtFactory()


@pytest.fixture
def lead(buurt):
    return staff_in(buurt, role=Role.TEAMLEIDER)


@pytest.fixture
def signal(buurt):
    return SignalFactory(buurt=buurt, raised_by=staff_in(buurt))


def test_signal_cannot_be_closed_without_feedback(signal, lead):
    with pytest.raises(ValidationError) as exc:
        services.signal_close(signal=signal, user=lead, outcome=Status.ACTION, feedback="   ")
    assert "feedback" in exc.value.message_dict
    signal.refresh_from_db()
    assert signal.status == Status.NEW
    assert not InboxMessage.objects.exists()


def test_closing_with_feedback_reaches_the_raisers_inbox(signal, lead):
    services.signal_close(signal=signal, user=lead, outcome=Status.ACTION, feedback="Containers worden vaker geleegd.")
    signal.refresh_from_db()
    assert signal.status == Status.ANSWERED
    assert signal.outcome == Status.ACTION
    message = InboxMessage.objects.get(recipient=signal.raised_by)
    assert message.kind == InboxKind.SIGNAL_FEEDBACK
    assert "Containers worden vaker geleegd." in message.body
    assert message.url == f"/signalen/{signal.pk}/"


def test_parking_needs_a_reason(signal, lead):
    with pytest.raises(ValidationError) as exc:
        services.signal_close(signal=signal, user=lead, outcome=Status.PARKED, feedback="Even niet.")
    assert "park_reason" in exc.value.message_dict
    services.signal_close(
        signal=signal, user=lead, outcome=Status.PARKED, park_reason="Budget pas in 2026", feedback="Later."
    )
    signal.refresh_from_db()
    assert (signal.status, signal.park_reason) == (Status.ANSWERED, "Budget pas in 2026")


def test_decide_first_then_close(signal, lead):
    services.signal_decide(signal=signal, user=lead, outcome=Status.ACTION)
    signal.refresh_from_db()
    assert signal.status == Status.ACTION
    services.signal_close(signal=signal, user=lead, feedback="Gedaan.")
    signal.refresh_from_db()
    assert signal.status == Status.ANSWERED


def test_pick_up_then_not_twice(signal, lead):
    services.signal_pick_up(signal=signal, user=lead, feedback="Ik bel de buurtregisseur morgen.")
    signal.refresh_from_db()
    assert (signal.status, signal.picked_up_by) == (Status.PICKED_UP, lead)
    with pytest.raises(ValidationError):
        services.signal_pick_up(signal=signal, user=lead, feedback="Nog een keer.")


def test_front_staff_cannot_close_signals(signal, buurt):
    colleague = staff_in(buurt, role=Role.WIJKBEHEERDER)
    with pytest.raises(PermissionDenied):
        services.signal_close(signal=signal, user=colleague, outcome=Status.ACTION, feedback="Klaar")


def test_take_into_plan_answers_the_raiser(buurt):
    signal = SignalFactory(buurt=buurt)
    owner = staff_in(buurt, role=Role.PLANEIGENAAR)
    services.signal_take_into_plan(
        signal=signal, user=owner, plan_title="Verduurzaming Noord", plan_url="/plannen/1/", message="Zit in het plan."
    )
    signal.refresh_from_db()
    assert (signal.outcome, signal.status, signal.plan_title) == (Status.PLAN, Status.ANSWERED, "Verduurzaming Noord")
    assert InboxMessage.objects.filter(recipient=signal.raised_by, body__contains="Zit in het plan.").exists()


def test_unpicked_list_holds_only_old_new_signals(buurt, lead, settings):
    settings.FRONTLIJN_SIGNAL_PICKUP_DAYS = 5
    old = SignalFactory(buurt=buurt)
    SignalFactory(buurt=buurt)  # recent: not yet late
    picked = SignalFactory(buurt=buurt, status=Status.PICKED_UP)
    elsewhere = SignalFactory()
    Signal.objects.filter(pk__in=[old.pk, picked.pk, elsewhere.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=6)
    )
    assert list(selectors.signal_list_unpicked(user=lead)) == [old]
    settings.FRONTLIJN_SIGNAL_PICKUP_DAYS = 10
    assert list(selectors.signal_list_unpicked(user=lead)) == []


def test_create_requires_text_theme_and_place(buurt):
    user = staff_in(buurt)
    with pytest.raises(ValidationError) as exc:
        services.signal_create(user=user, text="", theme_codes=[])
    assert {"text", "themes", "place"} <= set(exc.value.message_dict)


def test_create_rejects_a_bsn(buurt):
    user = staff_in(buurt)
    with pytest.raises(ValidationError) as exc:
        services.signal_create(user=user, text="BSN 111222333 gezien", theme_codes=["zorg"], buurt=buurt)
    assert "text" in exc.value.message_dict


def test_correction_is_recorded_when_staff_choose_another_theme(buurt):
    from frontlijn.signals.models import StaffCorrection

    user = staff_in(buurt)
    services.signal_create(
        user=user, text="Kapotte schommel", theme_codes=["buitenruimte"], buurt=buurt, suggested=[("onderhoud", 0.6)]
    )
    services.signal_create(
        user=user, text="Harde muziek", theme_codes=["geluid"], buurt=buurt, suggested=[("geluid", 0.9)]
    )
    assert list(StaffCorrection.objects.values_list("suggested_code", "chosen_code")) == [("onderhoud", "buitenruimte")]
