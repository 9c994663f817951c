"""Who sees the dashboard, what it shows, and the CSV/XLSX/PDF exports."""

import csv
import io
import shutil
import subprocess

import pytest
from django.urls import reverse

from frontlijn.teams.models import Role
from tests.dashboard.factories import JAN
from tests.factories import HouseholdFactory, ResidentFactory, TeamFactory, UserFactory
from tests.feedback.factories import FeedbackResponseFactory

pytestmark = pytest.mark.django_db

QUERY = {"month": "2026-02", "months": "6"}


@pytest.fixture
def teams():
    return TeamFactory(name="Team Noord"), TeamFactory(name="Team Zuid\u2013Oost")


def test_manager_sees_the_whole_association(client_for, teams):
    response = client_for(UserFactory(role=Role.MANAGER)).get(reverse("dashboard:index"), QUERY)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Huurdersoordeel" in body and "Contact" in body and "Centraal" in body and "Waardering" in body
    assert body.count('role="img"') >= 10  # a chart per indicator
    assert "<caption>Cijfers onder de grafiek" in body


def test_teamleider_only_sees_own_team(client_for, teams):
    noord, zuid = teams
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[noord])
    client = client_for(lead)
    assert client.get(reverse("dashboard:index"), QUERY | {"team": noord.pk}).status_code == 200
    response = client.get(reverse("dashboard:index"), QUERY | {"team": zuid.pk})
    assert response.status_code == 400  # not one of the choices: the form says so
    assert "Team Zuid" not in response.content.decode().split("<select")[1].split("</select>")[0]


def test_roles_without_dashboard_are_refused(client_for, teams):
    planner = UserFactory(role=Role.PLANEIGENAAR)
    assert client_for(planner).get(reverse("dashboard:index")).status_code == 403
    no_team = UserFactory(role=Role.WIJKBEHEERDER)
    assert client_for(no_team).get(reverse("dashboard:index")).status_code == 403


def test_bad_month_gets_a_dutch_message_and_keeps_the_input(client_for, teams):
    response = client_for(UserFactory(role=Role.MANAGER)).get(reverse("dashboard:index"), {"month": "maart"})
    body = response.content.decode()
    assert "Kies een maand, bijvoorbeeld 2026-03." in body
    assert 'value="maart"' in body


def test_dashboard_shows_no_resident_and_no_comment(client_for, teams):
    household = HouseholdFactory(name="Familie Pietersen")
    ResidentFactory(household=household, last_name="Pietersen")
    FeedbackResponseFactory(
        period=JAN, comment="Mijn buurman Jansen is vervelend", contact_opt_in=True, household=household
    )
    body = client_for(UserFactory(role=Role.MANAGER)).get(reverse("dashboard:index"), QUERY).content.decode()
    assert "Pietersen" not in body and "Jansen" not in body


def _responses(kind, grades, team=None):
    for grade in grades:
        FeedbackResponseFactory(kind=kind, period=JAN, grade=grade, team=team)


def test_letter_shown_on_the_dashboard(client_for, teams):
    _responses("HUN", [8, 8, 8, 8, 9])  # 8.2 A
    _responses("REP", [8, 8, 8, 8, 8])  # 8.0 B
    _responses("HUV", [7, 7, 7, 7, 7])  # 7.0 C
    body = client_for(UserFactory(role=Role.MANAGER)).get(reverse("dashboard:index"), QUERY).content.decode()
    assert 'id="oordeel-letter">B<' in body


def test_csv_export_has_every_figure(client_for, teams):
    FeedbackResponseFactory(period=JAN, grade=7)
    response = client_for(UserFactory(role=Role.MANAGER)).get(reverse("dashboard:export_csv"), QUERY)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    codes = {row[2] for row in rows[1:] if len(row) > 2 and row[0] != "huurdersoordeel"}
    from frontlijn.dashboard.indicators import INDICATORS

    assert len(codes) == len(INDICATORS)
    grade_jan = next(r for r in rows if len(r) > 4 and r[2] == "resident_grade" and r[4] == "2026-01")
    assert float(grade_jan[5]) == 7.0


def test_xlsx_export_opens_and_holds_the_figures(client_for, teams):
    from openpyxl import load_workbook

    FeedbackResponseFactory(period=JAN, grade=9, heard="ja")
    response = client_for(UserFactory(role=Role.MANAGER)).get(reverse("dashboard:export_xlsx"), QUERY)
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Overzicht", "Contact", "Centraal", "Waardering", "Huurdersoordeel", "Cijfers"]
    rows = list(wb["Cijfers"].iter_rows(values_only=True))
    grade = next(r for r in rows if r[2] == "resident_grade" and r[4] == "2026-01")
    heard = next(r for r in rows if r[2] == "heard_share" and r[4] == "2026-01")
    assert grade[5] == 9 and heard[5] == 1  # 100%, with a percentage format (tests/dashboard/test_exports.py)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_pdf_report_opens_and_holds_the_figures(client_for, teams, tmp_path):
    FeedbackResponseFactory(period=JAN.replace(month=2), grade=9, heard="ja", team=teams[1])
    response = client_for(UserFactory(role=Role.MANAGER)).get(
        reverse("dashboard:report_pdf"), QUERY | {"team": teams[1].pk}
    )
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "rapport.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "maandrapport feb 2026" in text
    assert "Team Zuid\u2013Oost" in text  # a non-Latin-1 character survives
    assert "Rapportcijfer van bewoners" in text
    assert "9,0" in text and "100,0%" in text
    assert "Huurdersoordeel" in text
