"""Domain rules declared once, as data, and evaluated in Python or in SQL.

A rule names the model fields it reads and the Dutch message it gives. The same declaration
is evaluated row by row in Python (:func:`check`: the web form, the API's writes, the SQLite
import) and set-wise in SQL over a staging table (:func:`sql_violation`: the PostgreSQL import),
so the form, the API and the import cannot drift apart. ``frontlijn.contacts.rules`` declares a
contact moment's rules; the column formats (text length, code lists, dates) are declared by the
parsers in ``frontlijn.api.exchange.fields`` (each carries its :class:`Format` as ``.rule``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from frontlijn.lib import clock
from frontlijn.lib.validators import validate_no_bsn

# --- column formats (carried by the parsers as ``parser.rule``) -----------------------------


@dataclass(frozen=True)
class Format:
    """What a column's parser accepts: ``text``, ``integer``, ``code``, ``codes``, ``date``, ..."""

    type: str
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    free_text: bool = False  # refused when it contains a number that passes the BSN eleven-test


# --- domain rules on parsed values ------------------------------------------------------------


@dataclass(frozen=True)
class NotFuture:
    """``field`` (an aware datetime) lies no more than ``slack`` in the future."""

    field: str
    message: Any
    slack: dt.timedelta = dt.timedelta(minutes=5)

    def errors(self, values: dict[str, Any]) -> list[str]:
        value = values.get(self.field)
        return [str(self.message)] if value and value > clock.now() + self.slack else []

    def sql(self, col: Callable[[str], str]) -> tuple[str, list]:
        return f"{col(self.field)} > %s", [clock.now() + self.slack]


@dataclass(frozen=True)
class Between:
    """``field`` is filled in and lies in ``minimum``..``maximum`` (a message for each case)."""

    field: str
    minimum: int
    maximum: int
    missing: Any
    too_small: Any
    too_large: Any

    def errors(self, values: dict[str, Any]) -> list[str]:
        value = values.get(self.field)
        if value is None:
            return [str(self.missing)]
        if value < self.minimum:
            return [str(self.too_small)]
        if value > self.maximum:
            return [str(self.too_large % {"min": self.minimum, "max": self.maximum})]
        return []

    def sql_cases(self, col: Callable[[str], str]) -> list[tuple[str, list, str]]:
        c = col(self.field)
        return [
            (f"{c} IS NULL", [], str(self.missing)),
            (f"{c} < %s", [self.minimum], str(self.too_small)),
            (f"{c} > %s", [self.maximum], str(self.too_large % {"min": self.minimum, "max": self.maximum})),
        ]


@dataclass(frozen=True)
class AtLeastOne:
    """At least one of ``fields`` has text other than spaces; the error goes to ``error_key``."""

    fields: tuple[str, ...]
    message: Any
    error_key: str = "__all__"

    def errors(self, values: dict[str, Any]) -> list[str]:
        return [] if any((values.get(f) or "").strip() for f in self.fields) else [str(self.message)]

    def sql(self, col: Callable[[str], str]) -> tuple[str, list]:
        return " AND ".join(f"btrim(coalesce({col(f)}, '')) = ''" for f in self.fields), []


@dataclass(frozen=True)
class NoBsn:
    """None of ``fields`` contains a number that passes the BSN eleven-test (Frontlijn never stores one)."""

    fields: tuple[str, ...]

    def sql_for(self, column: str) -> str:
        """A nine-digit number (not part of a longer one) that passes the eleven-test, in SQL."""
        weights = " + ".join(f"{9 - i} * substr(m[1], {i + 1}, 1)::int" for i in range(8))
        return (
            f"({column} ~ '[0-9]{{9}}' AND EXISTS (SELECT 1 FROM regexp_matches({column}, "  # noqa: S608
            f"'(?<![0-9])([0-9]{{9}})(?![0-9])', 'g') AS m "
            f"WHERE m[1] <> '000000000' AND ({weights} - substr(m[1], 9, 1)::int) %% 11 = 0))"
        )

    def errors_by_field(self, values: dict[str, Any]) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        for field in self.fields:
            if _has_bsn(values.get(field) or ""):
                errors.setdefault(field, []).append(_BSN_MESSAGE())
        return errors


def _has_bsn(text: str) -> bool:
    """Whether ``text`` holds a number that passes the eleven-test. (Not cached: resident text
    is not kept in a process-wide cache.)"""
    try:
        validate_no_bsn(text)
    except ValidationError:
        return True
    return False


def _BSN_MESSAGE() -> str:
    try:
        validate_no_bsn("111222333")
    except ValidationError as exc:
        return exc.messages[0]
    raise AssertionError("validate_no_bsn accepts a BSN")


Rule = NotFuture | Between | AtLeastOne | NoBsn


def key_of(rule: Rule) -> str:
    error_key: str | None = getattr(rule, "error_key", None)
    field: str = getattr(rule, "field", "__all__")
    return error_key or field


def check(rules: Sequence[Rule], values: dict[str, Any]) -> dict[str, list[str]]:
    """Evaluate ``rules`` on one row of model values: {model field or ``__all__``: [messages]}."""
    errors: dict[str, list[str]] = {}
    for rule in rules:
        if isinstance(rule, NoBsn):
            for field, messages in rule.errors_by_field(values).items():
                errors.setdefault(field, []).extend(messages)
            continue
        if messages := rule.errors(values):
            errors.setdefault(key_of(rule), []).extend(messages)
    return errors


def sql_violations(rules: Sequence[Rule], col: Callable[[str], str]) -> list[tuple[str, list, str, str]]:
    """The rules as SQL: ``[(condition, params, error key, message)]``, in the order :func:`check` reports.

    PostgreSQL only (regular expressions); conditions are written for a parametrised query (``%%``).
    ``col(field)`` gives the SQL expression of a model field in the staging table. A row breaks
    the rule where the condition is true. For :class:`Between` only the first true case counts
    (the conditions are made exclusive here, as :meth:`Between.errors` returns one message).
    """
    out: list[tuple[str, list, str, str]] = []
    message = _BSN_MESSAGE()
    for rule in rules:
        if isinstance(rule, NoBsn):
            out.extend((rule.sql_for(col(field)), [], field, message) for field in rule.fields)
            continue
        if isinstance(rule, Between):
            c = col(rule.field)
            cases = rule.sql_cases(col)
            out.append((cases[0][0], cases[0][1], rule.field, cases[0][2]))
            out.append((f"{c} IS NOT NULL AND {cases[1][0]}", cases[1][1], rule.field, cases[1][2]))
            out.append((f"{c} IS NOT NULL AND {cases[2][0]}", cases[2][1], rule.field, cases[2][2]))
            continue
        condition, params = rule.sql(col)
        out.append((condition, params, key_of(rule), str(rule.message)))
    return out
