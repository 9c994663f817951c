"""Writes through the API: one idempotent upsert by ``idExtern``, with the import's rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from frontlijn.api import selectors
from frontlijn.api.exchange.kinds import KINDS, RowError
from frontlijn.api.exchange.writer import Upserter, flatten_api_object
from frontlijn.privacy import scoping

if TYPE_CHECKING:
    from frontlijn.teams.models import User


class UpsertError(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def record_upsert(*, kind: str, user: User, id_extern: str, data: Any) -> tuple[models.Model, bool]:
    """Create or update the record of ``kind`` with this ``idExtern``; returns (record, created).

    Fields absent from ``data`` keep their value on an update. References (``eenheid``,
    ``huishouden``, ...) must point at records inside the user's area.
    """
    spec = KINDS[kind]
    if not selectors.may_write(kind=kind, user=user):
        raise PermissionDenied
    if not isinstance(data, dict):
        raise UpsertError({"non_field_errors": [_("Verwacht een JSON-object.")]})
    if id_extern != id_extern.strip() or not id_extern or len(id_extern) > 64 or "\x00" in id_extern:
        raise UpsertError({"idExtern": [_("Een idExtern heeft 1 tot 64 tekens, zonder spaties aan begin of eind.")]})
    model = spec.model
    existing = model._default_manager.filter(id_extern=id_extern).values_list("pk", flat=True).first()
    if existing is not None and not selectors.api_queryset(kind=kind, user=user).filter(pk=existing).exists():
        raise Http404
    row = flatten_api_object(data)
    body_key = row.get("idExtern")
    if body_key not in (None, "", id_extern):
        raise UpsertError({"idExtern": [_("Het idExtern in de tekst wijkt af van dat in het adres.")]})
    row["idExtern"] = id_extern
    if (
        kind == "contactmomenten"
        and not scoping.is_register_wide(user)
        and row.get("medewerker") not in (None, "", user.get_username())
    ):
        raise UpsertError({"medewerker": [_("Je kunt alleen je eigen contactmomenten vastleggen.")]})

    errors: dict[str, list[str]] = {}

    def sink(line: int, error: RowError) -> None:
        column = spec.by_name.get(error.field)
        errors.setdefault(column.api_name if column else error.field or "non_field_errors", []).append(error.message)

    ended_before = (
        model._default_manager.filter(pk=existing).values_list("end_date", flat=True).first()
        if kind == "huurovereenkomsten" and existing is not None
        else None
    )
    upserter = Upserter(spec, on_error=sink, user=user, default_staff_id=user.pk)
    upserter.add(1, row)
    upserter.close()
    if errors:
        raise UpsertError(errors)
    obj = selectors.api_queryset(kind=kind, user=user).get(id_extern=id_extern)
    # Resident invitations (docs/dashboard.md): synced contacts and cases are the ERP's work and
    # invite nobody; a tenancy that the live sync ends now is a departure Frontlijn asks about.
    if kind == "huurovereenkomsten" and existing is not None and ended_before is None and obj.end_date:
        from frontlijn.feedback.services import feedback_invite_after_departure

        feedback_invite_after_departure(tenancy=obj)
    return obj, existing is None


@dataclass
class BulkReport:
    """What a bulk write did, in the import's terms; ``errors`` as the import reports them."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)  # {"regel", "idExtern", "veld", "reden"}

    @property
    def ok(self) -> bool:
        return not self.errors


def _bulk_key_error(obj: Any) -> str | None:
    key = obj.get("idExtern") if isinstance(obj, dict) else None
    if not isinstance(obj, dict):
        return _("Verwacht een JSON-object.")
    if not isinstance(key, str) or key != key.strip() or not key or len(key) > 64 or "\x00" in key or "/" in key:
        return _("Een idExtern heeft 1 tot 64 tekens, zonder / en zonder spaties aan begin of eind.")
    return None


@transaction.atomic
def records_bulk_upsert(*, kind: str, user: User, records: Any) -> BulkReport:
    """Create or update up to ``FRONTLIJN_API_BULK_MAX_RECORDS`` records of ``kind`` by ``idExtern``.

    The import's rules and report, all or nothing: when any record is rejected nothing is kept
    and every rejected record is named (its place in the list, from 1, as ``regel``). Scoped to
    ``user`` as a single ``PUT``: references must point inside the user's area, and a record that
    exists outside it is refused. Idempotent: sending the same list again changes nothing (and no
    ``updated_at``). Invites as a ``PUT`` does: only a tenancy that this write ends.
    """
    spec = KINDS[kind]
    if not selectors.may_write(kind=kind, user=user):
        raise PermissionDenied
    if not isinstance(records, list):
        raise UpsertError({"non_field_errors": [_("Verwacht een lijst van objecten (JSON-array).")]})
    limit = settings.FRONTLIJN_API_BULK_MAX_RECORDS
    if len(records) > limit:
        raise UpsertError(
            {
                "non_field_errors": [
                    _("Hoogstens %(max)s records per verzoek (nu %(n)s).") % {"max": limit, "n": len(records)}
                ]
            }
        )
    report = BulkReport(rows=len(records))

    def sink(line: int, error: RowError) -> None:
        column = spec.by_name.get(error.field)
        key = records[line - 1].get("idExtern") if isinstance(records[line - 1], dict) else None
        report.errors.append(
            {"regel": line, "idExtern": key, "veld": column.api_name if column else error.field, "reden": error.message}
        )

    model = spec.model
    keys = {obj["idExtern"] for obj in records if _bulk_key_error(obj) is None}
    existing = set(model._default_manager.filter(id_extern__in=keys).values_list("id_extern", flat=True))
    visible = set(
        selectors.api_queryset(kind=kind, user=user).filter(id_extern__in=existing).values_list("id_extern", flat=True)
    )
    running = (
        set(
            model._default_manager.filter(id_extern__in=existing, end_date__isnull=True).values_list(
                "id_extern", flat=True
            )
        )
        if kind == "huurovereenkomsten"
        else set()
    )
    own_only = kind == "contactmomenten" and not scoping.is_register_wide(user)
    upserter = Upserter(spec, on_error=sink, user=user, default_staff_id=user.pk)
    for line, obj in enumerate(records, start=1):
        if (problem := _bulk_key_error(obj)) is not None:
            upserter.rows += 1
            upserter._reject(line, [RowError("idExtern", problem)])
            continue
        if obj["idExtern"] in existing and obj["idExtern"] not in visible:
            upserter.rows += 1
            upserter._reject(line, [RowError("idExtern", _("Niet gevonden (of valt buiten je gebied)."))])
            continue
        row = flatten_api_object(obj)
        if own_only and row.get("medewerker") not in (None, "", user.get_username()):
            upserter.rows += 1
            upserter._reject(line, [RowError("medewerker", _("Je kunt alleen je eigen contactmomenten vastleggen."))])
            continue
        upserter.add(line, row)
    upserter.close()
    if report.errors:
        transaction.set_rollback(True)
        return report
    report.created, report.updated, report.unchanged = upserter.created, upserter.updated, upserter.unchanged
    if running:
        from frontlijn.feedback.services import feedback_invite_after_departure

        for tenancy in model._default_manager.filter(id_extern__in=running, end_date__isnull=False):
            feedback_invite_after_departure(tenancy=tenancy)
    return report
