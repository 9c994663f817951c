"""One way to start a PDF (fpdf2): A4 with DejaVu Sans, shipped in ``lib/fonts``.

The PDF core fonts (Helvetica) cover Latin-1 only, so € , ĳ, typographic quotes and dashes had to
be folded away. DejaVu Sans (Debian's fonts-dejavu-core 2.37; Bitstream Vera licence in
``fonts/LICENSE``) prints every character as typed. fpdf2 embeds only the glyphs a document uses
(font subsetting), so a PDF stays small.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"  # the family name the documents pass to set_font
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def new_pdf(cls: type[FPDF] | None = None, **kwargs: Any) -> Any:
    """An A4 ``cls`` (FPDF or a subclass of it) with DejaVu Sans regular and bold, set to 10 pt.
    fpdf2 is imported here, when a PDF is made, not when a module that makes one is loaded."""
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # subsetting is chatty at INFO
    pdf = (cls or FPDF)(format="A4", **kwargs)
    for style, name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
    pdf.set_font(FAMILY, "", 10)
    return pdf
