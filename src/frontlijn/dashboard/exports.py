"""Exports of every figure: CSV, Excel (XLSX) and the monthly board report as PDF.

- CSV: machine-readable, one row per figure per month (comma separated, decimal point, UTF-8
  with BOM so Excel recognises the encoding).
- XLSX for handing on: "Overzicht" (a figure per row, a month per column), a sheet per pillar
  (a month per row, a figure per column, a native Excel line chart per figure), "Huurdersoordeel"
  (its "Totaal" row under the same columns) and "Cijfers" (every number in long form). Numbers
  carry Excel number formats (percentages as percentages, the figure's decimals), the three
  header rows are frozen and columns have widths.
- PDF: the board report for the last month of the scope, with every figure, its previous month,
  the trend chart and the huurdersoordeel, in DejaVu Sans (:mod:`frontlijn.lib.pdf`), so every
  character prints as typed.
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

from frontlijn.dashboard.presentation import (
    chart_for,
    format_value,
    freshness_lines,
    month_label,
    running_month_note,
    scope_label,
)
from frontlijn.dashboard.selectors import Dashboard
from frontlijn.lib import clock
from frontlijn.lib.pdf import FAMILY, new_pdf
from frontlijn.lib.spreadsheet import safe_row

HEADER = ["pijler", "indicator", "code", "eenheid", "maand", "waarde", "teller", "noemer", "doel", "team", "wijk"]


def _num(value):
    if value is None:
        return None
    return round(float(value), 4)


def rows(dashboard: Dashboard) -> list[list]:
    scope = dashboard.scope
    out = []
    pillar_names = {key: label for key, label, _figures in dashboard.by_pillar()}
    for figure in dashboard.figures:
        for i, month in enumerate(scope.months):
            out.append(
                [
                    pillar_names[figure.pillar],
                    figure.label,
                    figure.key,
                    figure.unit,
                    f"{month:%Y-%m}",
                    _num(figure.values[i]),
                    _num(figure.numerators[i]) if i < len(figure.numerators) else None,
                    _num(figure.denominators[i]) if i < len(figure.denominators) else None,
                    _num(figure.target),
                    str(scope.team) if scope.team else "",
                    str(scope.wijk) if scope.wijk else "",
                ]
            )
    return out


def oordeel_rows(dashboard: Dashboard) -> list[list]:
    result = []
    for k in dashboard.oordeel.kinds:
        result.append([k.kind, k.grade, k.answers, float(k.sector_average), float(k.weight), k.letter or ""])
    return result


def to_csv(dashboard: Dashboard) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows(dashboard):
        writer.writerow(safe_row("" if v is None else v for v in row))
    writer.writerow([])
    writer.writerow(["huurdersoordeel", "soort", "cijfer", "aantal", "sectorgemiddelde", "weging", "letter"])
    for row in oordeel_rows(dashboard):
        writer.writerow(safe_row(["huurdersoordeel", *("" if v is None else v for v in row)]))
    o = dashboard.oordeel
    writer.writerow(
        ["huurdersoordeel", "totaal", "", "", "", "" if o.score is None else float(o.score), o.letter or ""]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_value(figure, value):
    """A figure's value as Excel holds it: percentages as fractions (shown with a % format)."""
    if value is None:
        return None
    value = float(value)
    return round(value / 100, 6) if figure.unit == "%" else round(value, 4)


def number_format(figure) -> str:
    """The Excel number format of a figure: percentages as percentages, its own decimals."""
    digits = "0" if figure.decimals <= 0 else "0." + "0" * figure.decimals
    return f"{digits}%" if figure.unit == "%" else digits


def _heading(figure) -> str:
    return f"{figure.label} (%)" if figure.unit == "%" else figure.label


def _title_rows(ws, title: str, subtitle: str) -> None:
    from openpyxl.styles import Font

    ws.append(safe_row([title]))
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(safe_row([subtitle]))  # the scope names a team or wijk: never a formula


def _header_row(ws, values: list) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.append(safe_row(values))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(ws, widths: dict[str, float]) -> None:
    for column, width in widths.items():
        ws.column_dimensions[column].width = width


XLSX_HEADER_ROWS = 3  # title, subtitle, column headers: frozen on every sheet
MONTH_FORMAT = "mmm yyyy"


