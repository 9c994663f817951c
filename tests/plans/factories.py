"""Factories and small builders for the plans tests."""

import datetime as dt

import factory
from django.utils import timezone

from frontlijn.plans.models import Input, InputRound, Invitation, Phase, Plan, PlanType, Stance
from frontlijn.teams.models import Role
from tests.factories import UserFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Verduurzaming complex {n}")
    plan_type = PlanType.VERDUURZAMING
    owner = factory.SubFactory(UserFactory, role=Role.PLANEIGENAAR)
    phase = Phase.INITIATIEF

    @factory.post_generation
    def complexes(self, create, extracted, **kwargs):
        if create and extracted:
            self.complexes.set(extracted)

    @factory.post_generation
    def buurten(self, create, extracted, **kwargs):
        if create and extracted:
            self.buurten.set(extracted)

    @factory.post_generation
    def wijken(self, create, extracted, **kwargs):
        if create and extracted:
            self.wijken.set(extracted)


class InputRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InputRound

    plan = factory.SubFactory(PlanFactory)
    question = "Wat moeten we weten over dit complex?"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    opened_by = factory.SelfAttribute("plan.owner")
    phase = factory.SelfAttribute("plan.phase")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    round = factory.SubFactory(InputRoundFactory)
    user = factory.SubFactory(UserFactory)


class InputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Input

    round = factory.SubFactory(InputRoundFactory)
    author = factory.SubFactory(UserFactory)
    stance = Stance.ZORG
    text = "Veel bewoners klagen over tocht bij de kozijnen."
