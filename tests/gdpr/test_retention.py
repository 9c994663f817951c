import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment
from frontlijn.gdpr.tasks import retention_task
from frontlijn.privacy.models import AuditAction, AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_and_recent():
    long_ago = timezone.now() - dt.timedelta(days=3 * 365)
    old_household = f.HouseholdFactory(last_contact_at=long_ago)
    old = f.ContactMomentFactory(
        household=old_household, occurred_at=long_ago, beyond_note="Oude zorg", beyond_tags=["geldzorgen"]
    )
    recent_household = f.HouseholdFactory(last_contact_at=timezone.now())
    older_note_recent_contact = f.ContactMomentFactory(
        household=recent_household, occurred_at=long_ago, beyond_note="Nog actueel"
    )
    return old, older_note_recent_contact


def test_dry_run_reports_and_changes_nothing(old_and_recent, capsys):
    old, _recent = old_and_recent
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Notities 'verder dan het proces' (2 jaar na het laatste contact met het huishouden): 1 zou wissen" in out
    assert "Proefrun" in out
    old.refresh_from_db()
    assert old.beyond_note == "Oude zorg"
    assert not AuditEvent.objects.filter(action=AuditAction.RETENTION).exists()


def test_beyond_notes_are_blanked_two_years_after_the_last_contact(old_and_recent):
    old, recent = old_and_recent
    call_command("retention")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.beyond_note, old.beyond_tags) == ("", [])
    assert old.duration_minutes == 10  # the statistics stay
    assert recent.beyond_note == "Nog actueel"  # the household is still in contact
    assert AuditEvent.objects.get(action=AuditAction.RETENTION).detail["beyond_note"] == 1


def test_the_scheduled_task_applies_retention(old_and_recent):
    old, _recent = old_and_recent
    result = retention_task.enqueue()
    assert result.return_value["beyond_note"] == 1
    assert ContactMoment.objects.get(pk=old.pk).beyond_note == ""


def test_the_periods_shown_follow_the_configured_retention(settings):
    from frontlijn.gdpr.retention import rules

    settings.FRONTLIJN_RETENTION_DAYS = {"beyond_note": 3 * 365, "promise_text": 400}
    described = {rule.key: (rule.days, str(rule.description)) for rule in rules()}
    assert described["beyond_note"] == (1095, "3 jaar na het laatste contact met het huishouden")
    assert described["promise_text"] == (400, "400 dagen na de afgesproken datum")
    assert described["contact_text"] == (2555, "7 jaar na het contact")
