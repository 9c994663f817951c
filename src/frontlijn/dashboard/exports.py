"""Exports of every figure: CSV, Excel (XLSX) and the monthly board report as PDF.

- CSV: machine-readable, one row per figure per month (comma separated, decimal point, UTF-8
  with BOM so Excel recognises the encoding).
- XLSX: the same rows as numbers on sheet "Cijfers", a month-by-indicator overview on
  "Overzicht" and the huurdersoordeel on "Huurdersoordeel".
- PDF: the board report for the last month of the scope, with every figure, its previous month,
  the trend chart and the huurdersoordeel. Text uses DejaVu Sans when the system has it (any
  Unicode character); otherwise the PDF core font with text folded to Latin-1.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from pathlib import Path

from django.utils.translation import gettext as _

from frontlijn.dashboard.presentation import chart_for, format_value, freshness_lines, month_label, scope_label
from frontlijn.dashboard.selectors import Dashboard
from frontlijn.lib import clock

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
        writer.writerow(["" if v is None else v for v in row])
    writer.writerow([])
    writer.writerow(["huurdersoordeel", "soort", "cijfer", "aantal", "sectorgemiddelde", "weging", "letter"])
    for row in oordeel_rows(dashboard):
        writer.writerow(["huurdersoordeel", *("" if v is None else v for v in row)])
    o = dashboard.oordeel
    writer.writerow(
        ["huurdersoordeel", "totaal", "", "", "", "" if o.score is None else float(o.score), o.letter or ""]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(dashboard: Dashboard) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    scope = dashboard.scope
    wb = Workbook()
    ws = wb.active
    ws.title = "Cijfers"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows(dashboard):
        ws.append(row)
    ws.freeze_panes = "A2"

    overview = wb.create_sheet("Overzicht")
    overview.append([_("Indicator"), _("Eenheid"), *(f"{m:%Y-%m}" for m in scope.months)])
    for cell in overview[1]:
        cell.font = Font(bold=True)
    for figure in dashboard.figures:
        overview.append([figure.label, figure.unit, *(_num(v) for v in figure.values)])
    overview.column_dimensions["A"].width = 55

    letter = wb.create_sheet("Huurdersoordeel")
    letter.append([_("Soort"), _("Cijfer"), _("Aantal"), _("Sectorgemiddelde"), _("Weging"), _("Letter")])
    for cell in letter[1]:
        cell.font = Font(bold=True)
    for row in oordeel_rows(dashboard):
        letter.append(row)
    o = dashboard.oordeel
    letter.append([_("Totaal"), None, None, None, None if o.score is None else float(o.score), o.letter or ""])

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]


def _font_path(name: str) -> Path | None:
    for directory in FONT_DIRS:
        candidate = directory / name
        if candidate.exists():
            return candidate
    return None


_FOLD = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2212": "-",
    "\u20ac": "EUR",
}


def latin1(text: str) -> str:
    """Fold text to Latin-1 for the PDF core fonts: keep é, ë, ï...; replace what has no Latin-1 form."""
    text = "".join(_FOLD.get(ch, ch) for ch in str(text))
    out = []
    for ch in text:
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(decomposed or "?")
    return "".join(out)


def _svg_for_pdf(svg: str) -> bytes:
    svg = re.sub(r"<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>", "", svg, flags=re.S)
    svg = svg.replace('width="100%"', 'width="640" height="260"')
    svg = re.sub(r' style="[^"]*"', "", svg)
    svg = svg.replace('font-family="', 'font-family="DejaVu Sans, ')
    return svg.encode("utf-8")


def to_pdf(dashboard: Dashboard) -> bytes:
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting is chatty at INFO
    scope = dashboard.scope
    last = len(scope.months) - 1
    pdf = FPDF(format="A4")
    regular, bold = _font_path("DejaVuSans.ttf"), _font_path("DejaVuSans-Bold.ttf")
    if regular and bold:
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        family, clean = "DejaVu", str
    else:
        family, clean = "Helvetica", latin1
    title = _("Versterk het front: maandrapport %(month)s") % {"month": month_label(scope.months[-1])}
    pdf.set_title(clean(title))
    pdf.set_lang("nl")
    pdf.set_creator("Frontlijn")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font(family, "B", 16)
    pdf.multi_cell(width, 8, clean(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.multi_cell(
        width,
        5,
        clean(
            _(
                "%(scope)s. Gemaakt op %(date)s door Frontlijn. Per indicator de waarde van de maand, de maand "
                "ervoor en de trend over %(n)s maanden."
            )
            % {"scope": scope_label(scope), "date": clock.today().strftime("%d-%m-%Y"), "n": len(scope.months)}
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for line in freshness_lines(dashboard.freshness):
        pdf.multi_cell(width, 5, clean(line), new_x="LMARGIN", new_y="NEXT")

    # Huurdersoordeel
    o = dashboard.oordeel
    pdf.ln(3)
    pdf.set_font(family, "B", 13)
    pdf.cell(width, 8, clean(_("Huurdersoordeel")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    with pdf.table(col_widths=(40, 25, 25, 35, 20, 20), text_align="LEFT") as table:
        table.row(
            [clean(x) for x in (_("Meting"), _("Cijfer"), _("Aantal"), _("Sectorgemiddelde"), _("Weging"), _("Letter"))]
        )
        for k in o.kinds:
            table.row(
                [
                    clean(_kind_name(k.kind)),
                    clean(format_number(k.grade)),
                    str(k.answers),
                    clean(format_number(float(k.sector_average))),
                    f"{int(k.weight * 100)}%",
                    k.letter or "-",
                ]
            )
    pdf.ln(2)
    total = (
        _("Totaal: letter %(letter)s (score %(score)s).")
        % {"letter": o.letter, "score": format_number(float(o.score), 2)}
        if o.letter
        else _("Totaal: nog geen letter (te weinig antwoorden in een van de drie metingen).")
    )
    pdf.multi_cell(width, 5, clean(total), new_x="LMARGIN", new_y="NEXT")

    for _key, pillar_label, figures in dashboard.by_pillar():
        pdf.ln(3)
        pdf.set_font(family, "B", 13)
        pdf.cell(width, 8, clean(pillar_label), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10)
        with pdf.table(col_widths=(90, 30, 30, 30), text_align="LEFT") as table:
            table.row([clean(x) for x in (_("Indicator"), month_label(scope.months[-1]), _("Maand ervoor"), _("Doel"))])
            for figure in figures:
                previous = figure.values[last - 1] if last >= 1 else None
                table.row(
                    [
                        clean(figure.label),
                        clean(format_value(figure, figure.values[last]) if figure.available else _("geen gegevens")),
                        clean(format_value(figure, previous) if figure.available else "-"),
                        clean(format_value(figure, figure.target) if figure.target is not None else "-"),
                    ]
                )
        for figure in figures:
            if not figure.available or all(v is None for v in figure.values):
                continue
            if pdf.get_y() > pdf.h - 90:
                pdf.add_page()
            pdf.set_font(family, "B", 10)
            pdf.multi_cell(width, 5, clean(figure.label), new_x="LMARGIN", new_y="NEXT")
            svg = chart_for(figure, scope, as_text=True, width=640)
            y = pdf.get_y()
            pdf.image(io.BytesIO(_svg_for_pdf(svg)), x=pdf.l_margin, y=y, w=width * 0.9)
            pdf.set_y(y + width * 0.9 * 260 / 640 + 2)
            pdf.set_font(family, "", 10)
    return bytes(pdf.output())


def format_number(value, decimals: int = 1) -> str:
    from frontlijn.lib.charts import fmt

    return fmt(value, decimals)


def _kind_name(code: str) -> str:
    from frontlijn.feedback.models import Kind

    return str(Kind(code).label)
