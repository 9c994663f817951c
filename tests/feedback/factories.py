"""Factories for resident feedback."""

import datetime as dt

import factory
from django.utils import timezone

from frontlijn.feedback.models import FeedbackInvitation, FeedbackResponse, Kind
from frontlijn.lib.tokens import hash_token
from tests.factories import HouseholdFactory


class FeedbackInvitationFactory(factory.django.DjangoModelFactory):
    """An invitation whose token is ``token`` (pass ``token=...`` to choose it)."""

    class Meta:
        model = FeedbackInvitation
        exclude = ["token"]

    token = factory.Sequence(lambda n: f"test-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    kind = Kind.GENERAL
    channel = "EMA"
    household = factory.SubFactory(HouseholdFactory)
    period = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    sent_at = factory.LazyFunction(timezone.now)


class FeedbackResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackResponse

    kind = Kind.GENERAL
    period = dt.date(2026, 1, 1)
    grade = 8
    heard = "ja"
    promise_kept = "ja"
