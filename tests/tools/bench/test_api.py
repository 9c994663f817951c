"""The import benchmark measures what it says, on either database, and leaves the database as it was."""

import pytest

from bench.api import run_import
from frontlijn.contacts.models import ContactMoment


@pytest.mark.django_db
def test_run_import_reports_the_floor_the_changed_file_and_the_one_bad_row():
    figures = run_import(300, memory_sizes=(), row_by_row=False)
    assert figures["import_new_counts"] == {"created": 300, "updated": 0, "unchanged": 0}
    assert figures["import_10pct_changed_counts"] == {"created": 0, "updated": 300, "unchanged": 270}
    assert figures["bare_insert_select_seconds"] > 0 and figures["native_seconds"] > 0
    bad = figures["one_bad_row"]
    assert bad["stored_nothing_and_named_the_row"] is True
    assert bad["errors"] == [[300 - 30 - 1 + 2, "duur", "De duur is minimaal 1 minuut."]]
    assert not ContactMoment.objects.exists()  # rolled back