def _subtitle(dashboard: Dashboard) -> str:
    scope = dashboard.scope
    text = _("%(scope)s, %(first)s tot en met %(last)s. Gemaakt op %(date)s door Frontlijn.") % {
        "scope": scope_label(scope),
        "first": month_label(scope.months[0]),
        "last": month_label(scope.months[-1]),
        "date": clock.today().strftime("%d-%m-%Y"),
    }
    note = running_month_note(scope.months[-1])
    return f"{text} {month_label(scope.months[-1])}: {note}." if note else text


def to_xlsx(dashboard: Dashboard) -> bytes:
    """The workbook: an overview, a sheet per pillar with a native chart per figure, the
    huurdersoordeel, and every number in long form ("Cijfers")."""
    from openpyxl import Workbook

    subtitle = _subtitle(dashboard)
    wb = Workbook()
    _overview_sheet(wb.active, dashboard, subtitle)
    for _key, pillar_label, figures in dashboard.by_pillar():
        _pillar_sheet(wb.create_sheet(pillar_label[:31]), dashboard, pillar_label, figures, subtitle)
    _oordeel_sheet(wb.create_sheet(_("Huurdersoordeel")), dashboard, subtitle)
    _numbers_sheet(wb.create_sheet(_("Cijfers")), dashboard, subtitle)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _overview_sheet(ws, dashboard: Dashboard, subtitle: str) -> None:
    """Overzicht: one row per figure, one column per month."""
    from openpyxl.utils import get_column_letter

    months = dashboard.scope.months
    ws.title = _("Overzicht")
    _title_rows(ws, _("Versterk het front: cijfers per maand"), subtitle)
    _header_row(ws, [_("Pijler"), _("Indicator"), *(month_label(m) for m in months), _("Doel")])
    for _key, pillar_label, figures in dashboard.by_pillar():
        for figure in figures:
            ws.append(
                safe_row(
                    [
                        pillar_label,
                        figure.label,
                        *(_xlsx_value(figure, v) for v in figure.values),
                        _xlsx_value(figure, figure.target),
                    ]
                )
            )
            for cell in ws[ws.max_row][2:]:
                cell.number_format = number_format(figure)
    ws.freeze_panes = f"C{XLSX_HEADER_ROWS + 1}"
    _widths(ws, {"A": 14, "B": 50, **{get_column_letter(3 + i): 11 for i in range(len(months) + 1)}})


def _pillar_sheet(ws, dashboard: Dashboard, pillar_label: str, figures, subtitle: str) -> None:
    """A sheet per pillar: months down, figures (and their targets) across, a chart per figure below."""
    from openpyxl.utils import get_column_letter

    months = dashboard.scope.months
    _title_rows(ws, _("Versterk het front: %(pillar)s") % {"pillar": pillar_label}, subtitle)
    columns = []  # (figure, is_target)
    for figure in figures:
        columns.append((figure, False))
        if figure.target is not None:
            columns.append((figure, True))
    _header_row(
        ws,
        [
            _("Maand"),
            *(
                (_("Doel: %(label)s") % {"label": _heading(f)}) if is_target else _heading(f)
                for f, is_target in columns
            ),
        ],
    )
    for i, month in enumerate(months):
        ws.append([month, *(_xlsx_value(f, f.target if t else f.values[i]) for f, t in columns)])
        row = ws[ws.max_row]
        row[0].number_format = MONTH_FORMAT
        for cell, (figure, _is_target) in zip(row[1:], columns, strict=True):
            cell.number_format = number_format(figure)
    ws.freeze_panes = f"B{XLSX_HEADER_ROWS + 1}"
    _widths(ws, {"A": 12, **{get_column_letter(2 + i): 22 for i in range(len(columns))}})
    ws.row_dimensions[XLSX_HEADER_ROWS].height = 60
    _pillar_charts_xlsx(ws, columns, len(months))


