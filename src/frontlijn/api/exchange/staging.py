"""The import's fast path on PostgreSQL: ``COPY`` into a staging table, check set-wise, upsert.

Each batch of parsed rows (formats checked in Python by the column parsers) is streamed with
``COPY`` into a temporary staging table. There, in SQL and for the whole batch at once:

1. the kind's declared rules (``Kind.rules``, from ``frontlijn.lib.rules``) are evaluated;
2. references are resolved by a join on ``id_extern`` (``username`` for staff), filling values
   taken over from the referenced row (a contact's unit from its household);
3. values that must be there after that are checked (a case's unit, a contact's staff member);
4. every rejected row is reported with its line and reason, in line order, as the row-by-row
   path reports it;
5. if nothing was rejected, the rows are upserted with ``INSERT ... SELECT ... ON CONFLICT
   (id_extern) DO UPDATE ... WHERE`` something changed, so an identical row keeps its
   ``updated_at``.

The caller's transaction makes the whole file all or nothing. Memory holds one batch.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection, models
from django.utils.translation import gettext as _

from frontlijn.api.exchange.kinds import RowError
from frontlijn.lib import clock, rules
from frontlijn.register.models import SearchKeyMixin

if TYPE_CHECKING:
    from frontlijn.api.exchange.writer import Upserter, _Pending

_counter = itertools.count(1)


def q(name: str) -> str:
    return connection.ops.quote_name(name)


class Stage:
    """One staging table for one :class:`~frontlijn.api.exchange.writer.Upserter` (dropped at close)."""

    def __init__(self, upserter: Upserter) -> None:
        from frontlijn.api.exchange.writer import SEARCH_KEY_SOURCES, _write_fields

        self.up = upserter
        self.kind = upserter.kind
        self.model = upserter.model
        self.table = self.model._meta.db_table
        self.fields = _write_fields(self.model)
        self.by_attname = {f.attname: f for f in self.fields}
        self.refs = [c for c in self.kind.columns if c.ref]
        self.search_sources = SEARCH_KEY_SOURCES.get(self.kind.model_label, ())
        self.name = f"frontlijn_import_stage_{next(_counter)}"
        self.signatures: dict[tuple[str, ...], int] = {}
        self.touched: set[int] = set()
        self._shapes: dict[tuple, int] = {}
        self.attnames = [f.attname for f in self.fields]
        self.json_fields = [(i, f) for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.ref_fields = [c.field for c in self.refs]  # households whose last contact is recomputed once, at the end
        self.is_case = self.kind.model_label == "cases.Case"
        self.is_contact = self.kind.model_label == "contacts.ContactMoment"
        self.is_resident = self.kind.model_label == "register.Resident"
        columns = ["line integer PRIMARY KEY", "sig integer", "id_extern text", "existed boolean DEFAULT false"]
        columns += [f"{q(f.column)} {self._db_type(f)}" for f in self.fields]
        columns += [f"{q('k_' + c.field)} text" for c in self.refs]
        columns.append("before_status text")
        self.copy_columns = (
            ["line", "sig", "id_extern"] + [f.column for f in self.fields] + ["k_" + c.field for c in self.refs]
        )
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {q(self.name)} ({', '.join(columns)}) ON COMMIT DROP")

    @staticmethod
    def _db_type(f: models.Field) -> str:
        if isinstance(f, models.ForeignKey):
            return f.target_field.rel_db_type(connection)  # type: ignore[attr-defined]  # on Field in Django, not in django-stubs
        db_type = f.db_type(connection)
        assert db_type is not None  # a concrete column (self.fields) has a database type
        return db_type

    def close(self) -> None:
        if self.touched and not self.up.rejected:
            self.up._touch_households(self.touched)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {q(self.name)}")

    # --- one batch -----------------------------------------------------------------------------

    def flush(self, pending: list[_Pending]) -> None:
        with connection.cursor() as cursor:
            self._copy(cursor, pending)
            self.process(cursor)

    def process(self, cursor) -> None:
        """Check the rows in the staging table (rules, references) and write them; then empty it."""
        errors: list[tuple[int, int, RowError]] = []
        self._check_rules(cursor, errors)
        self._resolve(cursor, errors)
        if errors:
            self._report(errors)
        elif not self.up.rejected:
            self._write(cursor)
        cursor.execute(f"TRUNCATE {q(self.name)}")

    def _prepare(self, p: _Pending) -> list:
        values = p.values
        for column in self.refs:
            if column.field in p.refs:
                assert column.ref is not None  # self.refs: reference columns only
                for target in column.ref.fill:
                    if target not in p.refs:
                        values.setdefault(target, None)
        if self.is_contact:
            values.setdefault("staff_id", None)
        if self.kind.finish:
            self.kind.finish(values)
        if self.search_sources and set(self.search_sources) <= set(values):
            record = self.model(**{f: values[f] for f in self.search_sources})
            assert isinstance(record, SearchKeyMixin)  # SEARCH_KEY_SOURCES: models with a search key
            values["search_key"] = record.make_search_key()
        if self.is_resident and "phone" in values:
            from frontlijn.lib.phone import phone_key

            values["phone_key"] = phone_key(values["phone"] or "")
        shape = (tuple(values), tuple(p.refs))  # rows of one file mostly share their columns
        sig = self._shapes.get(shape)
        if sig is None:
            names = tuple(sorted({*values, *p.refs}))
            sig = self._shapes[shape] = self.signatures.setdefault(names, len(self.signatures))
        get = values.get
        row = [p.line, sig, values["id_extern"], *(get(a) for a in self.attnames)]
        for i, f in self.json_fields:
            if f.attname in values:
                row[3 + i] = json.dumps(values[f.attname], cls=f.encoder)
        refs = p.refs
        row.extend(refs.get(k) for k in self.ref_fields)
        return row

    def _copy(self, cursor, pending: list[_Pending]) -> None:
        sql = f"COPY {q(self.name)} ({', '.join(q(c) for c in self.copy_columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for p in pending:
                copy.write_row(self._prepare(p))

    def _check_rules(self, cursor, errors: list) -> None:
        """The kind's declared rules, set-wise; rows that break one are marked (``sig = -1``)."""
        if not self.kind.rules:
            return
        bad: set[int] = set()
        for order, (condition, params, key, message) in enumerate(
            rules.sql_violations(self.kind.rules, lambda field: q(self.by_attname[field].column))
        ):
            cursor.execute(f"SELECT line FROM {q(self.name)} WHERE {condition}", params)  # noqa: S608
            column = self.kind.rule_columns.get(key, key)
            for (line,) in cursor.fetchall():
                errors.append((line, order, RowError(column, message)))
                bad.add(line)
        if bad:
            cursor.execute(f"UPDATE {q(self.name)} SET sig = -1 WHERE line = ANY(%s)", [list(bad)])  # noqa: S608

    def _resolve(self, cursor, errors: list) -> None:
        stage = q(self.name)
        base = 100
        bad: set[int] = set()
        for n, column in enumerate(self.refs):
            ref = column.ref
            assert ref is not None  # self.refs: reference columns only
            target = apps.get_model(ref.model)
            fills = "".join(
                f", {q(ours)} = CASE WHEN s.{q('k_' + ours)} IS NULL AND s.{q(ours)} IS NULL "
                f"THEN r.{q(target._meta.get_field(theirs).column)} ELSE s.{q(ours)} END"
                if f"k_{ours}" in self.copy_columns
                else f", {q(ours)} = COALESCE(s.{q(ours)}, r.{q(target._meta.get_field(theirs).column)})"
                for ours, theirs in ref.fill.items()
            )
            cursor.execute(
                f"UPDATE {stage} s SET {q(column.field)} = r.{q(target._meta.pk.column)}{fills} "  # noqa: S608
                f"FROM {q(target._meta.db_table)} r "
                f"WHERE s.sig >= 0 AND s.{q('k_' + column.field)} = r.{q(target._meta.get_field(ref.key).column)} "
                f"AND s.{q(column.field)} IS NULL"  # not resolved already (rawstage.py)
            )
            cursor.execute(
                f"SELECT line, {q('k_' + column.field)} FROM {stage} "  # noqa: S608
                f"WHERE sig >= 0 AND {q('k_' + column.field)} IS NOT NULL AND {q(column.field)} IS NULL"
            )
            for line, key in cursor.fetchall():
                message = _("Onbekend: %(key)s bestaat niet (of valt buiten uw gebied).") % {"key": key}
                errors.append((line, base + n, RowError(column.name, message)))
                bad.add(line)
        after = base + len(self.refs)
        if self.is_case:
            cursor.execute(f"SELECT line FROM {stage} WHERE sig >= 0 AND unit_id IS NULL")  # noqa: S608
            message = _("Vul de eenheid in (of een huishouden dat een eenheid heeft).")
            for (line,) in cursor.fetchall():
                errors.append((line, after, RowError("eenheid", message)))
                bad.add(line)
        if self.is_contact:
            if self.up.default_staff_id is not None:
                cursor.execute(
                    f"UPDATE {stage} SET staff_id = %s WHERE staff_id IS NULL",  # noqa: S608
                    [self.up.default_staff_id],
                )
            else:
                cursor.execute(f"SELECT line FROM {stage} WHERE sig >= 0 AND staff_id IS NULL")  # noqa: S608
                message = _("Vul de gebruikersnaam van de medewerker in.")
                for (line,) in cursor.fetchall():
                    errors.append((line, after, RowError("medewerker", message)))
                    bad.add(line)

    def _report(self, errors: list[tuple[int, int, RowError]]) -> None:
        errors.sort(key=lambda e: (e[0], e[1]))
        for line, group in itertools.groupby(errors, key=lambda e: e[0]):
            self.up._reject(line, [error for _line, _order, error in group])

    def _write(self, cursor) -> None:
        stage, table = q(self.name), q(self.table)
        if self.is_case:  # the status before this write, for the status history
            cursor.execute(
                f"UPDATE {stage} s SET existed = true, before_status = t.status "  # noqa: S608
                f"FROM {table} t WHERE t.id_extern = s.id_extern"
            )
            cursor.execute(f"SELECT count(*), count(*) FILTER (WHERE existed) FROM {stage}")  # noqa: S608
        else:  # only the counts: no rewrite of the staging rows
            cursor.execute(
                f"SELECT count(*), count(t.id_extern) FROM {stage} s "  # noqa: S608
                f"LEFT JOIN {table} t ON t.id_extern = s.id_extern"
            )
        total, existed = cursor.fetchone()
        self.up.created += total - existed
        self.up.updated += existed
        now = clock.now()
        for names, sig in self.signatures.items():
            self._upsert(cursor, set(names), sig, now)
        self._after(cursor, now)

    def _upsert(self, cursor, present: set[str], sig: int, now: dt.datetime) -> None:
        from frontlijn.api.exchange.writer import _on_conflict

        select: list[str] = ["s.id_extern"]
        params: list[Any] = []
        for f in self.fields:
            if f.attname in present:
                select.append(f"s.{q(f.column)}")
            else:
                select.append(f"%s::{self._db_type(f)}")
                params.append(f.get_db_prep_save(f.get_default(), connection))
        select += ["%s::timestamptz", "%s::timestamptz + s.line * interval '1 microsecond'"]
        params += [now, now]
        columns = ["id_extern"] + [f.column for f in self.fields] + ["created_at", "updated_at"]
        compared = [f.column for f in self.fields if f.attname in present]
        params.append(sig)
        cursor.execute(
            f"INSERT INTO {q(self.table)} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
            f"SELECT {', '.join(select)} FROM {q(self.name)} s WHERE s.sig = %s ORDER BY s.line"
            + _on_conflict(self.table, compared),
            params,
        )
        self.up.written += max(cursor.rowcount, 0)
        if self.search_sources and not set(self.search_sources) <= present and "search_key" not in present:
            cursor.execute(f"SELECT id_extern FROM {q(self.name)} WHERE sig = %s", [sig])  # noqa: S608
            rows = [{"id_extern": key} for (key,) in cursor.fetchall()]
            self.up._fill_search_keys(("id_extern",), rows)

    def _after(self, cursor, now: dt.datetime) -> None:
        stage = q(self.name)
        if self.is_contact:
            cursor.execute(f"SELECT DISTINCT household_id FROM {stage} WHERE household_id IS NOT NULL")  # noqa: S608
            self.touched.update(row[0] for row in cursor.fetchall())
        if self.is_case:
            from frontlijn.cases.models import CaseStatusChange

            history = q(CaseStatusChange._meta.db_table)
            cursor.execute(
                f"INSERT INTO {history} (case_id, from_status, to_status, changed_by_id, changed_at, note) "  # noqa: S608
                f"SELECT c.id, coalesce(s.before_status, ''), c.status, %s, %s, %s "
                f"FROM {stage} s JOIN {q(self.table)} c ON c.id_extern = s.id_extern "
                f"WHERE s.before_status IS DISTINCT FROM c.status",
                [getattr(self.up.user, "pk", None), now, _("Via de koppeling of een import")],
            )
