"""Input-round deadlines are dates in Amsterdam: open through the whole deadline day, at night too."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from frontlijn.plans import services
from frontlijn.plans.models import Input
from tests.factories import ComplexFactory
from tests.nights import at
from tests.plans.factories import InputRoundFactory, InvitationFactory, PlanFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def test_a_round_closing_today_in_amsterdam_opens_also_when_the_utc_date_is_yesterday(night):
    plan = PlanFactory(complexes=[ComplexFactory()])
    rnd = services.round_open(plan=plan, user=plan.owner, question="Wat weten jullie?", deadline=night.local_date)
    assert rnd.is_open
    with pytest.raises(ValidationError) as exc:
        services.round_open(
            plan=plan, user=plan.owner, question="Vraag", deadline=night.local_date - dt.timedelta(days=1)
        )
    assert "in het verleden" in str(exc.value.message_dict["deadline"])


def test_a_round_takes_input_until_midnight_in_amsterdam_on_its_deadline():
    invitation = InvitationFactory(round=InputRoundFactory(deadline=dt.date(2026, 12, 1)))
    with at(dt.datetime(2026, 12, 1, 22, 59, tzinfo=UTC)):  # 23:59 on 1 December in Amsterdam
        assert invitation.round.is_open
        services.input_create(round=invitation.round, user=invitation.user, stance="idee", text="Een bankje")
    with at(dt.datetime(2026, 12, 1, 23, 0, tzinfo=UTC)):  # 00:00 on 2 December; the UTC date is still 1 December
        assert not invitation.round.is_open
        with pytest.raises(ValidationError, match="gesloten"):
            services.input_create(round=invitation.round, user=invitation.user, stance="idee", text="Nog een")
    assert Input.objects.count() == 1