def _pillar_charts_xlsx(ws, columns: list, n: int) -> None:
    """A native line chart per figure with values (with its target line), under the table."""
    from openpyxl.chart import LineChart, Reference

    first_data_row = XLSX_HEADER_ROWS + 1
    last_data_row = XLSX_HEADER_ROWS + n
    anchor_row = last_data_row + 3
    categories = Reference(ws, min_col=1, min_row=first_data_row, max_row=last_data_row)
    for c, (figure, is_target) in enumerate(columns, start=2):
        if is_target or not figure.available or all(v is None for v in figure.values):
            continue
        chart = LineChart()
        chart.title = figure.label
        chart.height, chart.width = 7.5, 16
        chart.y_axis.number_format = number_format(figure)
        chart.y_axis.majorGridlines = None
        chart.x_axis.number_format = MONTH_FORMAT
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        has_target = c - 1 < len(columns) and columns[c - 1][1]  # its target is the next column
        last_col = c + 1 if has_target else c
        data = Reference(ws, min_col=c, max_col=last_col, min_row=XLSX_HEADER_ROWS, max_row=last_data_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(categories)
        ws.add_chart(chart, f"A{anchor_row}")
        anchor_row += 16


def _oordeel_sheet(ws, dashboard: Dashboard, subtitle: str) -> None:
    """Huurdersoordeel: one row per kind and the total, every value under its own heading."""
    from openpyxl.styles import Font

    from frontlijn.dashboard.huurdersoordeel import LETTER_SCORE

    _title_rows(ws, _("Huurdersoordeel"), subtitle)
    _header_row(
        ws, [_("Meting"), _("Cijfer"), _("Aantal"), _("Sectorgemiddelde"), _("Weging"), _("Letter"), _("Score")]
    )
    o = dashboard.oordeel
    for k in o.kinds:
        score = float(k.weight) * LETTER_SCORE[k.letter] if k.letter else None
        ws.append(
            [
                f"{_kind_name(k.kind)} ({k.kind})",
                k.grade,
                k.answers,
                float(k.sector_average),
                float(k.weight),
                k.letter or "",
                score,
            ]
        )
    ws.append(
        [
            _("Totaal"),
            None,
            sum(k.answers for k in o.kinds),
            None,
            float(sum(k.weight for k in o.kinds)),
            o.letter or "",
            None if o.score is None else float(o.score),
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=XLSX_HEADER_ROWS + 1):
        row[1].number_format = "0.0"
        row[2].number_format = "0"
        row[3].number_format = "0.0"
        row[4].number_format = "0%"
        row[6].number_format = "0.00"
    ws.freeze_panes = f"A{XLSX_HEADER_ROWS + 1}"
    _widths(ws, {"A": 32, "B": 10, "C": 10, "D": 18, "E": 10, "F": 10, "G": 10})


def _numbers_sheet(ws, dashboard: Dashboard, subtitle: str) -> None:
    """Cijfers: every number in long form, for whoever computes on."""
    _title_rows(ws, _("Alle cijfers, een regel per indicator per maand"), subtitle)
    _header_row(ws, HEADER)
    by_key = {f.key: f for f in dashboard.figures}
    for row in rows(dashboard):
        figure = by_key[row[2]]
        row[5] = _xlsx_value(figure, row[5])
        row[8] = _xlsx_value(figure, row[8])
        ws.append(safe_row(row))
        cells = ws[ws.max_row]
        cells[5].number_format = cells[8].number_format = number_format(figure)
    ws.freeze_panes = f"A{XLSX_HEADER_ROWS + 1}"
    _widths(ws, {"A": 12, "B": 50, "C": 30, "D": 9, "E": 9, "F": 10, "G": 10, "H": 10, "I": 10, "J": 20, "K": 20})


# --- PDF -------------------------------------------------------------------------------------


def _svg_for_pdf(svg: str) -> bytes:
    svg = re.sub(r"<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>", "", svg, flags=re.S)
    svg = svg.replace('width="100%"', 'width="640" height="260"')
    svg = re.sub(r' style="[^"]*"', "", svg)
    svg = svg.replace('font-family="', 'font-family="DejaVu Sans, ')
    return svg.encode("utf-8")


def to_pdf(dashboard: Dashboard) -> bytes:
    scope = dashboard.scope
    running = running_month_note(scope.months[-1])
    pdf = _start_pdf(dashboard, running)
    _oordeel_section(pdf, dashboard)
    for _key, pillar_label, figures in dashboard.by_pillar():
        _pillar_table(pdf, dashboard, pillar_label, figures, running)
        _pillar_charts(pdf, dashboard, figures)
    return bytes(pdf.output())


def _width(pdf) -> float:
    return pdf.w - pdf.l_margin - pdf.r_margin


def _start_pdf(dashboard: Dashboard, running: str):
    """The document with its title, what it covers, how fresh the figures are, and (for a month
    that is still running) the note that it is not complete."""
    scope = dashboard.scope
    pdf = new_pdf()
    title = _("Versterk het front: maandrapport %(month)s") % {"month": month_label(scope.months[-1])}
    if running:
        title = f"{title} ({running})"
    pdf.set_title(title)
    pdf.set_lang("nl")
    pdf.set_creator("Frontlijn")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = _width(pdf)

    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(width, 8, title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(
        width,
        5,
        _(
            "%(scope)s. Gemaakt op %(date)s door Frontlijn. Per indicator de waarde van de maand, de maand "
            "ervoor en de trend over %(n)s maanden."
        )
        % {"scope": scope_label(scope), "date": clock.today().strftime("%d-%m-%Y"), "n": len(scope.months)},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for line in freshness_lines(dashboard.freshness):
        pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
    if running:
        pdf.set_font(FAMILY, "B", 10)
        note = _("* %(month)s: %(note)s; de maand is nog niet compleet.") % {
            "month": month_label(scope.months[-1]),
            "note": running,
        }
        pdf.multi_cell(width, 5, note, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 10)
    return pdf


def _section_heading(pdf, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", 13)
    pdf.cell(_width(pdf), 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)


def _oordeel_section(pdf, dashboard: Dashboard) -> None:
    """The huurdersoordeel: a row per kind and the total letter."""
    o = dashboard.oordeel
    _section_heading(pdf, _("Huurdersoordeel"))
    with pdf.table(col_widths=(40, 25, 25, 35, 20, 20), text_align="LEFT") as table:
        table.row([_("Meting"), _("Cijfer"), _("Aantal"), _("Sectorgemiddelde"), _("Weging"), _("Letter")])
        for k in o.kinds:
            table.row(
                [
                    _kind_name(k.kind),
                    format_number(k.grade),
                    str(k.answers),
                    format_number(float(k.sector_average)),
                    f"{int(k.weight * 100)}%",
                    k.letter or "-",
                ]
            )
    pdf.ln(2)
    total = (
        _("Totaal: letter %(letter)s (score %(score)s).")
        % {"letter": o.letter, "score": format_number(float(o.score), 2)}
        if o.score is not None  # a score exactly when a letter
        else _("Totaal: nog geen letter (te weinig antwoorden in een van de drie metingen).")
    )
    pdf.multi_cell(_width(pdf), 5, total, new_x="LMARGIN", new_y="NEXT")


def _pillar_table(pdf, dashboard: Dashboard, pillar_label: str, figures, running: str) -> None:
    """A pillar's figures: the last month, the month before and the target."""
    scope = dashboard.scope
    last = len(scope.months) - 1
    _section_heading(pdf, pillar_label)
    with pdf.table(col_widths=(90, 30, 30, 30), text_align="LEFT") as table:
        month_heading = month_label(scope.months[-1]) + (" *" if running else "")
        table.row([_("Indicator"), month_heading, _("Maand ervoor"), _("Doel")])
        for figure in figures:
            previous = figure.values[last - 1] if last >= 1 else None
            table.row(
                [
                    figure.label,
                    format_value(figure, figure.values[last]) if figure.available else _("geen gegevens"),
                    format_value(figure, previous) if figure.available else "-",
                    format_value(figure, figure.target) if figure.target is not None else "-",
                ]
            )


def _pillar_charts(pdf, dashboard: Dashboard, figures) -> None:
    """The trend chart of every figure of a pillar that has values."""
    width = _width(pdf)
    for figure in figures:
        if not figure.available or all(v is None for v in figure.values):
            continue
        if pdf.get_y() > pdf.h - 90:
            pdf.add_page()
        pdf.set_font(FAMILY, "B", 10)
        pdf.multi_cell(width, 5, figure.label, new_x="LMARGIN", new_y="NEXT")
        svg = chart_for(figure, dashboard.scope, as_text=True, width=640)
        y = pdf.get_y()
        pdf.image(io.BytesIO(_svg_for_pdf(svg)), x=pdf.l_margin, y=y, w=width * 0.9)
        pdf.set_y(y + width * 0.9 * 260 / 640 + 2)
        pdf.set_font(FAMILY, "", 10)


def format_number(value, decimals: int = 1) -> str:
    from frontlijn.lib.charts import fmt

    return fmt(value, decimals)


def _kind_name(code: str) -> str:
    from frontlijn.feedback.models import Kind

    return str(Kind(code).label)
