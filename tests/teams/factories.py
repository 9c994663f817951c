"""Factories for the teams app's own models (core factories live in tests/factories.py)."""

import factory

from frontlijn.teams.models_work import Absence, TeamPriority
from tests.factories import TeamFactory, UserFactory


class TeamPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamPriority

    team = factory.SubFactory(TeamFactory)
    kind = "zaak"
    code = "reparatieverzoek"
    position = factory.Sequence(lambda n: n + 1)


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    user = factory.SubFactory(UserFactory)
    start_date = factory.Faker("date_object")
    end_date = factory.SelfAttribute("start_date")
