import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from frontlijn.privacy import audit
from frontlijn.privacy.models import AppendOnlyError, AuditAction, AuditEvent
from tests import factories as f
from tests.privacy.factories import privacy_officer

pytestmark = pytest.mark.django_db


def _three_events():
    user = f.UserFactory()
    return [
        audit.record(user=user, action=AuditAction.VIEW, object_type="register.household", object_id=i)
        for i in (1, 2, 3)
    ]


def _raw(sql: str, params: list) -> None:
    """What an attacker with database access does: bypass the model and the triggers."""
    from tests.privacy.test_audit_chain import _as_attacker

    _as_attacker(sql, params)


def test_each_event_is_chained_to_the_previous_one():
    first, second, third = _three_events()
    assert first.prev_hash == audit.GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert audit.verify().ok


def test_verify_detects_an_altered_row():
    _first, second, _third = _three_events()
    _raw("UPDATE privacy_auditevent SET reason = %s WHERE id = %s", ["verzonnen", second.pk])
    result = audit.verify()
    assert not result.ok
    assert any(f"rij {second.pk}" in p and "inhoud" in p for p in result.problems)


def test_verify_detects_a_removed_row():
    _first, second, third = _three_events()
    _raw("DELETE FROM privacy_auditevent WHERE id = %s", [second.pk])
    result = audit.verify()
    assert not result.ok
    assert any(f"rij {third.pk}" in p and "keten" in p for p in result.problems)


def test_audit_verify_command_fails_on_tampering_and_passes_when_intact(capsys):
    _first, second, _third = _three_events()
    call_command("audit", "verify")
    assert "in orde" in capsys.readouterr().out
    _raw("UPDATE privacy_auditevent SET actor_username = %s WHERE id = %s", ["iemand-anders", second.pk])
    with pytest.raises(CommandError, match="NIET in orde"):
        call_command("audit", "verify")


def test_orm_cannot_change_or_delete_audit_events():
    event = _three_events()[0]
    event.reason = "anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_trigger_refuses_raw_updates():
    from django.db import DatabaseError, transaction

    event = _three_events()[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_auditevent SET reason = 'x' WHERE id = %s", [event.pk])


def test_viewing_a_household_is_logged_with_who_and_what(client_for):
    buurt, team = f.area()
    user = f.UserFactory(teams=[team])
    household = f.HouseholdFactory(unit__complex__buurt=buurt, unit__buurt=buurt)
    response = client_for(user).get(reverse("register:household", args=[household.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.VIEW, household_id=household.pk)
    assert event.actor_id == user.pk
    assert event.object_type == "register.household"
    assert event.path == reverse("register:household", args=[household.pk])


def test_search_logs_the_number_of_results_not_the_search_term(client_for):
    buurt, team = f.area()
    user = f.UserFactory(teams=[team])
    f.ResidentFactory(household__unit__complex__buurt=buurt, household__unit__buurt=buurt, last_name="Vermeulen")
    client_for(user).get(reverse("register:search"), {"q": "Vermeulen"})
    event = AuditEvent.objects.get(action=AuditAction.SEARCH)
    assert event.detail == {"results": 1}
    assert "Vermeulen" not in str(event.content())


def test_changing_a_case_status_is_logged(client_for):
    buurt, team = f.area()
    user = f.UserFactory(teams=[team])
    case = f.CaseFactory(household__unit__complex__buurt=buurt, household__unit__buurt=buurt)
    client_for(user).post(reverse("cases:detail", args=[case.pk]), {"to_status": "INB", "version": 1, "note": ""})
    event = AuditEvent.objects.get(action=AuditAction.CHANGE)
    assert (event.object_type, event.object_id, event.detail["status"]) == ("cases.case", str(case.pk), "INB")


def test_privacy_officer_sees_the_audit_page_and_filters_by_user(client_for):
    officer = privacy_officer()
    colleague = f.UserFactory(username="jdevries")
    audit.record(user=colleague, action=AuditAction.VIEW, object_type="register.household", object_id=7, household_id=7)
    audit.record(user=officer, action=AuditAction.VIEW, object_type="register.household", object_id=8, household_id=8)
    response = client_for(officer).get(reverse("privacy:audit"), {"medewerker": "jdevries"})
    assert response.status_code == 200
    events = response.context["events"]
    assert [e.actor_username for e in events] == ["jdevries"]


def test_front_staff_and_beheerder_may_not_open_the_audit_page(client_for):
    for role in ("wijkbeheerder", "beheerder", "manager"):
        assert client_for(f.UserFactory(role=role)).get(reverse("privacy:audit")).status_code == 403


def test_api_reads_of_personal_data_are_logged_with_the_token_owner(client):
    from frontlijn.api.tokens import api_token_create

    owner = f.UserFactory(role="beheerder")
    household = f.HouseholdFactory()
    _row, token = api_token_create(owner=owner, name="ERP-koppeling")
    response = client.get("/api/v1/huishoudens/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    event = AuditEvent.objects.get(object_type="api.huishoudens")
    assert (event.actor_id, event.action, event.path) == (owner.pk, AuditAction.VIEW, "/api/v1/huishoudens/")
    assert household.name not in str(event.content())


def test_django_admin_is_for_superusers_only(client_for):
    staff = f.UserFactory(role="beheerder", is_staff=True, is_superuser=False)
    assert client_for(staff).get("/beheer/").status_code == 302  # to the login page
    superuser = f.UserFactory(is_staff=True, is_superuser=True)
    assert client_for(superuser).get("/beheer/").status_code == 200
