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


def complex_round_for(user, *, team, complex_, name: str = "Ronde Eikstraat"):
    """A visit round over every household of ``complex_``, all its visits assigned to ``user``."""
    import datetime as dt

    from django.utils import timezone

    from frontlijn.teams import rounds
    from frontlijn.teams.models_work import RoundVisit

    today = timezone.localdate()
    visit_round = rounds.visit_round_create(
        team=team,
        user=user,
        name=name,
        criterion="complex",
        complex=complex_,
        start_date=today,
        end_date=today + dt.timedelta(days=6),
    )
    RoundVisit.objects.filter(round=visit_round).update(assignee=user)
    return visit_round
