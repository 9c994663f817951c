"""Batch upserts by ``idExtern``: the engine under the import command and the API's writes.

Rows are parsed, references are resolved for a whole batch with one query per column, and each
batch is written with one ``INSERT ... ON CONFLICT (id_extern) DO UPDATE`` (SQLite and
PostgreSQL both support it). Memory holds one batch, whatever the size of the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import connection, models
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from frontlijn.api.exchange.kinds import Kind, RowError, parse_row
from frontlijn.lib import clock
from frontlijn.lib.models import VeraModel
from frontlijn.privacy import scoping
from frontlijn.register.models import SearchKeyMixin

if TYPE_CHECKING:
    from frontlijn.api.exchange.staging import Stage
    from frontlijn.teams.models import User

ErrorSink = Callable[[int, RowError], None]
# The fields a model's ``make_search_key`` reads (frontlijn.register.models.SearchKeyMixin).
SEARCH_KEY_SOURCES = {
    "register.Household": ("name",),
    "register.Resident": ("first_name", "prefix", "last_name"),
}


def _write_fields(model) -> list[models.Field]:
    """The columns an upsert writes besides ``id_extern`` and the two timestamps."""
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and f.attname not in ("created_at", "updated_at", "id_extern")
    ]


def _needs_prep(f: models.Field) -> bool:
    return isinstance(f, models.DateField | models.JSONField | models.DecimalField)


def _extern_and_search_key(obj: models.Model) -> tuple[str | None, str]:
    """A stored record's ``idExtern`` and its search key (a VERA model with a search key)."""
    assert isinstance(obj, SearchKeyMixin) and isinstance(obj, VeraModel)
    return obj.id_extern, obj.make_search_key()


def _prep_save(f: models.Field) -> Callable[[Any], Any]:
    """The field's own conversion of a value for the database (PostgreSQL)."""
    return lambda v: f.get_db_prep_save(v, connection)


def _sqlite_prep(f: models.Field) -> Callable[[Any], Any] | None:
    """What Django's SQLite backend makes of a value of ``f``, without the per-value ORM calls."""
    if isinstance(f, models.DateTimeField):
        return lambda v: None if v is None else timezone.make_naive(v, dt.UTC).isoformat(sep=" ")
    if isinstance(f, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(f, models.JSONField):
        return lambda v: json.dumps(v, cls=f.encoder)
    if isinstance(f, models.DecimalField):
        return lambda v: f.get_db_prep_save(v, connection)
    return None


def _on_conflict(table: str, compared: list[str]) -> str:
    """``ON CONFLICT (id_extern) DO UPDATE SET ... WHERE`` one of ``compared`` differs: an
    unchanged row is left alone (its ``updated_at`` too)."""
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in [*compared, "updated_at"])
    sql = f" ON CONFLICT ({quote('id_extern')}) DO UPDATE SET {sets}"
    if not compared:
        return sql + " WHERE FALSE"
    if connection.vendor == "postgresql":
        ours = ", ".join(f"{quote(table)}.{quote(c)}" for c in compared)
        theirs = ", ".join(f"EXCLUDED.{quote(c)}" for c in compared)
        return sql + f" WHERE ROW({ours}) IS DISTINCT FROM ROW({theirs})"
    return sql + " WHERE " + " OR ".join(f"{quote(table)}.{quote(c)} IS NOT EXCLUDED.{quote(c)}" for c in compared)


def _ref_queryset(model_label: str, user: User | None) -> QuerySet:
    """Which rows a reference may point at: everything for the import, the user's scope for the API."""
    model = apps.get_model(model_label)
    qs = model._default_manager.all()
    if user is None:
        return qs
    if model_label == "register.Unit":
        return scoping.scope_units(user, qs)
    if model_label == "register.Household":
        return scoping.scope_households(user, qs)
    if model_label == "cases.Case":
        return scoping.scope_by_unit(user, qs)
    return qs


@dataclass
class _Pending:
    line: int
    values: dict[str, Any]
    refs: dict[str, str]


