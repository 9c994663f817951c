"""Bulk import: all-or-nothing per file, a report of every rejected row, dry runs, export."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontlijn.api.exchange.files import export_csv, import_file, iter_json_array
from frontlijn.api.exchange.kinds import get_kind
from frontlijn.cases.models import Case
from frontlijn.contacts.models import ContactMoment
from frontlijn.register.models import Household, Resident, Tenancy, Unit
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, ComplexFactory, UserFactory

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
def register():
    buurt = BuurtFactory(id_extern="BU03440101")
    ComplexFactory(id_extern="CPX-0101", buurt=buurt)
    UserFactory(username="kcc", role=Role.KCC_MEDEWERKER)
    UserFactory(username="wijkbeheerder")
    UserFactory(username="beheer", role=Role.BEHEERDER)  # imports and exports run --as this user
    return buurt


def write(tmp_path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_documented_examples_import_in_order(register):
    for kind in ("eenheden", "huishoudens", "relaties", "huurovereenkomsten", "zaken", "contactmomenten"):
        report = import_file(kind=get_kind(kind), path=EXAMPLES / f"{kind}.csv")
        assert report.ok, report.errors
    report = import_file(kind=get_kind("contactmomenten"), path=EXAMPLES / "contactmomenten.json")
    assert report.ok, report.errors
    assert (Unit.objects.count(), Household.objects.count(), Resident.objects.count()) == (3, 2, 3)
    assert (Tenancy.objects.count(), Case.objects.count(), ContactMoment.objects.count()) == (2, 2, 3)
    assert Unit.objects.get(id_extern="EH-000103").postcode == "3511 AB"
    assert Case.objects.get(id_extern="ZK-2024-0001").unit.id_extern == "EH-000101"
    assert Household.objects.get(id_extern="HH-5001").last_contact_at is not None


def test_bad_row_rolls_back_whole_file_and_reports_every_rejected_row(register, tmp_path):
    path = write(
        tmp_path,
        "e.csv",
        "idExtern;straatnaam;huisnummer;postcode;woonplaats;buurt\n"
        "E1;Kerkstraat;1;3511 AB;Utrecht;BU03440101\n"
        "E2;Kerkstraat;0;3511 AB;Utrecht;BU03440101\n"
        "E3;Kerkstraat;3;35;Utrecht;ONBEKEND\n",
    )
    report = import_file(kind=get_kind("units"), path=path)
    assert not report.ok
    assert Unit.objects.count() == 0
    assert report.rows == 3 and report.rejected == 2
    lines = {(line, column) for line, column, _reason in report.errors}
    assert lines == {(3, "huisnummer"), (4, "postcode")}
    # A wrong reference is found too, once the other columns are right.
    path = write(
        tmp_path, "e2.csv", "idExtern;straatnaam;huisnummer;postcode;woonplaats;buurt\nE3;K;3;3511 AB;U;ONBEKEND\n"
    )
    ((line, column, reason),) = import_file(kind=get_kind("units"), path=path).errors
    assert (line, column) == (2, "buurt") and "ONBEKEND" in reason


def test_command_exits_non_zero_and_prints_report(register, tmp_path, capsys):
    path = write(tmp_path, "r.csv", "idExtern;huishouden;voornaam;achternaam\nR1;GEEN;Anna;Jansen\n")
    with pytest.raises(CommandError, match="niets geïmporteerd"):
        call_command("import", "residents", str(path), "--as", "beheer")
    assert "regel 2, veld huishouden" in capsys.readouterr().err


def test_command_writes_report_file(register, tmp_path):
    path = write(tmp_path, "r.csv", "idExtern;huishouden;voornaam;achternaam\nR1;GEEN;Anna;\n")
    report = tmp_path / "verslag.csv"
    with pytest.raises(CommandError):
        call_command("import", "relaties", str(path), "--report", str(report), "--as", "beheer")
    rows = report.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "regel;veld;reden"
    assert rows[1].startswith("2;achternaam;")


def test_dry_run_checks_but_keeps_nothing(register, capsys):
    call_command("import", "eenheden", str(EXAMPLES / "eenheden.csv"), "--dry-run", "--as", "beheer")
    assert "proefrun" in capsys.readouterr().out
    assert not Unit.objects.exists()


def test_import_is_idempotent(register):
    for _ in range(2):
        report = import_file(kind=get_kind("eenheden"), path=EXAMPLES / "eenheden.csv")
    assert (report.created, report.updated) == (0, 3)
    assert Unit.objects.count() == 3


def test_bsn_column_and_unknown_columns_are_refused(register, tmp_path):
    path = write(tmp_path, "r.csv", "idExtern;huishouden;voornaam;achternaam;bsn;voornam\n")
    report = import_file(kind=get_kind("relaties"), path=path)
    columns = {column for _line, column, _reason in report.errors}
    assert columns == {"bsn", "voornam"}


def test_bsn_in_free_text_is_refused(register, tmp_path):
    import_file(kind=get_kind("eenheden"), path=EXAMPLES / "eenheden.csv")
    path = write(
        tmp_path,
        "z.csv",
        "idExtern;zaaktype;omschrijving;registratiedatum;eenheid\n"
        "Z1;klacht;BSN 111222333 van bewoner;2024-01-02;EH-000101\n",
    )
    report = import_file(kind=get_kind("zaken"), path=path)
    assert report.errors[0][1] == "omschrijving" and "BSN" in report.errors[0][2]


def test_batches_stream_and_still_roll_back_together(register, tmp_path):
    rows = "".join(f"E{n};Kerkstraat;{n + 1};3511 AB;Utrecht;BU03440101\n" for n in range(25))
    bad = "E99;Kerkstraat;1;3511 AB;Utrecht;BU03440101;extra\n"
    path = write(tmp_path, "e.csv", "idExtern;straatnaam;huisnummer;postcode;woonplaats;buurt\n" + rows + bad)
    report = import_file(kind=get_kind("eenheden"), path=path, batch_size=10)
    assert report.errors[0][0] == 27
    assert not Unit.objects.exists()


def test_json_array_is_read_item_by_item():
    text = json.dumps([{"idExtern": str(n), "duur": 12345678901234567890} for n in range(50)])
    items = list(iter_json_array(io.StringIO(text), chunk_size=7))
    assert [i["idExtern"] for i in items] == [str(n) for n in range(50)]
    assert items[-1]["duur"] == 12345678901234567890


def test_json_array_from_a_binary_file_may_start_with_white_space():
    # Before, the white space check compared bytes with a str and raised TypeError.
    items = list(iter_json_array(io.BytesIO(b' \n [{"idExtern": "1"}]')))
    assert items == [{"idExtern": "1"}]


def test_export_round_trips_through_import(register, tmp_path):
    import_file(kind=get_kind("eenheden"), path=EXAMPLES / "eenheden.csv")
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        assert export_csv(kind=get_kind("eenheden"), fh=fh) == 3
    Unit.objects.filter(id_extern="EH-000101").update(street="Anders")
    report = import_file(kind=get_kind("eenheden"), path=path)
    assert report.ok and report.updated == 3
    assert Unit.objects.get(id_extern="EH-000101").street == "Kerkstraat"


def test_export_leaves_out_beyond_the_process(register, tmp_path, capsys):
    import_file(kind=get_kind("eenheden"), path=EXAMPLES / "eenheden.csv")
    for kind in ("huishoudens", "zaken", "contactmomenten"):
        assert import_file(kind=get_kind(kind), path=EXAMPLES / f"{kind}.csv").ok
    ContactMoment.objects.update(beyond_note="Maakt zich zorgen om haar man")
    call_command("export", "contactmomenten", "-", "--format", "json", "--as", "beheer")
    out = capsys.readouterr().out
    data = json.loads(out)
    assert len(data) == 2 and "zorgen" not in out
    assert data[0]["kanaal"]["code"] == "TEL"


def test_imported_residents_are_found_by_name_search(register):
    from frontlijn.register.selectors import household_search
    from tests.api.factories import admin_user

    for kind in ("eenheden", "huishoudens", "relaties"):
        assert import_file(kind=get_kind(kind), path=EXAMPLES / f"{kind}.csv").ok
    found = household_search(user=admin_user(), query="Yilmaz")
    assert [h.id_extern for h in found] == ["HH-5002"]


def test_imported_cases_get_a_status_history_row_per_new_status(register, tmp_path):
    import_file(kind=get_kind("eenheden"), path=EXAMPLES / "eenheden.csv")
    head = "idExtern;zaaktype;status;omschrijving;registratiedatum;eenheid\n"
    first = write(tmp_path, "z1.csv", head + "Z1;klacht;AAN;Klacht over de lift;2024-01-02;EH-000101\n")
    assert import_file(kind=get_kind("zaken"), path=first).ok
    case = Case.objects.get(id_extern="Z1")
    assert [(c.from_status, c.to_status) for c in case.status_changes.all()] == [("", "AAN")]
    # The same file again changes nothing; a new status adds one step.
    assert import_file(kind=get_kind("zaken"), path=first).ok
    second = write(tmp_path, "z2.csv", head + "Z1;klacht;AFG;Klacht over de lift;2024-01-02;EH-000101\n")
    assert import_file(kind=get_kind("zaken"), path=second).ok
    steps = [(c.from_status, c.to_status) for c in case.status_changes.all()]
    assert steps == [("", "AAN"), ("AAN", "AFG")]


def test_an_imported_time_without_offset_is_read_on_the_amsterdam_wall_clock():
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import translation

    from frontlijn.api.exchange import fields

    assert fields.datetime("2026-10-25T02:30") == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    assert fields.datetime("25-10-2026 02:30") == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    assert fields.datetime("2026-10-25T02:30+01:00") == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)
    with translation.override("nl"), pytest.raises(ValidationError, match="Dit tijdstip bestaat niet"):
        fields.datetime("2026-03-29T02:30")


def test_imported_residents_are_found_by_phone_number(register, tmp_path):
    from frontlijn.register.models import Resident
    from frontlijn.register.selectors import contact_lookup_parse, household_by_contact
    from tests.api.factories import admin_user

    for kind in ("eenheden", "huishoudens", "relaties"):
        assert import_file(kind=get_kind(kind), path=EXAMPLES / f"{kind}.csv").ok
    assert Resident.objects.get(id_extern="REL-9001").phone_key == "301234567"
    found = household_by_contact(user=admin_user(), lookup=contact_lookup_parse("+31 30 123 45 67"))
    assert [h.id_extern for h in found] == ["HH-5001"]
    # a changed number in a later file changes the lookup form too
    head = "idExtern;huishouden;voornaam;achternaam;telefoonnummer\n"
    changed = write(tmp_path, "r.csv", head + "REL-9001;HH-5001;Anna;Vries;06 11122233\n")
    assert import_file(kind=get_kind("relaties"), path=changed).ok
    assert Resident.objects.get(id_extern="REL-9001").phone_key == "611122233"


def test_export_neutralises_formulas_and_imports_them_back_unchanged(register, tmp_path):
    import_file(kind=get_kind("eenheden"), path=EXAMPLES / "eenheden.csv")
    Unit.objects.filter(id_extern="EH-000101").update(street='=HYPERLINK("https://evil.example","klik")')
    Unit.objects.filter(id_extern="EH-000102").update(street="=cmd|' /C calc'!A0")
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        export_csv(kind=get_kind("eenheden"), fh=fh)
    with path.open(encoding="utf-8", newline="") as fh:
        cells = [cell for row in csv.reader(fh, delimiter=";") for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], cells
    assert "'=cmd|' /C calc'!A0" in cells
    assert import_file(kind=get_kind("eenheden"), path=path).ok
    assert Unit.objects.get(id_extern="EH-000102").street == "=cmd|' /C calc'!A0"
