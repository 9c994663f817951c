"""Import and export of whole files (CSV, JSON, JSON Lines), streaming.

An import is all-or-nothing: one transaction per file; when any row is rejected nothing is kept
and the report names every rejected row (line, column, reason). ``dry_run`` checks everything and
keeps nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import ijson
from django.db import transaction
from django.utils.translation import gettext as _

from frontlijn.api.exchange import rawstage
from frontlijn.api.exchange.kinds import Kind, RowError
from frontlijn.api.exchange.writer import Upserter, flatten_api_object
from frontlijn.lib.spreadsheet import safe_cell, unsafe_cell

if TYPE_CHECKING:
    from frontlijn.teams.models import User

KEEP_ERRORS = 10_000  # errors kept in the report object; every error still goes to ``on_error``
# Never exported: the beyond-the-process part is for front staff, not for the ERP.
NOT_EXPORTED = frozenset({"verderDanHetProces", "labels"})


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0  # existing records the file matched (``unchanged`` of them were left as they were)
    unchanged: int = 0
    rejected: int = 0
    dry_run: bool = False
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, reason)

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    @property
    def kept(self) -> bool:
        return self.ok and not self.dry_run


class FileError(Exception):
    """The file as a whole cannot be read (format, header)."""


def detect_format(path: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    return "csv"


def _csv_header(fh: IO[str], kind: Kind, header_error: Callable[[RowError], None]) -> tuple[list[str], str] | None:
    """The header and the separator; ``None`` (after reporting) when the header is wrong."""
    first = fh.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter), [])
    header = [h.strip() for h in header]
    problems = False
    for name in header:
        if name.lower() == "bsn":
            header_error(RowError(name, _("Frontlijn slaat nooit een BSN op: haal deze kolom uit het bestand.")))
            problems = True
        elif name not in kind.by_name:
            header_error(
                RowError(name, _("Onbekende kolom. Bekende kolommen: %(names)s.") % {"names": ", ".join(kind.by_name)})
            )
            problems = True
    for column in kind.columns:
        if column.required and column.name not in header:
            header_error(RowError(column.name, _("Deze verplichte kolom ontbreekt.")))
            problems = True
    if problems:
        return None
    return header, delimiter


def _csv_rows(fh: IO[str], kind: Kind, header_error: Callable[[RowError], None]) -> Iterator[tuple[int, dict]]:
    found = _csv_header(fh, kind, header_error)
    if found is None:
        return
    header, delimiter = found
    reader = csv.reader(fh, delimiter=delimiter)
    width = len(header)
    for values in reader:
        line = reader.line_num + 1
        if not values or (len(values) == 1 and not values[0].strip()):
            continue
        if len(values) != width:
            yield line, {"__width__": len(values)}
            continue
        # Only a cell starting with ' can be one that export neutralised (lib/spreadsheet.py).
        yield line, dict(zip(header, [unsafe_cell(v) if v[:1] == "'" else v for v in values], strict=True))


class _Utf8Reader:
    """A text file read as UTF-8 bytes, for ijson (which parses bytes)."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh

    def read(self, size: int = -1) -> bytes:
        return self.fh.read(size).encode("utf-8")


def iter_json_array(fh: IO[str] | IO[bytes], chunk_size: int = 1 << 16) -> Iterator[Any]:
    """Yield the items of a top-level JSON array without reading the whole file (ijson)."""
    source: IO[bytes] | _Utf8Reader
    if isinstance(fh.read(0), str):
        text_fh = cast("IO[str]", fh)  # read() gives text: a file opened in text mode
        first = text_fh.read(1)
        while first and first in " \t\r\n\ufeff":
            first = text_fh.read(1)
        opens, source = first == "[", _Utf8Reader(text_fh)
    else:
        bytes_fh = cast("IO[bytes]", fh)  # read() gives bytes: a file opened in binary mode
        first_byte = bytes_fh.read(1)
        while first_byte and first_byte in b" \t\r\n":
            first_byte = bytes_fh.read(1)
        opens, source = first_byte == b"[", bytes_fh
    if not opens:
        raise FileError(_("Een JSON-bestand is een lijst van objecten: het begint met '['."))
    # The '[' is read already: parse the rest as the items of an array.
    prefixed = _Prefixed(b"[", source)
    try:
        yield from ijson.items(prefixed, "item", buf_size=chunk_size)  # numbers: int, or Decimal
    except ijson.JSONError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else ""
        if "premature EOF" in detail or "incomplete" in detail.lower():
            raise FileError(_("Het JSON-bestand houdt onverwacht op.")) from exc
        raise FileError(_("Ongeldige JSON: %(msg)s.") % {"msg": detail}) from exc


class _Prefixed:
    """``prefix`` and then the rest of ``source``."""

    def __init__(self, prefix: bytes, source) -> None:
        self.prefix, self.source = prefix, source

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson looks whether the file gives bytes
            return b""
        if self.prefix:
            head, self.prefix = self.prefix, b""
            return head + self.source.read(max(size - len(head), 1) if size > 0 else -1)
        return self.source.read(size)


def _json_rows(fh: IO[str], lines: bool) -> Iterator[tuple[int, dict]]:
    if lines:
        for number, text in enumerate(fh, start=1):
            if text.strip():
                try:
                    yield number, flatten_api_object(json.loads(text))
                except (ValueError, TypeError):
                    yield number, {"__json__": True}
        return
    for number, item in enumerate(iter_json_array(fh), start=1):
        try:
            yield number, flatten_api_object(item)
        except TypeError:
            yield number, {"__json__": True}


