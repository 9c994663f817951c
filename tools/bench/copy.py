"""Stream rows into a table fast: ``COPY`` on PostgreSQL, big ``executemany`` batches on SQLite.

Callers give the columns they generate; every other concrete column gets its model default
(computed once), so a row is a plain tuple and no model instance is ever built.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.db import connection, models

from frontlijn.lib import clock

CHUNK = 50_000


def _constant_for(field: models.Field, now: dt.datetime):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        value = field.get_default()
    elif field.null:
        value = None
    elif isinstance(field, models.CharField | models.TextField):
        value = ""
    else:
        raise ValueError(f"{field.model.__name__}.{field.name} needs a value")
    return value


class TableWriter:
    """Writes tuples of ``columns`` (attnames, e.g. ``household_id``) into ``model``'s table."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        self.model = model
        self.columns = list(columns)
        now = clock.now()
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(self.columns) - set(fields)
        if unknown:
            raise ValueError(f"unknown columns for {model.__name__}: {sorted(unknown)}")
        rest = [f for name, f in fields.items() if name not in self.columns and not (f.primary_key and f.name == "id")]
        self.all_columns = self.columns + [f.column for f in rest]
        self.all_fields = [fields[c] for c in self.columns] + rest
        self.constants = tuple(_constant_for(f, now) for f in rest)
        self.table = model._meta.db_table
        self.vendor = connection.vendor
        self.rows = 0
        self._json = [i for i, f in enumerate(self.all_fields) if isinstance(f, models.JSONField)]
        # Constant JSON values are encoded once.
        consts = list(self.constants)
        for i in self._json:
            if i >= len(self.columns):
                consts[i - len(self.columns)] = json.dumps(consts[i - len(self.columns)])
        self.constants = tuple(consts)
        self._json_generated = [i for i in self._json if i < len(self.columns)]
        if self.vendor == "sqlite":
            self._converters = [_sqlite_converter(f) for f in self.all_fields]

    def write(self, rows: Iterable[tuple]) -> int:
        """Write the rows (tuples of ``columns``) in chunks; returns how many were written."""
        batch: list[tuple] = []
        count = 0
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                self._flush(batch)
                count += len(batch)
                batch = []
        if batch:
            self._flush(batch)
            count += len(batch)
        self.rows += count
        return count

    def _complete(self, batch: list[tuple]) -> list[tuple]:
        consts = self.constants
        if self._json_generated:
            idx = self._json_generated
            out = []
            for row in batch:
                row = list(row)
                for i in idx:
                    row[i] = json.dumps(row[i])
                out.append(tuple(row) + consts)
            return out
        return [row + consts for row in batch]

    def _flush(self, batch: list[tuple]) -> None:
        full = self._complete(batch)
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in self.all_columns)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {qn(self.table)} ({cols}) FROM STDIN") as copy:
                    for row in full:
                        copy.write_row(row)
            else:
                conv = self._converters
                marks = ", ".join("?" for _ in self.all_columns)
                data = [tuple(c(v) if c else v for c, v in zip(conv, row, strict=True)) for row in full]
                cursor.cursor.executemany(f"INSERT INTO {qn(self.table)} ({cols}) VALUES ({marks})", data)  # noqa: S608


def _sqlite_converter(field: models.Field):
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime
    if isinstance(field, models.DateField):
        return _sqlite_date
    return None


def _sqlite_datetime(value):
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(" ")


def _sqlite_date(value):
    return None if value is None else value.isoformat()


def next_id(model: type[models.Model]) -> int:
    """The first free primary key (ids are assigned here so rows can refer to each other)."""
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


@contextmanager
def foreign_keys_checked_once(*model_list: type[models.Model]):
    """PostgreSQL: drop the tables' foreign keys while loading, re-add them afterwards.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: every copied row queues one check
    per key until COMMIT (tens of millions at the large size). Re-adding a key validates all
    rows in one join instead. Must run inside a transaction; SQLite needs nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    qn = connection.ops.quote_name
    dropped: list[tuple[str, str, str]] = []
    with connection.cursor() as cursor:
        # Run the checks still queued in this transaction now: ALTER TABLE refuses tables with
        # pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model in model_list:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [table],
            )
            for name, definition in cursor.fetchall():
                dropped.append((table, name, definition))
                cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys are initially deferred
    yield
    with connection.cursor() as cursor:
        for table, name, definition in dropped:
            cursor.execute(f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}")


@contextmanager
def sqlite_indexes_built_after(*model_list: type[models.Model]):
    """SQLite: drop the tables' secondary indexes while loading, build them afterwards.

    SQLite maintains every index inside the writing process, row by row and in random key
    order; building an index once over the loaded table sorts instead. Primary keys and
    unique constraints (SQLite's own ``sqlite_autoindex_*``, which have no SQL) stay, so the
    loaded rows are still checked. Must run inside a transaction; PostgreSQL needs nothing.
    """
    if connection.vendor != "sqlite":
        yield
        return
    dropped: list[str] = []
    with connection.cursor() as cursor:
        for model in model_list:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [model._meta.db_table],
            )
            for name, sql in cursor.fetchall():
                dropped.append(sql)
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for sql in dropped:
            cursor.execute(sql)


def reset_sequences(*model_list: type[models.Model]) -> None:
    """After explicit ids: move PostgreSQL's identity sequences past them (SQLite needs nothing)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in model_list:
            table = model._meta.db_table
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT max(id) FROM "  # noqa: S608
                + connection.ops.quote_name(table)
                + "), 1))",
                [table],
            )
