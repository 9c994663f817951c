"""The import's fastest path on PostgreSQL: the file's columns ``COPY``'d as text, formats checked in SQL.

A thin Python pass (the C ``csv`` reader and ``COPY ... write_row``) streams each batch of CSV
records, as text and with their line, into a temporary *raw* table. Then, set-wise in SQL:

1. each column's format is checked with SQL derived from its parser's declaration
   (``parser.rule``, a :class:`frontlijn.lib.rules.Format`): :func:`sql_format` gives, for every
   format, a condition under which SQL vouches for a value *and* the expression of its typed value;
2. the rows SQL vouches for in every column go into the typed staging table
   (:class:`~frontlijn.api.exchange.staging.Stage`) with one ``INSERT ... SELECT`` with casts;
3. the few rows SQL does not vouch for (an empty required cell, a value outside the common form,
   a time without offset on the wall clock, a text with spaces around it, any error) are read
   back and parsed by the very same Python column parsers, so a rejected row gets exactly the
   messages of the form and of the row-by-row path; the accepted ones join the typed table;
4. then the staging path as before: the declared rules, references, the upsert.

SQL only ever says "certainly valid, and this is the value"; everything it cannot vouch for is
decided in Python. That keeps one definition of each format (the parser) and the same verdicts.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import psycopg
from django.apps import apps
from django.db import connection, models

from frontlijn.api.exchange.kinds import REF_KEY, Kind, RowError, parse_row
from frontlijn.lib.rules import Format
from frontlijn.lib.spreadsheet import unsafe_cell

if TYPE_CHECKING:
    from frontlijn.api.exchange.writer import Upserter


def q(name: str) -> str:
    return connection.ops.quote_name(name)


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# A first or last character that is certainly not a space in Python's ``str.strip`` sense, and
# not the ``'`` that export puts before a formula-like cell (lib/spreadsheet.py).
_EDGE = "[!-&(-~[:alnum:]]"
_DATE = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_DATETIME = (
    f"^{_DATE}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{{3}}|\\.[0-9]{{6}})?)?[+-](0[0-9]|1[0-4]):[0-5][0-9]$"
)


def _valid_day(v: str) -> str:
    """The day of an ``YYYY-MM-DD`` prefix exists in its month (evaluated only after the regex)."""
    y, m, d = f"substr({v}, 1, 4)::int", f"substr({v}, 6, 2)::int", f"substr({v}, 9, 2)::int"
    return f"{d} <= extract(day from make_date({y}, {m}, 1) + interval '1 month' - interval '1 day')"


def sql_format(rule: Format | None, v: str) -> tuple[str, str] | None:
    """``(condition, value)`` for a non-empty cell ``v`` (SQL text) of a column with format ``rule``.

    Where ``condition`` is true the parser would accept the cell and give ``value``; where it is
    false the cell goes to the parser itself. ``None``: SQL never vouches (the parser decides).
    """
    if rule is None:
        return None
    kind = rule.type
    if kind == "text":
        cond = f"left({v}, 1) ~ '{_EDGE}' AND right({v}, 1) ~ '{_EDGE}' AND char_length({v}) <= {rule.max_length}"
        if rule.free_text:  # no nine digits in a row: certainly no BSN
            cond += f" AND {v} !~ '[0-9]{{9}}'"
        return cond, v
    if kind == "integer":
        cond = (
            f"CASE WHEN {v} ~ '^-?[0-9]{{1,18}}$' THEN {v}::numeric BETWEEN {rule.minimum} AND {rule.maximum} "
            "ELSE false END"
        )
        return cond, f"{v}::bigint"
    if kind == "code":
        return f"{v} IN ({', '.join(literal(c) for c in rule.choices)})", v
    if kind == "codes":
        one = "(" + "|".join(re.sub(r"([.^$|()*+?{}\[\]\\-])", r"\\\1", c) for c in rule.choices) + ")"
        return f"{v} ~ {literal(f'^{one}([|]{one})*$')}", f"to_jsonb(string_to_array({v}, '|'))"
    if kind == "date":
        cond = f"CASE WHEN {v} ~ '^{_DATE}$' AND substr({v}, 1, 4)::int >= 1000 THEN {_valid_day(v)} ELSE false END"
        return cond, f"{v}::date"
    if kind == "datetime":
        cond = (
            f"CASE WHEN {v} ~ '{_DATETIME}' AND substr({v}, 1, 4)::int BETWEEN 1900 AND 2999 "
            f"THEN {_valid_day(v)} ELSE false END"
        )
        return cond, f"{v}::timestamptz"
    if kind == "boolean":
        yes, no = ("ja", "j", "true", "1", "yes"), ("nee", "n", "false", "0", "no")
        return f"{v} IN ({', '.join(literal(c) for c in yes + no)})", f"{v} IN ({', '.join(literal(c) for c in yes)})"
    return None  # e-mail and anything new: the parser decides


def _default_sql(f: models.Field, value: Any, db_type: str) -> str:
    """The model value ``value`` of an empty cell as an SQL literal of the stage column's type."""
    if value is None:
        return "NULL"
    if isinstance(f, models.JSONField):
        return f"{literal(json.dumps(value, cls=f.encoder))}::jsonb"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return f"{literal(str(f.get_db_prep_save(value, connection)))}::{db_type}"


