"""Formula injection (CSV injection) in exports: security.md, probe finding 6."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from frontlijn.lib.spreadsheet import safe_cell, unsafe_cell
from frontlijn.teams.models import Role
from tests.factories import TeamFactory, UserFactory, WijkFactory

HOSTILE = [
    '=HYPERLINK("https://evil.example","klik")',
    "=cmd|' /C calc'!A0",
    "+31 6 1234",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(text):
    assert safe_cell(text) == "'" + text
    assert unsafe_cell(safe_cell(text)) == text


@pytest.mark.parametrize("value", [12, -3, 2.5, -0.25, None, True, "Kerkstraat 12", "", "'quoted"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_quotes_before_a_trigger_round_trip():
    assert unsafe_cell(safe_cell("'=x")) == "'=x"
    assert unsafe_cell("'plain") == "'plain"


def _xlsx_cells(content: bytes):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from row


@pytest.mark.django_db
def test_dashboard_exports_hold_no_live_formula(client_for):
    WijkFactory(name='=HYPERLINK("https://evil.example","wijk")')
    team = TeamFactory(name="=cmd|' /C calc'!A0")
    client = client_for(UserFactory(role=Role.MANAGER))
    query = {"month": "2026-02", "months": "6", "team": team.pk}
    response = client.get(reverse("dashboard:export_xlsx"), query)
    assert response.status_code == 200
    cells = list(_xlsx_cells(response.content))
    assert not [c.coordinate for c in cells if c.data_type == "f"], "live formula cells in export.xlsx"
    team_cells = [c.value for c in cells if isinstance(c.value, str) and "cmd|" in c.value]
    assert team_cells and all(v.startswith("'=") for v in team_cells)
    assert any(isinstance(c.value, int | float) for c in cells), "numbers must stay numbers"
    response = client.get(reverse("dashboard:export_csv"), query)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'=cmd|' /C calc'!A0" in cells
