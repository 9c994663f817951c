"""The XLSX and PDF people hand on: number formats, frozen headers, widths, a sheet per pillar
with native charts, the Totaal row under its columns, file names, and the month they open on."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from frontlijn.dashboard.indicators import INDICATORS
from frontlijn.teams.models import Role
from tests.dashboard.factories import JAN
from tests.factories import TeamFactory, UserFactory
from tests.feedback.factories import FeedbackResponseFactory
from tests.nights import at

pytestmark = pytest.mark.django_db
UTC = dt.UTC
QUERY = {"month": "2026-02", "months": "6"}


@pytest.fixture
def manager():
    TeamFactory(name="Team Noord")
    return UserFactory(role=Role.MANAGER)


def _xlsx(client, query=QUERY):
    response = client.get(reverse("dashboard:export_xlsx"), query)
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def _headers(ws, row=3):
    return [c.value for c in ws[row]]


def _filename(response):
    return response["Content-Disposition"].split('filename="')[1].rstrip('"')


def test_a_sheet_per_pillar_with_a_chart_per_figure(client_for, manager):
    FeedbackResponseFactory(period=JAN, grade=9, heard="ja")
    _response, wb = _xlsx(client_for(manager))
    assert wb.sheetnames == ["Overzicht", "Contact", "Centraal", "Waardering", "Huurdersoordeel", "Cijfers"]
    contact = wb["Contact"]
    headers = _headers(contact)
    assert headers[0] == "Maand"
    assert "Rapportcijfer van bewoners" in headers
    charts = {c.title.tx.rich.p[0].r[0].t for c in contact._charts}
    assert "Rapportcijfer van bewoners" in charts  # a native Excel chart, not a picture
    assert all(type(c).__name__ == "LineChart" for c in contact._charts)
    assert len(wb["Cijfers"]["C"]) - 3 == len(INDICATORS) * 6  # every figure, every month


def test_percentages_are_percentages_with_one_decimal_and_grades_one_decimal(client_for, manager):
    FeedbackResponseFactory(period=JAN, grade=9, heard="ja")
    FeedbackResponseFactory(period=JAN, grade=6, heard="nee")
    FeedbackResponseFactory(period=JAN, grade=7, heard="nee")
    _response, wb = _xlsx(client_for(manager))
    contact = wb["Contact"]
    headers = _headers(contact)
    heard = headers.index("Bewoners die zich gehoord voelden (%)") + 1
    grade = headers.index("Rapportcijfer van bewoners") + 1
    january = next(r for r in range(4, contact.max_row + 1) if contact.cell(r, 1).value == dt.datetime(2026, 1, 1))
    heard_cell, grade_cell = contact.cell(january, heard), contact.cell(january, grade)
    assert heard_cell.value == pytest.approx(1 / 3, abs=1e-6)  # shown by Excel as 33.3%
    assert heard_cell.number_format == "0.0%"
    assert grade_cell.value == pytest.approx(22 / 3, abs=1e-4)
    assert grade_cell.number_format == "0.0"
    assert contact.cell(january, 1).number_format == "mmm yyyy"
    overview = wb["Overzicht"]
    row = next(r for r in overview.iter_rows(min_row=4) if r[1].value == headers[heard - 1].removesuffix(" (%)"))
    assert {c.number_format for c in row[2:]} == {"0.0%"}
    cijfers = wb["Cijfers"]
    line = next(r for r in cijfers.iter_rows(min_row=4) if r[2].value == "heard_share" and r[4].value == "2026-01")
    assert line[5].number_format == "0.0%" and line[5].value == pytest.approx(1 / 3, abs=1e-6)


def test_header_rows_are_frozen_and_columns_have_widths(client_for, manager):
    _response, wb = _xlsx(client_for(manager))
    assert wb["Overzicht"].freeze_panes == "C4"
    for name in ("Contact", "Centraal", "Waardering"):
        assert wb[name].freeze_panes == "B4"
    assert wb["Huurdersoordeel"].freeze_panes == "A4"
    assert wb["Cijfers"].freeze_panes == "A4"
    assert wb["Overzicht"].column_dimensions["B"].width >= 40  # indicator names fit
    assert wb["Contact"].column_dimensions["B"].width >= 15
    assert wb["Huurdersoordeel"].column_dimensions["A"].width >= 25


def test_the_totaal_row_is_aligned_with_its_columns(client_for, manager):
    for kind, grades in (("HUN", [8, 8, 8, 8, 9]), ("REP", [8, 8, 8, 8, 8]), ("HUV", [7, 7, 7, 7, 7])):
        for g in grades:
            FeedbackResponseFactory(kind=kind, period=JAN, grade=g)
    _response, wb = _xlsx(client_for(manager), {"month": "2026-01", "months": "6"})
    ws = wb["Huurdersoordeel"]
    headers = _headers(ws)
    assert headers == ["Meting", "Cijfer", "Aantal", "Sectorgemiddelde", "Weging", "Letter", "Score"]
    rows = {r[0].value: {h: c for h, c in zip(headers, r, strict=True)} for r in ws.iter_rows(min_row=4)}
    total = rows["Totaal"]
    assert total["Letter"].value == "B"
    assert total["Score"].value == pytest.approx(0.25 - 0.20)  # A (HUN) 25%, B (REP), C (HUV) 20%
    assert total["Aantal"].value == 15
    assert total["Weging"].value == pytest.approx(1.0) and total["Weging"].number_format == "0%"
    assert total["Cijfer"].value is None and total["Sectorgemiddelde"].value is None
    hun = rows["Nieuwe huurders (HUN)"]
    assert hun["Cijfer"].value == pytest.approx(8.2) and hun["Letter"].value == "A" and hun["Score"].value == 0.25


def test_file_names_have_the_four_digit_year(client_for, manager):
    client = client_for(manager)
    xlsx = client.get(reverse("dashboard:export_xlsx"), QUERY)
    csv = client.get(reverse("dashboard:export_csv"), QUERY)
    pdf = client.get(reverse("dashboard:report_pdf"), QUERY)
    assert _filename(xlsx) == "frontlijn-dashboard-2026-02.xlsx"
    assert _filename(csv) == "frontlijn-dashboard-2026-02.csv"
    assert _filename(pdf) == "frontlijn-maandrapport-2026-02.pdf"


@pytest.mark.parametrize(
    ("instant", "month"),
    [
        (dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC), "2026-11"),  # 00:30 on 1 December (CET)
        (dt.datetime(2026, 11, 30, 22, 30, tzinfo=UTC), "2026-10"),  # 23:30 on 30 November
        (dt.datetime(2026, 6, 30, 22, 30, tzinfo=UTC), "2026-06"),  # 00:30 on 1 July (CEST)
        (dt.datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "2026-10"),  # 00:30 on 1 November, after the change
    ],
)
def test_exports_open_on_the_last_complete_month_in_amsterdam(client_for, manager, instant, month):
    with at(instant):
        client = client_for(manager)
        xlsx = client.get(reverse("dashboard:export_xlsx"))
        pdf = client.get(reverse("dashboard:report_pdf"), {"months": "6"})  # a filter without a month
    assert _filename(xlsx) == f"frontlijn-dashboard-{month}.xlsx"
    assert _filename(pdf) == f"frontlijn-maandrapport-{month}.pdf"
    wb = load_workbook(io.BytesIO(xlsx.content))
    months = [wb["Contact"].cell(r, 1).value for r in range(4, wb["Contact"].max_row + 1)]
    assert f"{[m for m in months if isinstance(m, dt.datetime)][-1]:%Y-%m}" == month
    assert "lopende maand" not in wb["Overzicht"]["A2"].value


def test_the_default_is_the_month_before_today_at_every_night(client_for, manager, night):
    from frontlijn.dashboard.periods import last_complete_month

    response = client_for(manager).get(reverse("dashboard:export_xlsx"))
    assert _filename(response) == f"frontlijn-dashboard-{last_complete_month(night.local_date):%Y-%m}.xlsx"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_the_running_month_is_marked_when_chosen(client_for, manager, tmp_path):
    with at(dt.datetime(2026, 12, 2, 9, 0, tzinfo=UTC)):
        client = client_for(manager)
        query = {"month": "2026-12", "months": "6"}
        _response, wb = _xlsx(client, query)
        pdf = client.get(reverse("dashboard:report_pdf"), query)
    for name in ("Overzicht", "Contact", "Huurdersoordeel", "Cijfers"):
        assert "lopende maand, t/m 2 december 2026" in wb[name]["A2"].value
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "lopende maand, t/m 2 december 2026" in " ".join(text.split())


def test_the_pdf_prints_euro_diacritics_and_typographic_quotes_as_typed(client_for, manager):
    from tests.pdftext import DUTCH_TEXT, pdf_text

    team = TeamFactory(name=DUTCH_TEXT)
    response = client_for(manager).get(reverse("dashboard:report_pdf"), QUERY | {"team": team.pk})
    assert response.status_code == 200
    assert f"{DUTCH_TEXT}, alle wijken." in pdf_text(response.content)
