"""The feedback demo loader fills a year of answers, anonymous unless opted in."""

import pytest

from frontlijn.core.demo_context import DemoContext
from frontlijn.feedback import demo
from frontlijn.feedback.models import FeedbackResponse
from tests.factories import BuurtFactory, HouseholdFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_demo_loader_creates_answers_per_team_and_month():
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt])
    ctx = DemoContext.create(size="small")
    ctx.teams = [team]
    ctx.household_ids = [HouseholdFactory(unit__complex__buurt=buurt).pk]
    demo.load(ctx)
    answers = FeedbackResponse.objects.all()
    assert answers.count() == 13 * 13 * 2
    assert answers.filter(team=team, wijk=buurt.wijk).count() == answers.count()
    assert not answers.filter(contact_opt_in=False, household__isnull=False).exists()
    assert set(answers.values_list("kind", flat=True)) == {"HUN", "REP", "HUV", "ALG"}
