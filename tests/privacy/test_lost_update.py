import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_second_editor_gets_a_conflict_with_both_versions_and_nothing_is_lost(client_for):
    buurt, team = f.area()
    case = f.CaseFactory(household__unit__complex__buurt=buurt, household__unit__buurt=buurt)
    anna, bert = f.UserFactory(teams=[team]), f.UserFactory(teams=[team])
    url = reverse("cases:detail", args=[case.pk])
    anna_client, bert_client = client_for(anna), client_for(bert)
    # Both open the case at version 1.
    assert anna_client.get(url).context["form"]["version"].value() == 1
    assert bert_client.get(url).context["form"]["version"].value() == 1

    assert anna_client.post(url, {"to_status": "INB", "version": 1, "note": "Loodgieter gebeld"}).status_code == 302
    response = bert_client.post(url, {"to_status": "GEA", "version": 1, "note": "Bewoner trekt melding in"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft deze zaak intussen gewijzigd" in page
    assert response.context["conflict"].status == "INB"  # the current version is shown
    assert response.context["form"]["note"].value() == "Bewoner trekt melding in"  # what Bert typed stays
    case.refresh_from_db()
    assert (case.status, case.version) == ("INB", 2)  # Anna's change was not overwritten
    assert list(case.status_changes.values_list("note", flat=True)) == ["Loodgieter gebeld"]


def test_a_stale_status_choice_gets_the_conflict_message_not_no_such_choice(client_for):
    """Both saw "nieuw"; Anna moved it on, so Bert's choice is no longer on offer (probe finding 10)."""
    buurt, team = f.area()
    case = f.CaseFactory(household__unit__complex__buurt=buurt, household__unit__buurt=buurt)
    anna, bert = f.UserFactory(teams=[team]), f.UserFactory(teams=[team])
    url = reverse("cases:detail", args=[case.pk])
    anna_client, bert_client = client_for(anna), client_for(bert)
    assert anna_client.post(url, {"to_status": "INB", "version": 1}).status_code == 302
    response = bert_client.post(url, {"to_status": "INB", "version": 1, "note": "Ook gebeld"})
    page = response.content.decode()
    assert "Iemand anders heeft deze zaak intussen gewijzigd" in page
    assert "geen beschikbare keuze" not in page
    assert response.context["form"]["note"].value() == "Ook gebeld"
    assert response.context["form"]["version"].value() == "2"  # saving again (having seen it) works


def _plan_post(plan, **changes) -> dict:
    data = {"title": plan.title, "plan_type": plan.plan_type, "description": plan.description, "version": 1}
    data["buurten"] = [b.pk for b in plan.buurten.all()]
    return data | changes


def test_second_plan_editor_gets_a_conflict_and_the_first_edit_stays(client_for):
    from frontlijn.teams.models import Role
    from tests.plans.factories import PlanFactory

    buurt = f.BuurtFactory()
    plan = PlanFactory(buurten=[buurt], description="Eerste tekst")
    owner_client = client_for(plan.owner)
    manager_client = client_for(f.UserFactory(role=Role.MANAGER))
    url = reverse("plans:edit", args=[plan.pk])
    assert owner_client.get(url).context["form"]["version"].value() == 1
    assert owner_client.post(url, _plan_post(plan, description="Tekst van de eigenaar")).status_code == 302
    response = manager_client.post(url, _plan_post(plan, description="Tekst van de manager"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit plan intussen gewijzigd" in page
    assert "Tekst van de eigenaar" in page  # the current version is shown
    assert response.context["form"]["description"].value() == "Tekst van de manager"  # what was typed stays
    plan.refresh_from_db()
    assert (plan.description, plan.version) == ("Tekst van de eigenaar", 2)
    again = manager_client.post(url, _plan_post(plan, description="Tekst van de manager", version=2))
    assert again.status_code == 302
    plan.refresh_from_db()
    assert (plan.description, plan.version) == ("Tekst van de manager", 3)


def test_team_settings_edited_by_two_leads_give_a_conflict(client_for):
    from frontlijn.teams.models import Role, WayOfWorking

    team = f.TeamFactory(way_of_working=WayOfWorking.FUNCTIEGERICHT)
    first, second = (client_for(f.UserFactory(role=Role.TEAMLEIDER, teams=[team])) for _ in range(2))
    url = reverse("teams:settings", args=[team.pk])
    assert first.get(url).context["way_form"]["version"].value() == 1
    response = first.post(url, {"action": "way", "way-way_of_working": "wijkgericht", "way-version": 1})
    assert response.status_code == 302
    response = second.post(
        url,
        {"action": "target", "target-contact_target_percent": "40", "target-hours_per_week": "32", "target-version": 1},
    )
    assert response.status_code == 200
    assert "Iemand anders heeft de instellingen van dit team intussen gewijzigd" in response.content.decode()
    assert response.context["target_form"]["contact_target_percent"].value() == "40"
    team.refresh_from_db()
    assert team.way_of_working == WayOfWorking.WIJKGERICHT and team.contact_target_percent != 40
