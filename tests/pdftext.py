"""The text a reader sees in a PDF, as poppler's ``pdftotext`` extracts it (poppler-utils; CI installs it).

The PDFs embed DejaVu Sans, so their content streams hold glyph ids, not text: reading them needs a
real PDF reader, which also checks the ToUnicode map that lets a reader copy and search the text.
"""

from __future__ import annotations

import shutil
import subprocess

# "€ 12,50", Dutch diacritics and typographic quotes and dashes: none of it survives Latin-1 folding.
DUTCH_TEXT = "€ 12,50 café coöperatie ‘één’ – ruïne"


def pdf_text(data: bytes) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDFs"
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8")
