"""Routing of new cases: the team's way of working, its priorities, and the member with room."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.cases.services import case_create
from frontlijn.teams import services
from frontlijn.teams.models import Role, WayOfWorking
from frontlijn.teams.routing import route_case, route_signal
from tests.factories import BuurtFactory, CaseFactory, TeamFactory, UnitFactory, UserFactory
from tests.teams.factories import AbsenceFactory, TeamPriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    """A buurt with a local team (wijkbeheerder + woonconsulent) and an organisation-wide repair team."""
    buurt = BuurtFactory()
    local = TeamFactory(name="Team Noord", buurten=[buurt], way_of_working=WayOfWorking.WIJKGERICHT)
    wb = UserFactory(role=Role.WIJKBEHEERDER, first_name="Anouk", teams=[local])
    wc = UserFactory(role=Role.WOONCONSULENT, first_name="Bram", teams=[local])
    repair = TeamFactory(name="Team Onderhoud", way_of_working=WayOfWorking.FUNCTIEGERICHT)
    opz = UserFactory(role=Role.OPZICHTER, first_name="Cor", teams=[repair])
    unit = UnitFactory(complex__buurt=buurt)
    return {"buurt": buurt, "local": local, "wb": wb, "wc": wc, "repair": repair, "opz": opz, "unit": unit}


def test_wijkgericht_team_gets_all_work_of_its_neighbourhood(area):
    decision = route_case(unit=area["unit"], case_type="reparatieverzoek")
    assert decision.team == area["local"]
    assert decision.assignee in (area["wb"], area["wc"])


def test_functiegericht_sends_work_to_the_queue_of_the_role(area):
    area["local"].way_of_working = WayOfWorking.FUNCTIEGERICHT
    area["local"].save()
    repair = route_case(unit=area["unit"], case_type="reparatieverzoek")
    assert (repair.team, repair.assignee) == (area["repair"], area["opz"])
    complaint = route_case(unit=area["unit"], case_type="klacht")
    assert (complaint.team, complaint.assignee) == (area["local"], area["wc"])


def test_routing_follows_the_team_after_it_switches(area):
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[area["local"]])
    services.team_set_way_of_working(team=area["local"], user=lead, way_of_working=WayOfWorking.FUNCTIEGERICHT)
    assert route_case(unit=area["unit"], case_type="reparatieverzoek").team == area["repair"]
    services.team_set_way_of_working(team=area["local"], user=lead, way_of_working=WayOfWorking.WIJKGERICHT)
    assert route_case(unit=area["unit"], case_type="reparatieverzoek").team == area["local"]


def test_team_that_ranks_the_case_type_higher_wins(area):
    other = TeamFactory(name="Team Aaa", buurten=[area["buurt"]], way_of_working=WayOfWorking.WIJKGERICHT)
    UserFactory(role=Role.HUISMEESTER, teams=[other])
    TeamPriorityFactory(team=other, code="klacht", position=1)
    TeamPriorityFactory(team=other, code="reparatieverzoek", position=2)
    TeamPriorityFactory(team=area["local"], code="reparatieverzoek", position=1)
    assert route_case(unit=area["unit"], case_type="reparatieverzoek").team == area["local"]
    assert route_case(unit=area["unit"], case_type="klacht").team == other


def test_listed_priority_beats_unlisted(area):
    other = TeamFactory(name="Team Aaa", buurten=[area["buurt"]], way_of_working=WayOfWorking.WIJKGERICHT)
    UserFactory(role=Role.HUISMEESTER, teams=[other])
    # Without priorities the name decides (Aaa before Noord); a listed priority overrides that.
    assert route_case(unit=area["unit"], case_type="overlastmelding").team == other
    TeamPriorityFactory(team=area["local"], code="overlastmelding", position=5)
    assert route_case(unit=area["unit"], case_type="overlastmelding").team == area["local"]


def test_signal_themes_are_priorities_too(area):
    other = TeamFactory(name="Team Aaa", buurten=[area["buurt"]], way_of_working=WayOfWorking.WIJKGERICHT)
    UserFactory(role=Role.HUISMEESTER, teams=[other])
    TeamPriorityFactory(team=area["local"], kind="thema", code="eenzaamheid", position=1)
    assert route_signal(buurt_id=area["buurt"].pk, theme="eenzaamheid").team == area["local"]
    assert route_signal(buurt_id=area["buurt"].pk, theme="vocht-schimmel").team == other


def test_member_with_fewest_open_cases_gets_the_work(area):
    CaseFactory(assignee=area["wb"], unit=area["unit"], household__unit=area["unit"])
    assert route_case(unit=area["unit"], case_type="klacht").assignee == area["wc"]


def test_closed_cases_do_not_count_as_open_work(area):
    CaseFactory(assignee=area["wc"], status="AFG", unit=area["unit"], household__unit=area["unit"])
    CaseFactory(assignee=area["wb"], unit=area["unit"], household__unit=area["unit"])
    assert route_case(unit=area["unit"], case_type="klacht").assignee == area["wc"]


def test_absent_member_gets_no_new_work(area):
    today = timezone.localdate()
    AbsenceFactory(user=area["wb"], start_date=today - dt.timedelta(days=1), end_date=today + dt.timedelta(days=3))
    for _ in range(3):
        assert route_case(unit=area["unit"], case_type="klacht").assignee == area["wc"]
        CaseFactory(assignee=area["wc"], unit=area["unit"], household__unit=area["unit"])


def test_no_member_with_room_leaves_the_case_in_the_team_queue(area):
    today = timezone.localdate()
    for user in (area["wb"], area["wc"]):
        AbsenceFactory(user=user, start_date=today, end_date=today)
    decision = route_case(unit=area["unit"], case_type="klacht")
    assert decision.team == area["local"]
    assert decision.assignee is None


def test_case_create_routes_when_no_assignee_given(area):
    case = case_create(user=area["wb"], case_type="reparatieverzoek", description="Lekkage", unit=area["unit"])
    assert case.assignee_team == area["local"]
    assert case.assignee is not None


def test_case_create_keeps_an_explicit_assignee(area):
    case = case_create(
        user=area["wb"], case_type="reparatieverzoek", description="Lekkage", unit=area["unit"], assignee=area["wb"]
    )
    assert case.assignee == area["wb"]
    assert case.assignee_team is None