def eligible(kind: Kind) -> bool:
    """Kinds whose rows need nothing from Python beyond their columns' formats and declared rules."""
    from frontlijn.api.exchange.writer import SEARCH_KEY_SOURCES

    return (
        kind.finish is None
        and (kind.check is None or bool(kind.rules))
        and kind.model_label not in SEARCH_KEY_SOURCES
        and kind.model_label != "register.Resident"
    )


class RawStage:
    """The raw text table in front of the typed :class:`Stage` of an :class:`Upserter` (CSV, PostgreSQL)."""

    def __init__(self, upserter: Upserter, header: list[str]) -> None:
        from frontlijn.api.exchange.staging import Stage, _counter

        self.up = upserter
        self.kind = upserter.kind
        self.header = header
        stage = upserter.stage
        if stage is None:
            stage = upserter.stage = Stage(upserter)
        self.stage = stage
        self.name = f"frontlijn_import_raw_{next(_counter)}"
        self.cells = [f"c{i}" for i in range(len(header))]
        self.pending: list[list] = []
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {q(self.name)} (line integer PRIMARY KEY, "
                + ", ".join(f"{c} text" for c in self.cells)
                + ") ON COMMIT DROP"
            )
        self._build_sql()

    def _build_sql(self) -> None:
        stage = self.stage
        columns = [self.kind.by_name[name] for name in self.header]
        oks: list[str] = []
        targets: list[str] = ["line", "sig"]
        values: list[str] = ["r.line", ""]  # sig filled below
        header_fields = {c.field for c in columns}
        present = set(header_fields)
        if stage.is_contact:
            present.add("staff_id")
        bits: list[tuple[str, tuple[str, ...]]] = []  # (cell, fill targets it adds when not empty)
        ref_cells: dict[str, tuple] = {}
        for cell, column in zip(self.cells, columns, strict=True):
            v = f"r.{cell}"
            fmt = sql_format(getattr(REF_KEY if column.ref else column.parse, "rule", None), v)
            if getattr(column.parse, "validators", None) and not column.ref:
                fmt = None  # a parser with extra validators: the parser decides
            ok_value = "false" if fmt is None else f"({fmt[0]})"
            oks.append(f"CASE WHEN {v} = '' THEN {'false' if column.required else 'true'} ELSE {ok_value} END")
            if column.ref:
                targets.append(q("k_" + column.field))
                values.append(f"NULLIF({v}, '')")
                extra = tuple(t for t in column.ref.fill if t not in header_fields)
                if extra:
                    bits.append((v, extra))
                ref_cells[column.field] = (column, v)
                continue
            typed = "NULL" if fmt is None else fmt[1]
            if column.field == "id_extern":
                targets.append("id_extern")
                values.append(typed)
                continue
            f = stage.by_attname[column.field]
            db_type = stage._db_type(f)
            targets.append(q(f.column))
            empty = "NULL" if column.required else _default_sql(f, column.default, db_type)  # required: never vouched
            values.append(f"CASE WHEN {v} = '' THEN {empty} ELSE {typed} END")
        # The row's set of columns (its signature), as Stage._prepare gives it.
        cases = []
        for mask in range(1 << len(bits)):
            names = set(present)
            for i, (_v, extra) in enumerate(bits):
                if mask & (1 << i):
                    names.update(extra)
            sig = stage.signatures.setdefault(tuple(sorted(names)), len(stage.signatures))
            cases.append((mask, sig))
        if bits:
            mask_sql = " + ".join(f"(CASE WHEN {v} <> '' THEN {1 << i} ELSE 0 END)" for i, (v, _e) in enumerate(bits))
            values[1] = f"CASE {mask_sql} " + " ".join(f"WHEN {m} THEN {s}" for m, s in cases) + " END"
        else:
            values[1] = str(cases[0][1])
        joins = self._fold_references(ref_cells, targets, values)
        ok_all = " AND ".join(oks) or "true"
        cells = ", ".join(self.cells)
        # One statement: each row's cells are checked once (MATERIALIZED), the rows SQL vouches for
        # go into the typed stage, the others come back to be parsed in Python.
        self.check_sql = (
            f"WITH checked AS MATERIALIZED (SELECT line, {cells}, {ok_all} AS ok FROM {q(self.name)} r), "  # noqa: S608
            f"typed AS (INSERT INTO {q(stage.name)} ({', '.join(targets)}) "
            f"SELECT {', '.join(values)} FROM checked r {joins} WHERE r.ok) "
            f"SELECT line, {cells} FROM checked WHERE NOT ok ORDER BY line"
        )

    def _fold_references(self, ref_cells: dict[str, tuple], targets: list[str], values: list[str]) -> str:
        """References resolved in the same statement, by a join on the key (as ``Stage._resolve``
        does afterwards for the rows parsed in Python: it leaves rows resolved here alone).

        A reference that fills another column folds only when that column is itself a reference
        that only it fills (a contact's unit from its household); otherwise ``Stage._resolve`` fills.
        """
        fillers: dict[str, int] = {}
        for column, _v in ref_cells.values():
            for ours in column.ref.fill:
                fillers[ours] = fillers.get(ours, 0) + 1
        ref_fields = {c.field for c in self.kind.columns if c.ref}
        joins: list[str] = []
        resolved: dict[str, str] = {}
        fills: dict[str, str] = {}
        for field, (column, v) in ref_cells.items():
            if any(ours not in ref_fields or fillers[ours] > 1 for ours in column.ref.fill):
                continue
            target = apps.get_model(column.ref.model)
            alias = f"j{len(joins)}"
            key = q(target._meta.get_field(column.ref.key).column)
            joins.append(f"LEFT JOIN {q(target._meta.db_table)} {alias} ON {alias}.{key} = NULLIF({v}, '')")
            resolved[field] = f"{alias}.{q(target._meta.pk.column)}"
            for ours, theirs in column.ref.fill.items():
                fills[ours] = f"{alias}.{q(target._meta.get_field(theirs).column)}"
        for ours, theirs in fills.items():  # taken over only where the row leaves ``ours`` empty
            if ours in ref_cells:
                own = resolved.get(ours)
                if own is None:
                    continue
                resolved[ours] = f"CASE WHEN {ref_cells[ours][1]} = '' THEN {theirs} ELSE {own} END"
            else:
                resolved[ours] = theirs
        for field, expression in resolved.items():
            targets.append(q(field))
            values.append(expression)
        return " ".join(joins)

    def add(self, line: int, values: list[str]) -> None:
        self.up.rows += 1
        self.pending.append([line, *values])
        if len(self.pending) >= self.up.batch_size:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        stage = self.stage
        later: list[list] = []  # rows that cannot go through COPY as text (a NUL character)
        with connection.cursor() as cursor:
            sql = f"COPY {q(self.name)} (line, {', '.join(self.cells)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                write = copy.write_row
                for row in batch:
                    try:
                        write(row)
                    except psycopg.DataError:  # text cannot hold NUL; the parser reports it
                        later.append(row)
            cursor.execute(self.check_sql)
            doubtful = [list(row) for row in cursor.fetchall()]
            doubtful.extend(later)
            self._parse_in_python(cursor, doubtful)
            # The same idExtern twice in a batch: the later row wins (as across batches).
            cursor.execute(
                f"DELETE FROM {q(stage.name)} a USING {q(stage.name)} b "  # noqa: S608
                "WHERE a.id_extern = b.id_extern AND a.line < b.line"
            )
            stage.process(cursor)
            cursor.execute(f"TRUNCATE {q(self.name)}")
        self.up._report_errors()

    def _parse_in_python(self, cursor, rows: list[list]) -> None:
        """The rows SQL did not vouch for: the column parsers decide, with their own messages."""
        from frontlijn.api.exchange.writer import _Pending

        accepted = []
        header = self.header
        for line, *cells in sorted(rows, key=lambda r: r[0]):
            raw = dict(zip(header, [unsafe_cell(v) if v[:1] == "'" else v for v in cells], strict=True))
            values, refs, errors = parse_row(self.kind, raw, with_rules=False, memo=self.up.memo)
            if errors:
                self.up._reject(line, errors)
            else:
                accepted.append(_Pending(line, values, refs))
        if accepted:
            self.stage._copy(cursor, accepted)

    def abandon(self) -> None:
        """The file broke off (not UTF-8): the rows of the unfinished batch get their format
        verdicts, as the row-by-row path gives them while reading; nothing more is checked."""
        batch, self.pending = self.pending, []
        for line, *cells in batch:
            raw = dict(zip(self.header, [unsafe_cell(v) if v[:1] == "'" else v for v in cells], strict=True))
            _values, _refs, errors = parse_row(self.kind, raw, with_rules=False, memo=self.up.memo)
            if errors:
                self.up._reject(line, errors)

    def close(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {q(self.name)}")


__all__ = ["RawStage", "RowError", "eligible", "sql_format"]
