"""The briefing as a PDF (fpdf2, DejaVu Sans from :mod:`frontlijn.lib.pdf`: text prints as typed)."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

from frontlijn.lib import clock
from frontlijn.lib.pdf import FAMILY, new_pdf
from frontlijn.plans.briefing import Briefing


class _BriefingPDF(FPDF):
    title_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, f"{self.title_text} - {_('pagina')} {self.page_no()}/{{nb}}", align="C")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", 13)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=10)


def _line(pdf: FPDF, text: str, *, bold: bool = False) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", 10)
    pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, header: list[str], rows: list[list], widths: tuple[int, ...]) -> None:
    pdf.set_font(FAMILY, size=9.5)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5.5, first_row_as_headings=True) as table:
        row = table.row()
        for h in header:
            row.cell(str(h))
        for values in rows:
            row = table.row()
            for v in values:
                row.cell(str(v))


def briefing_pdf(briefing: Briefing) -> bytes:
    pdf = _start(briefing)
    _themes(pdf, briefing)
    _quotes(pdf, briefing)
    _contacts(pdf, briefing)
    _cases(pdf, briefing)
    _staff(pdf, briefing)
    return bytes(pdf.output())


def _start(briefing: Briefing) -> _BriefingPDF:
    """The document with its title, the plan's facts and the area."""
    plan = briefing.plan
    pdf = new_pdf(_BriefingPDF)
    pdf.title_text = _("Briefing frontlijn: %(plan)s") % {"plan": plan.title}
    pdf.set_title(pdf.title_text)
    pdf.set_lang("nl")
    pdf.set_creator("Frontlijn")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 8, pdf.title_text, new_x="LMARGIN", new_y="NEXT")
    generated = formats.date_format(clock.localtime(briefing.generated_at), "j F Y H:i")
    _line(
        pdf,
        _("%(type)s - fase %(phase)s - eigenaar %(owner)s - gemaakt op %(date)s")
        % {
            "type": plan.get_plan_type_display(),
            "phase": plan.get_phase_display(),
            "owner": plan.owner,
            "date": generated,
        },
    )
    _line(pdf, _("Gebied: %(area)s") % {"area": ", ".join(briefing.area_names)})
    _line(pdf, _("Namen, telefoonnummers, e-mailadressen en adressen van bewoners zijn uit de citaten weggehaald."))
    return pdf


def _themes(pdf: FPDF, briefing: Briefing) -> None:
    _heading(pdf, _("Signalen per thema"))
    if briefing.themes:
        rows = [
            [t["label"], t["total"], t["open"], t["recent"], t["previous"], f"{t['trend']:+d}"] for t in briefing.themes
        ]
        _table(
            pdf,
            [_("Thema"), _("Totaal"), _("Open"), _("Laatste 90 dagen"), _("90 dagen daarvoor"), _("Trend")],
            rows,
            (60, 18, 16, 30, 32, 16),
        )
    else:
        _line(pdf, _("Nog geen signalen in dit gebied."))


def _quotes(pdf: FPDF, briefing: Briefing) -> None:
    _heading(pdf, _("Wat de frontlijn hoort"))
    if briefing.quotes:
        for q in briefing.quotes:
            source = _("Signaal") if q.source == "signaal" else _("Contact")
            date = formats.date_format(q.date, "j M Y")
            _line(pdf, f"{source} - {date}" + (f" - {q.label}" if q.label else ""), bold=True)
            _line(pdf, f'"{q.text}"')
            pdf.ln(1.5)
    else:
        _line(pdf, _("Nog geen citaten uit dit gebied."))


def _contacts(pdf: FPDF, briefing: Briefing) -> None:
    _heading(pdf, _("Contact in het gebied (laatste 12 maanden)"))
    c = briefing.contacts
    if c:
        _line(
            pdf,
            _(
                "%(total)s contactmomenten met %(households)s huishoudens, samen %(minutes)s minuten; "
                "%(beyond)s keer verder dan het proces."
            )
            % c,
        )
        if c["by_channel"]:
            _line(pdf, ", ".join(f"{row['label']}: {row['n']}" for row in c["by_channel"]))


def _cases(pdf: FPDF, briefing: Briefing) -> None:
    _heading(pdf, _("Zaken in het gebied"))
    if briefing.cases:
        _table(
            pdf,
            [_("Soort zaak"), _("Geregistreerd (12 maanden)"), _("Nu open")],
            [[r["label"], r["registered"], r["open"]] for r in briefing.cases],
            (70, 60, 40),
        )
    else:
        _line(pdf, _("Geen zaken in het gebied."))


def _staff(pdf: FPDF, briefing: Briefing) -> None:
    _heading(pdf, _("Frontmedewerkers van het gebied"))
    if briefing.staff:
        for person in briefing.staff:
            _line(pdf, f"{person} - {person.get_role_display()}")
    else:
        _line(pdf, _("Geen frontmedewerkers gevonden voor dit gebied."))
