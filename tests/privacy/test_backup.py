import pytest
from django.core.management import call_command
from django.db import connection

from frontlijn.register.models import Household
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(tmp_path):
    """Back up, change the data, restore: the data is as it was (SQLite or PostgreSQL, whichever runs)."""
    kept = f.HouseholdFactory(name="Familie Bewaard")
    target = tmp_path / ("backup.sqlite3" if connection.vendor == "sqlite" else "backup.dump")
    call_command("backup", str(target))
    assert target.stat().st_size > 0

    Household.objects.filter(pk=kept.pk).update(name="Gewijzigd na de backup")
    f.HouseholdFactory(name="Nieuw na de backup")

    call_command("restore", str(target), "--yes")
    connection.close()
    assert list(Household.objects.values_list("name", flat=True)) == ["Familie Bewaard"]


def test_restore_refuses_a_missing_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "nergens.sqlite3"), "--yes")