class Upserter:
    """Feed rows with :meth:`add`; call :meth:`close` at the end. Errors go to ``on_error``.

    After the first rejected row nothing more is written (the caller rolls back), but every
    following row is still checked so the report is complete.
    """

    def __init__(
        self,
        kind: Kind,
        *,
        on_error: ErrorSink,
        user: User | None = None,
        default_staff_id: int | None = None,
        batch_size: int = 2000,
        fast: bool = True,
    ) -> None:
        self.kind = kind
        self.model = kind.model
        self.on_error = on_error
        self.user = user
        self.default_staff_id = default_staff_id
        self.batch_size = batch_size
        self.batch: dict[str, _Pending] = {}
        self.rows = 0
        self.created = 0
        self.updated = 0
        self.rejected = 0
        self.batch_errors: list[tuple[int, RowError]] = []
        self.memo: dict = {}  # each distinct value's verdict per column (kinds.parse_row)
        self.written = 0  # rows inserted or changed (unchanged rows are not rewritten)
        # The import (no user scope) on PostgreSQL: COPY into a staging table, checks in SQL.
        self.use_stage = connection.vendor == "postgresql" and user is None and fast
        self.stage: Stage | None = None

    def _reject(self, line: int, errors: list[RowError]) -> None:
        """Count the row as rejected; its errors are reported at the end of the batch, in line order."""
        self.rejected += 1
        self.batch_errors.extend((line, error) for error in errors)

    def _report_errors(self) -> None:
        errors, self.batch_errors = self.batch_errors, []
        errors.sort(key=lambda e: e[0])  # stable: a row's errors keep their column order
        for line, error in errors:
            self.on_error(line, error)

    def add(self, line: int, raw: dict[str, Any]) -> None:
        self.rows += 1
        values, refs, errors = parse_row(self.kind, raw, with_rules=not self.use_stage, memo=self.memo)
        if errors:
            self._reject(line, errors)
            return
        # The same idExtern twice in a file: the later row wins (as it would across batches).
        self.batch.pop(values["id_extern"], None)
        self.batch[values["id_extern"]] = _Pending(line, values, refs)
        if len(self.batch) >= self.batch_size:
            self.flush()

    @property
    def unchanged(self) -> int:
        """Existing records the write left as they were (identical rows keep their ``updated_at``)."""
        return max(0, self.updated - (self.written - self.created))

    def close(self) -> None:
        self.flush()
        if self.stage is not None:
            self.stage.close()
            self.stage = None

    def flush(self) -> list[str]:
        """Check and write the batch; returns the written ``idExtern`` s (the row-by-row path only)."""
        try:
            return self._flush()
        finally:
            self._report_errors()

    def _flush(self) -> list[str]:
        pending = list(self.batch.values())
        self.batch = {}
        if not pending:
            return []
        if self.use_stage:
            from frontlijn.api.exchange.staging import Stage

            if self.stage is None:
                self.stage = Stage(self)
            self.stage.flush(pending)
            return []
        good = self._resolve(pending)
        if self.rejected or not good:
            return []
        self._write(good)
        return [p.values["id_extern"] for p in good]

    def _resolve(self, pending: list[_Pending]) -> list[_Pending]:
        good: list[_Pending] = []
        lookups: dict[str, dict[str, tuple]] = {}
        for column in self.kind.columns:
            if not column.ref:
                continue
            keys = {p.refs[column.field] for p in pending if column.field in p.refs}
            if not keys:
                continue
            ref = column.ref
            qs = _ref_queryset(ref.model, self.user).filter(**{f"{ref.key}__in": keys})
            fill_sources = list(ref.fill.values())
            lookups[column.field] = {row[0]: row[1:] for row in qs.values_list(ref.key, "id", *fill_sources)}
        for p in pending:
            errors: list[RowError] = []
            for field, key in p.refs.items():
                ref_column = self.kind.column_for_field(field)
                assert ref_column is not None and ref_column.ref is not None  # p.refs: reference columns only
                found = lookups.get(field, {}).get(key)
                if found is None:
                    errors.append(
                        RowError(
                            ref_column.name,
                            _("Onbekend: %(key)s bestaat niet (of valt buiten uw gebied).") % {"key": key},
                        )
                    )
                    continue
                p.values[field] = found[0]
                for (target, _source), value in zip(ref_column.ref.fill.items(), found[1:], strict=True):
                    if p.values.get(target) is None and target not in p.refs:
                        p.values[target] = value
            errors.extend(self._required_after_resolve(p.values))
            if errors:
                self._reject(p.line, errors)
            else:
                if self.kind.finish:
                    self.kind.finish(p.values)
                good.append(p)
        return good

    def _required_after_resolve(self, values: dict[str, Any]) -> list[RowError]:
        errors = []
        if self.kind.model_label == "cases.Case" and values.get("unit_id") is None:
            errors.append(RowError("eenheid", _("Vul de eenheid in (of een huishouden dat een eenheid heeft).")))
        if self.kind.model_label == "contacts.ContactMoment" and values.get("staff_id") is None:
            if self.default_staff_id is None:
                errors.append(RowError("medewerker", _("Vul de gebruikersnaam van de medewerker in.")))
            else:
                values["staff_id"] = self.default_staff_id
        return errors

    def _write(self, good: list[_Pending]) -> None:
        keys = [p.values["id_extern"] for p in good]
        is_case = self.kind.model_label == "cases.Case"
        if is_case:  # the status before this write, for the status history
            before = dict(self.model._default_manager.filter(id_extern__in=keys).values_list("id_extern", "status"))
            existing = set(before)
        else:
            existing = set(self.model._default_manager.filter(id_extern__in=keys).values_list("id_extern", flat=True))
        self.updated += len(existing)
        self.created += len(keys) - len(existing)
        # Rows with the same set of columns go in one statement; absent columns keep their value.
        groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for p in good:
            groups[tuple(sorted(p.values))].append(p.values)
        for names, rows in groups.items():
            self._upsert_rows(names, rows)
            self._fill_search_keys(names, rows)
            self._fill_phone_keys(names, rows)
        if self.kind.model_label == "contacts.ContactMoment":
            self._touch_households({hh for p in good if (hh := p.values.get("household_id")) is not None})
        if is_case:
            self._record_case_statuses(keys, before)

    def _record_case_statuses(self, keys: list[str], before: dict[str, str]) -> None:
        """A case written by the API or an import gets a status-history row, as in the web app:
        one for a new case, one for a case whose status the write changed."""
        from frontlijn.cases.models import CaseStatusChange

        rows = self.model._default_manager.filter(id_extern__in=keys).values_list("id", "id_extern", "status")
        note = _("Via de koppeling of een import")
        changed_by_id = getattr(self.user, "pk", None)
        CaseStatusChange.objects.bulk_create(
            CaseStatusChange(
                case_id=pk,
                from_status=before.get(key, ""),
                to_status=status,
                changed_by_id=changed_by_id,
                note=note,
            )
            for pk, key, status in rows
            if before.get(key) != status
        )

    def _upsert_rows(self, names: tuple[str, ...], rows: list[dict]) -> None:
        """``INSERT ... ON CONFLICT (id_extern) DO UPDATE ... WHERE`` something changed, without
        building model objects: a row identical to the stored one is not rewritten and keeps its
        ``updated_at``. SQLite: one prepared statement through ``executemany``; PostgreSQL (the
        API's writes): multi-row statements.

        Values go through each field's ``get_db_prep_save`` where the backend needs it (dates,
        times, JSON), as the ORM would do; on SQLite through the same conversion, done directly.
        """
        meta = self.model._meta
        present = set(names)
        fields = _write_fields(self.model)
        sqlite = connection.vendor == "sqlite"
        if sqlite:
            preps = [_sqlite_prep(f) for f in fields]
        else:
            preps = [_prep_save(f) if _needs_prep(f) else None for f in fields]
        # Absent columns: the model default on insert (prepared once); untouched on update.
        defaults = {
            f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields if f.attname not in present
        }
        now = clock.now()
        columns = ["id_extern"] + [f.column for f in fields] + ["created_at", "updated_at"]
        compared = [f.column for f in fields if f.attname in present]
        quote = connection.ops.quote_name
        row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
        head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "  # noqa: S608
        tail = _on_conflict(meta.db_table, compared)
        created_field = meta.get_field("created_at")
        assert isinstance(created_field, models.Field)  # a column of every VERA model (lib/models.py)
        created = created_field.get_db_prep_save(now, connection)
        tick = dt.timedelta(microseconds=1)
        if sqlite:
            # What Django's SQLite backend stores for an aware datetime: naive UTC text.
            base = timezone.make_naive(now, dt.UTC)

            def stamp(n: int):
                return (base + n * tick).isoformat(sep=" ")
        else:

            def stamp(n: int):
                return now + n * tick

        def params_of(n: int, values: dict) -> list:
            params = [values["id_extern"]]
            for f, prep in zip(fields, preps, strict=True):
                if f.attname in values:
                    value = values[f.attname]
                    params.append(prep(value) if prep else value)
                else:
                    params.append(defaults[f.attname])
            # Distinct change times keep cursor pages (ordered by updated_at) cheap.
            params.extend((created, stamp(n)))
            return params

        with connection.cursor() as cursor:
            if sqlite:
                cursor.executemany(head + row_sql + tail, [params_of(n, v) for n, v in enumerate(rows)])
                self.written += max(cursor.rowcount, 0)
                return
            per_statement = max(1, min(1000, (connection.features.max_query_params or 30000) // len(columns)))
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                params: list = []
                for n, values in enumerate(chunk, start=start):
                    params.extend(params_of(n, values))
                cursor.execute(head + ", ".join([row_sql] * len(chunk)) + tail, params)
                self.written += max(cursor.rowcount, 0)

    def _fill_search_keys(self, names: tuple[str, ...], rows: list[dict]) -> None:
        """Models with a search key (households, residents) get it as ``save()`` would give it."""
        model = self.model
        if not issubclass(model, SearchKeyMixin):
            return
        sources = SEARCH_KEY_SOURCES.get(self.kind.model_label, ())
        if sources and set(sources) <= set(names):
            keyed = [(v["id_extern"], model(**{f: v[f] for f in sources}).make_search_key()) for v in rows]
        else:  # a name column left out of the file: take the stored value
            objs = self.model._default_manager.filter(id_extern__in=[v["id_extern"] for v in rows])
            keyed = [_extern_and_search_key(obj) for obj in objs]
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET search_key = %s WHERE id_extern = %s",  # noqa: S608
                [(key, id_extern) for id_extern, key in keyed],
            )

    def _fill_phone_keys(self, names: tuple[str, ...], rows: list[dict]) -> None:
        """Residents' numbers get their lookup form (``Resident.phone_key``) as ``save()`` gives it."""
        if self.kind.model_label != "register.Resident" or "phone" not in names:
            return
        from frontlijn.lib.phone import phone_key

        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET phone_key = %s WHERE id_extern = %s",  # noqa: S608
                [(phone_key(v["phone"] or ""), v["id_extern"]) for v in rows],
            )

    def _touch_households(self, household_ids: set[int]) -> None:
        from frontlijn.contacts.models import ContactMoment
        from frontlijn.register.models import Household

        if not household_ids:
            return
        latest = (
            ContactMoment.objects.filter(household_id=OuterRef("pk"))
            .values("household_id")
            .annotate(m=Max("occurred_at"))
            .values("m")
        )
        Household.objects.filter(pk__in=household_ids).update(last_contact_at=Subquery(latest))


def flatten_api_object(obj: Any) -> dict[str, Any]:
    """The API's JSON shape to a flat row: ``adres`` is unpacked, ``{code, naam}`` becomes the code."""
    if not isinstance(obj, dict):
        raise TypeError
    row: dict[str, Any] = {}
    for key, value in obj.items():
        if key == "adres" and isinstance(value, dict):
            row.update(value)
        elif isinstance(value, dict) and "code" in value:
            row[key] = value["code"]
        else:
            row[key] = value
    return row
