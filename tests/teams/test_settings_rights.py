"""Who sets the team's way of working (docs/decisions/0005): the lead and the administrator change
it, members get a refusal; every change is audited and shown to the whole team."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from frontlijn.privacy import capabilities
from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.teams import services
from frontlijn.teams.models import Role, WayOfWorking
from frontlijn.teams.models_work import SettingKind, TeamSettingChange
from tests.factories import BuurtFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(buurten=[BuurtFactory()], way_of_working=WayOfWorking.FUNCTIEGERICHT)


@pytest.fixture
def lead(team):
    return UserFactory(role=Role.TEAMLEIDER, teams=[team], first_name="Lotte")


@pytest.fixture
def member(team):
    return UserFactory(role=Role.WIJKBEHEERDER, teams=[team])


def test_the_rule_lives_in_the_role_table():
    assert capabilities.roles("team_settings_lead") == {Role.TEAMLEIDER}
    assert Role.WIJKBEHEERDER not in capabilities.roles("team_settings_lead")


def test_member_is_refused_by_the_service(team, member):
    with pytest.raises(PermissionDenied):
        services.team_set_way_of_working(team=team, user=member, way_of_working=WayOfWorking.WIJKGERICHT)
    with pytest.raises(PermissionDenied):
        services.team_set_contact_target(team=team, user=member, contact_target_percent=50)
    with pytest.raises(PermissionDenied):
        services.team_priority_add(team=team, user=member, kind="zaak", code="klacht")
    team.refresh_from_db()
    assert (team.way_of_working, team.contact_target_percent) == (WayOfWorking.FUNCTIEGERICHT, 30)
    assert not TeamSettingChange.objects.exists()


def test_lead_of_another_team_is_refused(team):
    other_lead = UserFactory(role=Role.TEAMLEIDER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        services.team_set_contact_target(team=team, user=other_lead, contact_target_percent=50)


def test_member_post_gets_403_and_nothing_changes(client_for, team, member):
    response = client_for(member).post(
        reverse("teams:settings", args=[team.pk]), {"action": "way", "way-way_of_working": "wijkgericht"}
    )
    assert response.status_code == 403
    team.refresh_from_db()
    assert team.way_of_working == WayOfWorking.FUNCTIEGERICHT


def test_lead_changes_it_audited_and_the_member_sees_the_history(client_for, team, lead, member):
    response = client_for(lead).post(
        reverse("teams:settings", args=[team.pk]),
        {"action": "target", "target-contact_target_percent": "35", "target-hours_per_week": "32"},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.contact_target_percent, team.hours_per_week) == (35, 32)
    change = TeamSettingChange.objects.get(team=team, kind=SettingKind.CONTACT_TARGET)
    assert (change.old_value, change.new_value, change.changed_by) == ("30% van 36 uur", "35% van 32 uur", lead)
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="teams.team", object_id=str(team.pk))
    assert event.actor_id == lead.pk
    assert event.detail["setting"] == SettingKind.CONTACT_TARGET
    assert event.detail["new"] == "35% van 32 uur"

    page = client_for(member).get(reverse("teams:settings", args=[team.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "35% van 32 uur" in html and "Lotte" in html
    assert 'name="action" value="target"' not in html  # read-only for members
    assert "Alleen de teamleider" in html
    detail = client_for(member).get(reverse("teams:detail", args=[team.pk])).content.decode()
    assert "35% van 32 uur" in detail


def test_administrator_may_help(team):
    admin = UserFactory(role=Role.BEHEERDER)
    services.team_set_way_of_working(team=team, user=admin, way_of_working=WayOfWorking.WIJKGERICHT)
    team.refresh_from_db()
    assert team.way_of_working == WayOfWorking.WIJKGERICHT
    assert AuditEvent.objects.filter(actor_id=admin.pk, action=AuditAction.CHANGE).count() == 1


def test_every_priority_change_is_audited(team, lead):
    services.team_priority_add(team=team, user=lead, kind="zaak", code="klacht")
    services.team_priority_add(team=team, user=lead, kind="zaak", code="reparatieverzoek")
    second = team.priorities.get(code="reparatieverzoek")
    services.team_priority_move(team=team, user=lead, priority_id=second.pk, direction="up")
    assert TeamSettingChange.objects.filter(team=team, kind=SettingKind.PRIORITIES).count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE, detail__setting=SettingKind.PRIORITIES).count() == 3
