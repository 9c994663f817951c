"""The teams and appreciation demo loaders run on a small demo register."""

import pytest

from frontlijn.appreciation import demo as appreciation_demo
from frontlijn.appreciation.models import Compliment, PulseResponse
from frontlijn.core.demo_context import DemoContext
from frontlijn.demo.loader import build_register, build_staff
from frontlijn.teams import demo as teams_demo
from frontlijn.teams.models_work import TeamPriority

pytestmark = pytest.mark.django_db


def test_demo_loaders_create_team_settings_compliments_and_pulse_answers():
    ctx = DemoContext.create(size="small")
    build_register(ctx)
    build_staff(ctx)
    teams_demo.load(ctx)
    appreciation_demo.load(ctx)
    assert TeamPriority.objects.exists()
    assert Compliment.objects.filter(to_user=ctx.users["wijkbeheerder"]).exists()
    assert PulseResponse.objects.count() >= 5
