"""Column parsers shared by the CSV/JSON import and the API's writes.

Each parser takes a raw value (a CSV string, or a JSON value) and returns the model value, or
raises ``django.core.exceptions.ValidationError`` with a Dutch message. Empty input never reaches
a parser: the row validator handles missing values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from frontlijn.lib import clock
from frontlijn.lib.rules import Format
from frontlijn.lib.validators import validate_no_bsn

Parser = Callable[[Any], Any]


@dataclass(frozen=True)
class Ref:
    """A reference to another record by a key (``id_extern``; ``username`` for staff)."""

    model: str  # "register.Unit"
    key: str = "id_extern"
    # Values taken over from the referenced row when the row leaves them empty: {our field: its field}.
    fill: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    name: str  # the CSV column and the flat API field (VERA, camelCase)
    field: str  # the model field (``unit_id`` for a reference)
    parse: Parser | None = None
    required: bool = False
    ref: Ref | None = None
    api: str = ""  # the API path when nested (``adres.postcode``); else ``name``
    default: Any = ""  # the model value when the column is empty
    export: str = ""  # ORM path for export; default ``field`` (``unit__id_extern`` for refs)

    @property
    def api_name(self) -> str:
        return self.api or self.name

    @property
    def export_path(self) -> str:
        if self.export:
            return self.export
        if self.ref:
            return f"{self.field.removesuffix('_id')}__{self.ref.key}"
        return self.field


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def text(max_length: int, *, free_text: bool = False) -> Parser:
    def parse(value: Any) -> str:
        if value.__class__ is str:
            value = value.strip()
        elif not isinstance(value, str | int | float | Decimal) or isinstance(value, bool):
            raise ValidationError(_("Verwacht tekst."))
        else:
            value = str(value).strip()
        if "\x00" in value:
            raise ValidationError(_("De tekst bevat een ongeldig teken."))
        if len(value) > max_length:
            raise ValidationError(_("Hoogstens %(max)s tekens (nu %(n)s).") % {"max": max_length, "n": len(value)})
        if free_text:
            validate_no_bsn(value)
        return value

    parse.rule = Format("text", max_length=max_length, free_text=free_text)  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path
    return parse


def integer(minimum: int, maximum: int) -> Parser:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValidationError(_("Verwacht een geheel getal."))
        try:
            number = int(value.strip()) if isinstance(value, str) else int(value)
            if isinstance(value, float | Decimal) and number != value:  # JSON numbers come as Decimal
                raise ValueError
        except (TypeError, ValueError, OverflowError, ArithmeticError) as exc:
            raise ValidationError(_("Verwacht een geheel getal.")) from exc
        if not minimum <= number <= maximum:
            raise ValidationError(
                _("Verwacht een getal van %(min)s tot en met %(max)s.") % {"min": minimum, "max": maximum}
            )
        return number

    parse.rule = Format("integer", minimum=minimum, maximum=maximum)  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path
    return parse


def date(value: Any) -> dt.date:
    if isinstance(value, str):
        raw = value.strip()
        for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
    raise ValidationError(_("Verwacht een datum als JJJJ-MM-DD, bijvoorbeeld 2024-03-01."))


date.rule = Format("date")  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path


def datetime(value: Any) -> dt.datetime:
    if isinstance(value, str):
        raw = value.strip().replace("Z", "+00:00")
        try:
            parsed = dt.datetime.fromisoformat(raw)
        except ValueError:
            parsed = None
        if parsed is None:
            try:
                parsed = dt.datetime.strptime(raw, "%d-%m-%Y %H:%M")
            except ValueError:
                parsed = None
        if parsed is not None:
            if not 1900 <= parsed.year <= 2999:
                raise ValidationError(_("Het jaar ligt tussen 1900 en 2999."))
            # Naive: the association's wall clock (repeated October hour: first occurrence;
            # a time in the missing March hour is refused with a Dutch message).
            return clock.from_wall_clock(parsed)
    raise ValidationError(_("Verwacht datum en tijd als JJJJ-MM-DDTHH:MM, bijvoorbeeld 2024-03-01T14:30."))


datetime.rule = Format("datetime")  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        raw = value.strip().lower()
        if raw in {"ja", "j", "true", "1", "yes"}:
            return True
        if raw in {"nee", "n", "false", "0", "no"}:
            return False
    raise ValidationError(_("Verwacht ja of nee (of true/false)."))


boolean.rule = Format("boolean")  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path


def code(choices: Iterable[str]) -> Parser:
    allowed = tuple(choices)
    allowed_set = frozenset(allowed)

    def parse(value: Any) -> str:
        raw = value.strip() if isinstance(value, str) else None
        if raw not in allowed_set:
            raise ValidationError(_("Onbekende code. Kies uit: %(codes)s.") % {"codes": ", ".join(allowed)})
        return raw

    parse.choices = allowed  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path
    parse.rule = Format("code", choices=allowed)  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path
    return parse


def codes_list(choices: Iterable[str]) -> Parser:
    """A list of codes; in CSV separated by ``|``."""
    one = code(choices)

    def parse(value: Any) -> list[str]:
        items = value.split("|") if isinstance(value, str) else value
        if not isinstance(items, list):
            raise ValidationError(_("Verwacht een lijst van codes."))
        return [one(item) for item in items if not is_empty(item)]

    parse.rule = Format("codes", choices=one.choices)  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path
    return parse


def with_validator(parser: Parser, *validators: Callable[[Any], None]) -> Parser:
    def parse(value: Any) -> Any:
        result = parser(value)
        for validate in validators:
            validate(result)
        return result

    parse.rule = getattr(parser, "rule", None)  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path
    parse.validators = validators  # type: ignore[attr-defined]  # beyond the rule: SQL leaves them to the parser
    return parse


def email(value: Any) -> str:
    result = text(254)(value)
    try:
        validate_email(result)
    except ValidationError as exc:
        raise ValidationError(_("Dit is geen geldig e-mailadres.")) from exc
    return result


email.rule = Format("email", max_length=254)  # type: ignore[attr-defined]  # a parser function carries its rule for the SQL path
