"""The PostgreSQL import's format checks in SQL (api/exchange/rawstage.py): where SQL vouches for a
cell, the column's parser accepts it and gives the same value; everything else is left to the parser,
so a file reports and writes exactly what the row-by-row path reports and writes."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlijn.api.exchange import fields as f
from frontlijn.api.exchange.files import export_csv, import_file
from frontlijn.api.exchange.kinds import get_kind
from frontlijn.api.exchange.rawstage import sql_format
from frontlijn.contacts.models import ContactMoment
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, HouseholdFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]
HEADER = "idExtern;kanaal;richting;datum;duur;onderwerp;omschrijving;labels;medewerker;huishouden;eenheid\n"


@pytest.fixture
def world():
    buurt = BuurtFactory(id_extern="BU1")
    unit = UnitFactory(id_extern="EH1", buurt=buurt)
    HouseholdFactory(id_extern="HH1", unit=unit)
    HouseholdFactory(id_extern="HH2", unit=None)
    UserFactory(username="kcc", role=Role.KCC_MEDEWERKER)


# Values the SQL checks do not vouch for (the parser decides) next to the common ones.
TRICKY_GOOD = (
    "T1;TEL;INK;2024-03-01T09:00:00+01:00;7;Lekkage;Opgelost.;;kcc;HH1;\n"
    "T2; TEL ;;01-03-2024 09:15;  8 ;  spaties  ;'=formule;welzijn| buren ;kcc;HH1;\n"
    "T3;BEZ;UIT;2024-03-01T09:00:00Z;480;'-min;;idee;kcc;;EH1\n"
    "T4;EMA;PRO;2024-03-01 10:00;1;Café;Ω;;kcc;HH2;\n"
    "T5;SMS;INK;2024-03-31T02:30:00+02:00;30;x;;;kcc;HH1;EH1\n"
    "T6;TEL;INK;2024-10-27T02:30;5;Herfst;;;kcc;HH1;\n"
    "T1;TEL;INK;2024-03-01T09:00:00.123+01:00;9;Later;Opgelost.;;kcc;HH1;\n"
)
TRICKY_BAD = (
    "B1;TEL;INK;2024-03-31T02:30;7;Zomertijd;;;kcc;HH1;\n"
    "B2;tel;INK;2024-02-30T09:00:00+01:00;7;Datum;;;kcc;HH1;\n"
    "B3;TEL;INK;1899-12-31T09:00:00+01:00;1e3;Jaar;;onbekend;kcc;HH1;\n"
    "B4;;INK;;;;;;;HH1;\n"
    "B5;TEL;INK;2024-03-01T09:00:00+01:00;7;" + "x" * 201 + ";Nul\x00teken;;kcc;HH1;\n"
    "B6;TEL;INK;2024-03-01T09:00:00+01:00;+5;Nummer 123456782;;;kcc;ONBEKEND;\n"
    "B7;TEL;INK;2024-03-01T25:00:00+01:00;7;Uur;;;niemand;HH1;\n"
    "B8;TEL;INK;2024-03-01T09:00:00+01:00;7;;  ;;kcc;HH2;\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_tricky_values_are_written_exactly_as_the_row_by_row_path_writes_them(world, tmp_path):
    path = write(tmp_path, HEADER + TRICKY_GOOD)
    exports = []
    for fast in (True, False):
        report = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=4, fast=fast)
        assert report.ok, report.errors
        assert (report.created, report.rows) == (6, 7)
        out = tmp_path / f"out-{fast}.csv"
        with out.open("w", encoding="utf-8", newline="") as fh:
            export_csv(kind=get_kind("contactmomenten"), fh=fh)
        rows = list(
            ContactMoment.objects.order_by("id_extern").values_list(
                "id_extern", "channel", "direction", "occurred_at", "duration_minutes", "subject", "beyond_tags"
            )
        )
        exports.append((out.read_text(encoding="utf-8"), rows))
        ContactMoment.objects.all().delete()
    assert exports[0] == exports[1]
    rows = exports[0][1]
    assert rows[0][5] == "Later" and rows[1][2] == "INK" and rows[1][6] == ["welzijn", "buren"]


def test_tricky_bad_rows_get_exactly_the_row_by_row_paths_reasons(world, tmp_path):
    path = write(tmp_path, HEADER + TRICKY_GOOD + TRICKY_BAD)
    fast = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=5, fast=True)
    slow = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=5, fast=False)
    assert fast.errors == slow.errors
    assert fast.rejected == slow.rejected == 8
    assert {line for line, _c, _r in fast.errors} == set(range(9, 17))
    assert not ContactMoment.objects.exists()


def test_a_file_that_breaks_off_names_the_same_rows_as_the_row_by_row_path(world, tmp_path):
    path = tmp_path / "c.csv"
    bad = "B1;XXX;INK;2024-03-01T09:00:00+01:00;0;x;;;kcc;HH1;\n"
    good = "".join(f"T{n};TEL;INK;2024-03-01T09:00:00+01:00;7;Lekkage;Opgelost.;;kcc;HH1;\n" for n in range(400))
    path.write_bytes((HEADER + bad + good).encode() + b"\xff\xfe;\n")  # read in blocks: rows come first
    fast = import_file(kind=get_kind("contactmomenten"), path=path, fast=True)
    slow = import_file(kind=get_kind("contactmomenten"), path=path, fast=False)
    assert fast.errors == slow.errors
    assert [line for line, _c, _r in fast.errors] == [1, 2]  # the file's error, and the bad code
    assert not ContactMoment.objects.exists()


# --- the derived SQL against the parser, value by value ----------------------------------------

PARSERS = {
    "text": f.text(12),
    "free_text": f.text(40, free_text=True),
    "integer": f.integer(-5, 480),
    "code": f.code(["TEL", "BEZ", "A-B"]),
    "codes": f.codes_list(["welzijn", "buren", "andere-vraag"]),
    "date": f.date,
    "datetime": f.datetime,
    "boolean": f.boolean,
}
PIECES = st.sampled_from(
    [
        "2024",
        "-",
        "02",
        "29",
        "30",
        "13",
        "T",
        " ",
        "09",
        ":",
        "00",
        "59",
        "60",
        "+01:00",
        "+14:00",
        "+15:00",
        "Z",
        ".123",
        ".5",
        "1899",
        "2999",
        "3000",
        "|",
        "welzijn",
        "buren",
        "andere-vraag",
        "TEL",
        "A-B",
        "'",
        "ja",
        "Ja",
        "nee",
        "0",
        "1",
        "480",
        "481",
        "-5",
        "-6",
        "123456782",
        "x",
        "é",
        "\u00a0",
        "\t",
        "\n",
    ]
)


def _python(parse, value):
    try:
        return True, parse(value)
    except ValidationError:
        return False, None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(PARSERS)), value=st.lists(PIECES, min_size=1, max_size=7).map("".join))
def test_where_sql_vouches_for_a_cell_the_parser_accepts_it_with_the_same_value(name, value):
    parse = PARSERS[name]
    condition, expression = sql_format(parse.rule, "v")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CASE WHEN {condition} THEN {expression}::text END FROM (SELECT %s::text AS v) s", [value]
        )
        (sql_value,) = cursor.fetchone()
        if sql_value is None:
            return  # not vouched for: the parser decides
        ok, parsed = _python(parse, value)
        assert ok, (name, value)
        if isinstance(parsed, list):  # the codes list: compared as JSON
            parsed = json.dumps(parsed)
            expression = f"({expression})::text::jsonb"
            cursor.execute(f"SELECT ({expression}) = %s::jsonb FROM (SELECT %s::text AS v) s", [parsed, value])
        else:
            cursor.execute(f"SELECT ({expression}) = %s FROM (SELECT %s::text AS v) s", [parsed, value])
        assert cursor.fetchone()[0], (name, value, parsed, sql_value)


def test_the_common_forms_are_vouched_for_in_sql():
    with connection.cursor() as cursor:
        for name, value in [
            ("datetime", "2015-01-01T08:00:00+00:00"),
            ("datetime", "2024-03-01T09:12:00+01:00"),
            ("date", "2024-02-29"),
            ("integer", "480"),
            ("code", "TEL"),
            ("codes", "welzijn|buren"),
            ("text", "Vraag"),
            ("boolean", "ja"),
        ]:
            condition, _expression = sql_format(PARSERS[name].rule, "v")
            cursor.execute(f"SELECT {condition} FROM (SELECT %s::text AS v) s", [value])
            assert cursor.fetchone()[0], (name, value)
