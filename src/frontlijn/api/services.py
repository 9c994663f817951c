"""Writes through the API: one idempotent upsert by ``idExtern``, with the import's rules."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from frontlijn.api import selectors
from frontlijn.api.exchange.kinds import KINDS, RowError
from frontlijn.api.exchange.writer import Upserter, flatten_api_object
from frontlijn.privacy import scoping


class UpsertError(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@transaction.atomic
def record_upsert(*, kind: str, user, id_extern: str, data: Any) -> tuple[models.Model, bool]:
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