def _import_csv_raw(fh, kind: Kind, upserter: Upserter, header_error, wrong_width) -> None:
    """PostgreSQL: the records go as text into a raw staging table; SQL checks the formats (rawstage.py)."""
    found = _csv_header(fh, kind, header_error)
    if found is None:
        return
    header, delimiter = found
    raw = rawstage.RawStage(upserter, header)
    add = raw.add
    width = len(header)
    reader = csv.reader(fh, delimiter=delimiter)
    try:
        for values in reader:
            if len(values) == width and (width > 1 or values[0].strip()):
                add(reader.line_num + 1, values)
            elif values and not (len(values) == 1 and not values[0].strip()):
                wrong_width(reader.line_num + 1, len(values))
        raw.flush()
    except UnicodeDecodeError:
        raw.abandon()
        raise
    finally:
        raw.close()


def import_file(
    *,
    kind: Kind,
    path: Path | str,
    dry_run: bool = False,
    fmt: str | None = None,
    on_error: Callable[[int, RowError], None] | None = None,
    batch_size: int = 2000,
    fast: bool = True,
) -> ImportReport:
    """Import one file. Nothing is kept unless every row is accepted (and not ``dry_run``).

    On PostgreSQL the rows go through a staging table (``staging.py``) unless ``fast=False``
    (the row-by-row path, kept to check that both report the same)."""
    path = Path(path)
    fmt = detect_format(path, fmt)
    report = ImportReport(kind=kind.name, dry_run=dry_run)

    def sink(line: int, error: RowError) -> None:
        if len(report.errors) < KEEP_ERRORS:
            report.errors.append((line, error.field, error.message))
        if on_error:
            on_error(line, error)

    def header_error(error: RowError) -> None:
        report.rejected += 1
        sink(1, error)

    with path.open(encoding="utf-8-sig", newline="") as fh, transaction.atomic():
        upserter = Upserter(kind, on_error=sink, batch_size=batch_size, fast=fast)

        def wrong_width(line: int, n: int) -> None:
            upserter.rows += 1
            upserter._reject(
                line, [RowError("", _("Deze regel heeft %(n)s velden in plaats van het aantal kolommen.") % {"n": n})]
            )

        rows: Iterator[tuple[int, dict]]
        try:
            if fmt == "csv" and upserter.use_stage and rawstage.eligible(kind):
                _import_csv_raw(fh, kind, upserter, header_error, wrong_width)
                rows = iter(())
            else:
                rows = _csv_rows(fh, kind, header_error) if fmt == "csv" else _json_rows(fh, lines=fmt == "jsonl")
            for line, raw in rows:
                if "__width__" in raw:
                    wrong_width(line, raw["__width__"])
                elif "__json__" in raw:
                    upserter.rows += 1
                    upserter._reject(line, [RowError("", _("Dit is geen JSON-object."))])
                else:
                    upserter.add(line, raw)
            upserter.close()
        except FileError as exc:
            header_error(RowError("", str(exc)))
        except UnicodeDecodeError:
            header_error(RowError("", _("Het bestand is niet in UTF-8 opgeslagen.")))
        finally:
            upserter._report_errors()  # rows rejected before the file broke off are still named
        report.rows = upserter.rows
        report.created, report.updated = upserter.created, upserter.updated
        report.unchanged = upserter.unchanged
        report.rejected += upserter.rejected
        if not report.kept:
            transaction.set_rollback(True)
            if not report.ok:
                report.created = report.updated = report.unchanged = 0
    return report


def _export_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def _export_cell(value: Any) -> str:
    """A CSV cell: text that a spreadsheet would run as a formula is neutralised (numbers stay)."""
    text = _export_value(value)
    return text if isinstance(value, int | float | Decimal | dt.date) else safe_cell(text)


def export_columns(kind: Kind) -> list:
    return [c for c in kind.columns if c.name not in NOT_EXPORTED]


def export_csv(*, kind: Kind, fh: IO[str], queryset=None) -> int:
    """Write every row of ``kind`` as CSV (the import's columns); returns the number of rows."""
    columns = export_columns(kind)
    qs = queryset if queryset is not None else kind.model._default_manager.all()
    writer = csv.writer(fh, delimiter=";")
    writer.writerow([c.name for c in columns])
    count = 0
    for row in qs.order_by("pk").values_list(*[c.export_path for c in columns]).iterator(chunk_size=2000):
        writer.writerow([_export_cell(v) for v in row])
        count += 1
    return count


def export_json(*, kind: Kind, fh: IO[str], user: User | None = None, queryset=None) -> int:
    """Write every row of ``kind`` in the API's JSON shape, as one array; returns the number of rows."""
    from frontlijn.api.serializers import SERIALIZERS, export_queryset

    serializer_class = SERIALIZERS[kind.name]
    count = 0
    fh.write("[")
    qs = queryset if queryset is not None else export_queryset(kind)
    for obj in qs.order_by("pk").iterator(chunk_size=2000):
        data = dict(serializer_class(obj, context={"user": user, "export": True}).data)
        for name in NOT_EXPORTED:
            data.pop(name, None)
        fh.write(("," if count else "") + "\n" + json.dumps(data, ensure_ascii=False, default=str))
        count += 1
    fh.write("\n]\n")
    return count
