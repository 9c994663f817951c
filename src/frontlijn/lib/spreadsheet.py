"""Cells for CSV and XLSX exports that a spreadsheet never runs as a formula (CSV injection).

OWASP's advice: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading ``'``; a spreadsheet then shows it as text. Numbers, dates and booleans stay what they
are. Every CSV/XLSX writer of Frontlijn passes its cells through :func:`safe_cell` (or
:func:`safe_row`); ``frontlijn import`` undoes the prefix with :func:`unsafe_cell`, so an export
imports back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _needs_prefix(text: str) -> bool:
    # A text that already starts with quotes before a trigger gets one more, so unsafe_cell can
    # always take exactly one off again.
    return text.lstrip("'").startswith(TRIGGERS)


def safe_cell(value: Any) -> Any:
    """``value`` as a cell: text that a spreadsheet would read as a formula gets a leading ``'``."""
    if isinstance(value, str) and _needs_prefix(value):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def unsafe_cell(value: str) -> str:
    """The text :func:`safe_cell` was given (for reading an exported CSV back in)."""
    if value.startswith("'") and _needs_prefix(value[1:]):
        return value[1:]
    return value
