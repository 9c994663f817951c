"""Migration 0002 turns the roll-up's n1-n4 into named measure columns and keeps the rows."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

OLD = ("dashboard", "0001_initial")
NEW = ("dashboard", "0002_rollup_named_measures")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def test_the_rows_are_copied_into_the_named_columns_and_back():
    old_apps = _migrate(OLD)
    Total = old_apps.get_model("dashboard", "MonthlyTotal")
    month = dt.date(2026, 1, 1)
    Total.objects.create(source="contacts", month=month, staff_id=1, buurt_id=2, n1=10, n2=3, n3=4, n4=95)
    Total.objects.create(source="responses", month=month, team_id=5, wijk_id=6, kind="REP", n1=2, n2=15, n3=1)
    Total.objects.create(source="signals_feedback", month=month, staff_id=1, n1=2, n4=86_400_000_000)
    try:
        new_apps = _migrate(NEW)
        Total = new_apps.get_model("dashboard", "MonthlyTotal")
        contacts = Total.objects.get(source="contacts")
        assert (contacts.count, contacts.beyond, contacts.proactive, contacts.minutes) == (10, 3, 4, 95)
        responses = Total.objects.get(source="responses")
        assert (responses.count, responses.grade_sum, responses.heard_yes, responses.kind) == (2, 15, 1, "REP")
        assert Total.objects.get(source="signals_feedback").duration_us == 86_400_000_000
        assert contacts.kept == 0 and responses.minutes == 0
        back = _migrate(OLD).get_model("dashboard", "MonthlyTotal")
        assert back.objects.get(source="contacts").n4 == 95
    finally:
        _migrate(NEW)
        connection.cursor().execute("DELETE FROM dashboard_monthlytotal")
