"""The kinds of record Frontlijn exchanges with an ERP, column by column.

One definition per kind serves the CSV import and export, the JSON import and the API's writes,
so a column means the same everywhere. Column names are VERA's (camelCase) where VERA has one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from frontlijn.api.exchange import fields as f
from frontlijn.api.exchange.fields import Column, Ref
from frontlijn.cases.models import (
    CASE_STATUSES,
    DEFAULT_LEAD_DAYS,
    DETAIL_CHOICES,
    REPAIR_STATUSES,
    CaseType,
    initial_status,
)
from frontlijn.contacts.models import CHANNEL_CHOICES, BeyondTag, Direction
from frontlijn.contacts.rules import CONTACT_RULES
from frontlijn.lib import rules, validators
from frontlijn.register.models import (
    UNIT_DETAIL_CHOICES,
    UNIT_KIND_CHOICES,
    UNIT_STATUS_CHOICES,
    ContactPreference,
    Language,
)

ID_EXTERN = Column("idExtern", "id_extern", f.text(64), required=True)
REF_KEY = f.text(64)  # a reference: the other record's idExtern (or a username)


@dataclass(frozen=True)
class RowError:
    field: str
    message: str


@dataclass
class Kind:
    name: str  # URL and import name: "eenheden"
    model_label: str  # "register.Unit"
    columns: list[Column]
    aliases: tuple[str, ...] = ()
    # Checks across columns after parsing: values -> {column: [messages]}.
    check: Callable[[dict[str, Any]], dict[str, list[str]]] | None = None
    # Fills derived values after references are resolved (e.g. a case's target date).
    finish: Callable[[dict[str, Any]], None] | None = None
    # Domain rules declared as data (frontlijn.lib.rules) behind ``check``; the PostgreSQL import
    # evaluates them set-wise in SQL instead of calling ``check``. Error keys map to columns.
    rules: tuple = ()
    rule_columns: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, Column] = field(init=False)
    plan: list[tuple] = field(init=False, repr=False)
    by_field: dict[str, Column] = field(init=False, repr=False)
    memo_columns: frozenset = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name = {c.name: c for c in self.columns}
        self.by_field = {c.field: c for c in reversed(self.columns)}  # the first column of a field wins
        # What parse_row walks for each row, looked up once.
        self.plan = [(c.name, c.field, c.parse, c.required, c.ref, c.default) for c in self.columns]
        self.memo_columns = frozenset(
            c.name
            for c in self.columns
            if c is not ID_EXTERN and getattr(getattr(c.parse, "rule", None), "type", None) in MEMO_TYPES
        )  # not the key: it never repeats

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def column_for_field(self, name: str) -> Column | None:
        return self.by_field.get(name)


# Formats whose parse result depends on the raw text only and is worth remembering within one
# import (codes, short texts and references repeat; date-times hardly ever do).
MEMO_TYPES = frozenset({"code", "text", "integer", "boolean", "date"})
MEMO_LIMIT = 20_000  # values remembered per import before the memo starts afresh (memory stays flat)


def parse_row(
    kind: Kind, raw: dict[str, Any], *, with_rules: bool = True, memo: dict | None = None
) -> tuple[dict[str, Any], dict[str, Any], list[RowError]]:
    """Parse one flat row: (model values, unresolved references by field, errors).

    Columns absent from ``raw`` are left out of the values (an update keeps what is there).
    ``with_rules=False`` leaves the kind's declared rules (``kind.rules``) to the caller (SQL).
    ``memo`` (one dict per import, in one language) remembers each distinct text value's verdict
    per column, so a value that repeats is checked once.
    """
    values: dict[str, Any] = {}
    refs: dict[str, Any] = {}
    errors: list[RowError] = []
    for name, target, parse, required, ref, default in kind.plan:
        if name not in raw:
            if required:
                errors.append(RowError(name, _("Dit veld is verplicht.")))
            continue
        value = raw[name]
        if not value.strip() if value.__class__ is str else f.is_empty(value):
            if required:
                errors.append(RowError(name, _("Dit veld is verplicht.")))
            else:
                values[target] = None if ref else default
            continue
        key = None
        if memo is not None and value.__class__ is str and (ref or name in kind.memo_columns):
            key = (name, value)
            known = memo.get(key)
            if known is not None:
                if known[0]:
                    (refs if ref else values)[target] = known[1]
                else:
                    errors.extend(RowError(name, m) for m in known[1])
                continue
        try:
            result = REF_KEY(value) if ref else (parse(value) if parse else value)
        except ValidationError as exc:
            messages = [str(m) for m in exc.messages]
            errors.extend(RowError(name, m) for m in messages)
            if key is not None and memo is not None:
                memo[key] = (False, messages)
            continue
        (refs if ref else values)[target] = result
        if key is not None and memo is not None:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            memo[key] = (True, result)
    if kind.check and not errors and (with_rules or not kind.rules):
        for name, messages in kind.check(values).items():
            errors.extend(RowError(name, str(m)) for m in messages)
    return values, refs, errors


# --- cross-column checks ---------------------------------------------------------------------


def _check_tenancy(values: dict[str, Any]) -> dict[str, list[str]]:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        return {"einddatum": [_("De einddatum ligt niet voor de begindatum.")]}
    return {}


def _check_case(values: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    case_type, status = values.get("case_type"), values.get("status")
    if case_type and status:
        allowed = REPAIR_STATUSES if case_type == CaseType.REPARATIEVERZOEK else CASE_STATUSES
        if status not in allowed:
            errors["status"] = [
                _("Status %(status)s past niet bij dit zaaktype. Kies uit: %(codes)s.")
                % {"status": status, "codes": ", ".join(allowed)}
            ]
    registered, target = values.get("registered_on"), values.get("target_date")
    if registered and target and target < registered:
        errors["streefdatum"] = [_("De streefdatum ligt niet voor de registratiedatum.")]
    return errors


def _finish_case(values: dict[str, Any]) -> None:
    if not values.get("status") and values.get("case_type"):
        values["status"] = initial_status(values["case_type"])
    if values.get("target_date") is None and values.get("registered_on") and values.get("case_type"):
        days = DEFAULT_LEAD_DAYS.get(values["case_type"], 14)
        values["target_date"] = values["registered_on"] + dt.timedelta(days=days)


_CONTACT_ERROR_COLUMNS = {
    "occurred_at": "datum",
    "duration_minutes": "duur",
    "subject": "onderwerp",
    "process_note": "omschrijving",
    "beyond_note": "verderDanHetProces",
    "__all__": "omschrijving",
}


def _check_contact(values: dict[str, Any]) -> dict[str, list[str]]:
    errors = rules.check(CONTACT_RULES, values)
    return {_CONTACT_ERROR_COLUMNS.get(k, k): v for k, v in errors.items()}


# --- the kinds -------------------------------------------------------------------------------

YEAR = f.integer(1000, 2100)

WIJKEN = Kind(
    "wijken",
    "register.Wijk",
    [
        ID_EXTERN,
        Column("code", "code", f.text(16)),
        Column("naam", "name", f.text(120), required=True),
        Column("woonplaats", "place", f.text(80), required=True),
    ],
)
BUURTEN = Kind(
    "buurten",
    "register.Buurt",
    [
        ID_EXTERN,
        Column("code", "code", f.text(16)),
        Column("naam", "name", f.text(120), required=True),
        Column("wijk", "wijk_id", required=True, ref=Ref("register.Wijk")),
    ],
)
CLUSTERS = Kind(
    "clusters",
    "register.Complex",
    [
        ID_EXTERN,
        Column("code", "code", f.text(32), required=True),
        Column("naam", "name", f.text(120), required=True),
        Column("buurt", "buurt_id", required=True, ref=Ref("register.Buurt")),
        Column("bouwjaar", "construction_year", YEAR, default=None),
    ],
    aliases=("complexes", "complexen"),
)
EENHEDEN = Kind(
    "eenheden",
    "register.Unit",
    [
        ID_EXTERN,
        Column("soort", "kind", f.code(c for c, _n in UNIT_KIND_CHOICES), default="WOO"),
        Column("detailSoort", "detail_kind", f.code(c for c, _n in UNIT_DETAIL_CHOICES)),
        Column("status", "status", f.code(c for c, _n in UNIT_STATUS_CHOICES), default="VEH"),
        Column("straatnaam", "street", f.text(120), required=True, api="adres.straatnaam"),
        Column("huisnummer", "house_number", f.integer(1, 99999), required=True, api="adres.huisnummer"),
        Column(
            "huisletter",
            "house_letter",
            f.with_validator(f.text(1), validators.validate_house_letter),
            api="adres.huisletter",
        ),
        Column(
            "huisnummertoevoeging",
            "house_number_addition",
            f.with_validator(f.text(4), validators.validate_house_number_addition),
            api="adres.huisnummertoevoeging",
        ),
        Column(
            "postcode",
            "postcode",
            lambda v: validators.normalise_postcode(f.text(16)(v)),
            required=True,
            api="adres.postcode",
        ),
        Column("woonplaats", "place", f.text(80), required=True, api="adres.woonplaats"),
        Column("bagId", "bag_id", f.with_validator(f.text(16), validators.validate_bag_id)),
        Column("bouwjaar", "construction_year", YEAR, default=None),
        Column("buurt", "buurt_id", required=True, ref=Ref("register.Buurt")),
        Column("cluster", "complex_id", ref=Ref("register.Complex")),
    ],
    aliases=("units",),
)
HUISHOUDENS = Kind(
    "huishoudens",
    "register.Household",
    [
        ID_EXTERN,
        Column("naam", "name", f.text(160, free_text=True), required=True),
        Column("eenheid", "unit_id", ref=Ref("register.Unit")),
    ],
    aliases=("households",),
)
RELATIES = Kind(
    "relaties",
    "register.Resident",
    [
        ID_EXTERN,
        Column("huishouden", "household_id", required=True, ref=Ref("register.Household")),
        Column("voornaam", "first_name", f.text(80, free_text=True), required=True),
        Column("tussenvoegsels", "prefix", f.text(20)),
        Column("achternaam", "last_name", f.text(120, free_text=True), required=True),
        Column("geboortejaar", "birth_year", f.integer(1900, 2100), default=None),
        Column("telefoonnummer", "phone", f.with_validator(f.text(20), validators.validate_phone)),
        Column("emailadres", "email", f.email),
        Column("voorkeurstaal", "preferred_language", f.code(Language.values), default=Language.NL),
        Column("communicatievoorkeur", "contact_preference", f.code(ContactPreference.values)),
        Column("hoofdhuurder", "is_main_tenant", f.boolean, default=False),
    ],
    aliases=("residents",),
)
HUUROVEREENKOMSTEN = Kind(
    "huurovereenkomsten",
    "register.Tenancy",
    [
        ID_EXTERN,
        Column("huishouden", "household_id", required=True, ref=Ref("register.Household")),
        Column("eenheid", "unit_id", required=True, ref=Ref("register.Unit")),
        Column("begindatum", "start_date", f.date, required=True),
        Column("einddatum", "end_date", f.date, default=None),
    ],
    aliases=("tenancies",),
    check=_check_tenancy,
)
ZAKEN = Kind(
    "zaken",
    "cases.Case",
    [
        ID_EXTERN,
        Column("zaaktype", "case_type", f.code(CaseType.values), required=True),
        Column("detailSoort", "detail_type", f.code(c for c, _n in DETAIL_CHOICES if c)),
        Column("status", "status", f.code(sorted(set(REPAIR_STATUSES + CASE_STATUSES)))),
        Column("omschrijving", "description", f.text(5000, free_text=True), required=True),
        Column("registratiedatum", "registered_on", f.date, required=True),
        Column("streefdatum", "target_date", f.date, default=None),
        Column("afgeslotenOp", "closed_on", f.date, default=None),
        Column("huishouden", "household_id", ref=Ref("register.Household", fill={"unit_id": "unit_id"})),
        Column("eenheid", "unit_id", ref=Ref("register.Unit")),
    ],
    aliases=("cases",),
    check=_check_case,
    finish=_finish_case,
)
CONTACTMOMENTEN = Kind(
    "contactmomenten",
    "contacts.ContactMoment",
    [
        ID_EXTERN,
        Column("kanaal", "channel", f.code(c for c, _n in CHANNEL_CHOICES), required=True),
        Column("richting", "direction", f.code(Direction.values), default=Direction.INCOMING),
        Column("datum", "occurred_at", f.datetime, required=True),
        # Any whole number the column holds; its bounds are the declared rule's (CONTACT_RULES), as in the form.
        Column("duur", "duration_minutes", f.integer(-(2**31), 2**31 - 1), required=True),
        # Free text; a BSN in it is refused by the declared rules (CONTACT_RULES: NoBsn), as in the form.
        Column("onderwerp", "subject", f.text(200)),
        Column("omschrijving", "process_note", f.text(10000)),
        Column("verderDanHetProces", "beyond_note", f.text(10000)),
        Column("labels", "beyond_tags", f.codes_list(BeyondTag.values), default=[]),
        Column("medewerker", "staff_id", ref=Ref("teams.User", key="username")),
        Column("huishouden", "household_id", ref=Ref("register.Household", fill={"unit_id": "unit_id"})),
        Column("eenheid", "unit_id", ref=Ref("register.Unit")),
        Column("zaak", "case_id", ref=Ref("cases.Case")),
    ],
    aliases=("contacts", "contact-moments"),
    check=_check_contact,
    rules=CONTACT_RULES,
    rule_columns=_CONTACT_ERROR_COLUMNS,
)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (WIJKEN, BUURTEN, CLUSTERS, EENHEDEN, HUISHOUDENS, RELATIES, HUUROVEREENKOMSTEN, ZAKEN, CONTACTMOMENTEN)
}
IMPORT_KINDS = ("eenheden", "huishoudens", "relaties", "huurovereenkomsten", "zaken", "contactmomenten")


def get_kind(name: str) -> Kind:
    name = name.strip().lower()
    for kind in KINDS.values():
        if name == kind.name or name in kind.aliases:
            return kind
    raise KeyError(name)
