"""The plans demo loader builds plans in every state through the services."""

import pytest

from frontlijn.core.demo_context import DemoContext
from frontlijn.plans import demo
from frontlijn.plans.models import GateException, InputAnswer, Phase, Plan
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, ComplexFactory, TeamFactory, UserFactory, WijkFactory

pytestmark = pytest.mark.django_db


def test_demo_loader_makes_plans_in_each_state():
    wijken = [WijkFactory() for _ in range(3)]
    complexes = [ComplexFactory(buurt=BuurtFactory(wijk=w)) for w in wijken for _ in range(2)]
    teams = [TeamFactory(wijken=[w]) for w in wijken]
    ctx = DemoContext.create(size="small")
    ctx.wijken, ctx.complexes, ctx.teams = wijken, complexes, teams
    ctx.users = {"planeigenaar": UserFactory(role=Role.PLANEIGENAAR), "wijkbeheerder": UserFactory(teams=[teams[0]])}
    for team in teams:
        for _ in range(3):
            UserFactory(role=Role.HUISMEESTER, teams=[team])

    demo.load(ctx)

    phases = sorted(Plan.objects.values_list("phase", flat=True))
    assert phases == sorted([Phase.ONTWERP, Phase.BESLUIT, Phase.UITVOERING, Phase.INITIATIEF])
    assert GateException.objects.count() == 1
    assert InputAnswer.objects.filter(input__author=ctx.users["wijkbeheerder"]).exists()
    running = Plan.objects.get(phase=Phase.ONTWERP).rounds.get()
    assert running.invitations.filter(user=ctx.users["wijkbeheerder"]).exists()
    assert not running.inputs.filter(author=ctx.users["wijkbeheerder"]).exists()
