"""Team pages: way of working and priorities set by the team itself, contact target, take and hand over."""

import pytest
from django.urls import reverse

from frontlijn.cases.models import Case
from frontlijn.core.models import InboxMessage
from frontlijn.teams.models import Role, WayOfWorking
from frontlijn.teams.models_work import CaseHandover, SettingKind, TeamSettingChange
from tests.factories import BuurtFactory, CaseFactory, TeamFactory, UnitFactory, UserFactory
from tests.teams.factories import TeamPriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    buurt = BuurtFactory()
    return TeamFactory(buurten=[buurt], way_of_working=WayOfWorking.FUNCTIEGERICHT)


def test_member_switches_way_of_working_and_who_is_recorded(client_for, team):
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[team])
    response = client_for(lead).post(
        reverse("teams:settings", args=[team.pk]), {"action": "way", "way-way_of_working": "wijkgericht"}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.way_of_working == WayOfWorking.WIJKGERICHT
    change = TeamSettingChange.objects.get(team=team, kind=SettingKind.WAY_OF_WORKING)
    assert (change.old_value, change.new_value, change.changed_by) == ("functiegericht", "wijkgericht", lead)


def test_non_member_cannot_change_team_settings(client_for, team):
    outsider = UserFactory(role=Role.TEAMLEIDER, teams=[TeamFactory()])
    response = client_for(outsider).post(
        reverse("teams:settings", args=[team.pk]), {"action": "way", "way-way_of_working": "wijkgericht"}
    )
    assert response.status_code == 404
    team.refresh_from_db()
    assert team.way_of_working == WayOfWorking.FUNCTIEGERICHT


def test_contact_target_of_140_percent_is_refused_and_kept(client_for, team):
    member = UserFactory(role=Role.TEAMLEIDER, teams=[team])  # the lead sets the team's settings
    response = client_for(member).post(
        reverse("teams:settings", args=[team.pk]),
        {"action": "target", "target-contact_target_percent": "140", "target-hours_per_week": "32"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "een getal van 0 tot en met 100" in html
    assert 'value="140"' in html and 'value="32"' in html
    team.refresh_from_db()
    assert team.contact_target_percent == 30


def test_contact_target_is_saved_and_recorded(client_for, team):
    member = UserFactory(role=Role.TEAMLEIDER, teams=[team])  # the lead sets the team's settings
    client_for(member).post(
        reverse("teams:settings", args=[team.pk]),
        {"action": "target", "target-contact_target_percent": "40", "target-hours_per_week": "36"},
    )
    team.refresh_from_db()
    assert team.contact_target_percent == 40
    assert TeamSettingChange.objects.get(team=team, kind=SettingKind.CONTACT_TARGET).new_value == "40%"


def test_priorities_are_added_and_reordered(client_for, team):
    member = UserFactory(role=Role.TEAMLEIDER, teams=[team])  # the lead sets the team's settings
    client = client_for(member)
    url = reverse("teams:settings", args=[team.pk])
    client.post(url, {"action": "priority-add", "prio-item": "zaak:klacht"})
    client.post(url, {"action": "priority-add", "prio-item": "zaak:reparatieverzoek"})
    second = team.priorities.get(code="reparatieverzoek")
    client.post(url, {"action": "up", "priority": second.pk})
    assert list(team.priorities.order_by("position").values_list("code", flat=True)) == ["reparatieverzoek", "klacht"]
    last = TeamSettingChange.objects.filter(team=team, kind=SettingKind.PRIORITIES).first()
    assert last.new_value == "reparatieverzoek, klacht"


def test_duplicate_priority_gives_a_dutch_error(client_for, team):
    member = UserFactory(role=Role.TEAMLEIDER, teams=[team])  # the lead sets the team's settings
    TeamPriorityFactory(team=team, code="klacht", position=1)
    response = client_for(member).post(
        reverse("teams:settings", args=[team.pk]), {"action": "priority-add", "prio-item": "zaak:klacht"}
    )
    assert "Deze prioriteit staat al in de lijst." in response.content.decode()


def test_team_queue_is_in_the_teams_priority_order(client_for, team):
    member = UserFactory(teams=[team])
    unit = UnitFactory(complex__buurt=team.buurten.first())
    repair = CaseFactory(case_type="reparatieverzoek", assignee_team=team, unit=unit, household__unit=unit)
    complaint = CaseFactory(case_type="klacht", status="AAN", assignee_team=team, unit=unit, household__unit=unit)
    TeamPriorityFactory(team=team, code="klacht", position=1)
    TeamPriorityFactory(team=team, code="reparatieverzoek", position=2)
    response = client_for(member).get(reverse("teams:detail", args=[team.pk]))
    assert [c.pk for c in response.context["queue"]] == [complaint.pk, repair.pk]


def test_member_takes_work_from_the_team_queue(client_for, team):
    member = UserFactory(teams=[team])
    unit = UnitFactory(complex__buurt=team.buurten.first())
    case = CaseFactory(assignee_team=team, unit=unit, household__unit=unit)
    response = client_for(member).post(reverse("teams:case-take", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == member
    assert CaseHandover.objects.get(case=case).to_user == member


def test_member_hands_work_over_to_a_colleague_without_a_manager(client_for, team):
    giver = UserFactory(teams=[team])
    taker = UserFactory(teams=[team], role=Role.HUISMEESTER)
    unit = UnitFactory(complex__buurt=team.buurten.first())
    case = CaseFactory(assignee=giver, assignee_team=team, unit=unit, household__unit=unit)
    response = client_for(giver).post(
        reverse("teams:case-hand-over", args=[case.pk]), {"to_user": taker.pk, "note": "Ik ben morgen vrij"}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).assignee == taker
    assert InboxMessage.objects.filter(recipient=taker, body="Ik ben morgen vrij").exists()


def test_hand_over_to_someone_outside_the_team_is_refused(client_for, team):
    giver = UserFactory(teams=[team])
    outsider = UserFactory(teams=[TeamFactory()])
    unit = UnitFactory(complex__buurt=team.buurten.first())
    case = CaseFactory(assignee=giver, assignee_team=team, unit=unit, household__unit=unit)
    response = client_for(giver).post(reverse("teams:case-hand-over", args=[case.pk]), {"to_user": outsider.pk})
    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).assignee == giver


def test_case_form_routes_unless_take_myself_is_ticked(client_for):
    buurt = BuurtFactory()
    team = TeamFactory(buurten=[buurt], way_of_working=WayOfWorking.WIJKGERICHT)
    me = UserFactory(role=Role.WIJKBEHEERDER, teams=[team])
    colleague = UserFactory(role=Role.HUISMEESTER, teams=[team])
    CaseFactory(assignee=me, household__unit__complex__buurt=buurt)
    unit = UnitFactory(complex__buurt=buurt)
    household = CaseFactory(unit=unit, household__unit=unit, assignee=me).household
    client = client_for(me)
    url = reverse("cases:create", args=[household.pk])
    client.post(url, {"case_type": "klacht", "description": "Buren klagen"})
    client.post(url, {"case_type": "klacht", "description": "Nog een", "take_myself": "on"})
    routed, mine = Case.objects.filter(case_type="klacht").order_by("id")
    assert (routed.assignee, routed.assignee_team) == (colleague, team)
    assert mine.assignee == me
