"""Imports at database speed (issue 20): all or nothing at scale, unchanged rows left alone, and
the PostgreSQL staging path reporting exactly what the row-by-row path reports."""

import datetime as dt
from pathlib import Path

import pytest

from frontlijn.api.exchange.files import import_file
from frontlijn.api.exchange.kinds import get_kind
from frontlijn.cases.models import Case, CaseStatusChange
from frontlijn.contacts.models import ContactMoment
from frontlijn.register.models import Household, Unit
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, HouseholdFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
HEADER = "idExtern;kanaal;richting;datum;duur;onderwerp;omschrijving;medewerker;huishouden\n"


@pytest.fixture
def world():
    buurt = BuurtFactory(id_extern="BU1")
    unit = UnitFactory(id_extern="EH1", buurt=buurt)
    HouseholdFactory(id_extern="HH1", unit=unit)
    UserFactory(username="kcc", role=Role.KCC_MEDEWERKER)
    return unit


def contact_row(n: int, *, duur: int = 7, onderwerp: str = "Lekkage", household: str = "HH1") -> str:
    moment = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=n)
    return f"C{n};TEL;INK;{moment.isoformat()};{duur};{onderwerp};Opgelost.;kcc;{household}\n"


def write(tmp_path: Path, text: str, name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fast", [True, False])
def test_one_bad_row_among_many_stores_nothing_and_names_that_row(world, tmp_path, fast):
    rows = [contact_row(n) for n in range(3000)]
    rows[1700] = contact_row(1700, duur=0)  # file line 1702 (the header is line 1)
    path = write(tmp_path, HEADER + "".join(rows))
    report = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=500, fast=fast)
    assert not report.ok and report.rejected == 1
    assert report.errors == [(1702, "duur", "De duur is minimaal 1 minuut.")]
    assert not ContactMoment.objects.exists()
    assert (report.created, report.updated) == (0, 0)


def test_reimporting_the_same_file_changes_no_updated_at(world, tmp_path):
    path = write(tmp_path, HEADER + "".join(contact_row(n) for n in range(50)))
    first = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=20)
    assert first.ok and first.created == 50
    before = dict(ContactMoment.objects.values_list("id_extern", "updated_at"))
    again = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=20)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 50, 50)
    assert dict(ContactMoment.objects.values_list("id_extern", "updated_at")) == before
    # One changed row: only that one gets a new updated_at.
    changed = write(
        tmp_path, HEADER + "".join(contact_row(n, onderwerp="Anders" if n == 7 else "Lekkage") for n in range(50))
    )
    third = import_file(kind=get_kind("contactmomenten"), path=changed, batch_size=20)
    assert third.ok and third.unchanged == 49
    after = dict(ContactMoment.objects.values_list("id_extern", "updated_at"))
    assert {key for key in after if after[key] != before[key]} == {"C7"}
    assert ContactMoment.objects.get(id_extern="C7").subject == "Anders"


def test_reimporting_units_and_cases_keeps_updated_at_and_status_history(world, tmp_path):
    units = write(
        tmp_path,
        "idExtern;straatnaam;huisnummer;postcode;woonplaats;buurt\nEH2;Kerkstraat;2;3511ab;Utrecht;BU1\n",
        "u.csv",
    )
    cases = write(
        tmp_path,
        "idExtern;zaaktype;omschrijving;registratiedatum;huishouden\nZ1;klacht;Lawaai;2024-01-02;HH1\n",
        "z.csv",
    )
    for path, kind in ((units, "eenheden"), (cases, "zaken")):
        assert import_file(kind=get_kind(kind), path=path).ok
    stamps = (Unit.objects.get(id_extern="EH2").updated_at, Case.objects.get(id_extern="Z1").updated_at)
    for path, kind in ((units, "eenheden"), (cases, "zaken")):
        report = import_file(kind=get_kind(kind), path=path)
        assert report.ok and report.unchanged == 1
    assert (Unit.objects.get(id_extern="EH2").updated_at, Case.objects.get(id_extern="Z1").updated_at) == stamps
    case = Case.objects.get(id_extern="Z1")
    assert case.unit == world  # taken over from the household
    assert CaseStatusChange.objects.filter(case=case).count() == 1  # the new case's first status, once


BAD_FILE = (
    HEADER
    + contact_row(1)
    + contact_row(2, duur=0)
    + contact_row(3, household="ONBEKEND")
    + contact_row(4, onderwerp="BSN 111222333")
    + "C5;TEL;INK;2999-01-01T09:00:00+01:00;600;;;kcc;HH1\n"
    + "C6;XXX;INK;2024-03-01T09:00:00+01:00;5;Vraag;;;HH1\n"
    + contact_row(7, duur=0, household="ONBEKEND")
)


@pytest.mark.postgresql_only
def test_staging_path_reports_exactly_what_the_row_by_row_path_reports(world, tmp_path):
    path = write(tmp_path, BAD_FILE)
    fast = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=3, fast=True)
    slow = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=3, fast=False)
    assert fast.errors == slow.errors
    assert fast.rejected == slow.rejected == 6
    lines = [line for line, _column, _reason in fast.errors]
    assert lines == sorted(lines) and 2 not in lines  # the good row is not named
    assert (3, "duur", "De duur is minimaal 1 minuut.") in fast.errors
    assert (4, "huishouden", "Onbekend: ONBEKEND bestaat niet (of valt buiten uw gebied).") in fast.errors
    assert any(line == 5 and column == "onderwerp" and "BSN" in reason for line, column, reason in fast.errors)
    assert [(line, column) for line, column, _r in fast.errors if line == 6] == [
        (6, "datum"),
        (6, "duur"),
        (6, "omschrijving"),
    ]
    assert [column for line, column, _r in fast.errors if line == 7] == ["kanaal"]
    # A wrong reference is reported once the row's other columns are right.
    assert [column for line, column, _r in fast.errors if line == 8] == ["duur"]
    assert not ContactMoment.objects.exists()


@pytest.mark.postgresql_only
def test_staging_path_writes_what_the_row_by_row_path_writes(world, tmp_path):
    from frontlijn.api.exchange.files import export_csv

    path = write(tmp_path, HEADER + "".join(contact_row(n) for n in range(30)) + contact_row(3, onderwerp="Later"))
    exports = []
    for fast in (True, False):
        report = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=7, fast=fast)
        assert report.ok, report.errors
        out = tmp_path / f"out-{fast}.csv"
        with out.open("w", encoding="utf-8", newline="") as fh:
            export_csv(kind=get_kind("contactmomenten"), fh=fh)
        exports.append(out.read_text(encoding="utf-8"))
        assert ContactMoment.objects.get(id_extern="C3").subject == "Later"  # the later row wins
        assert Household.objects.get(id_extern="HH1").last_contact_at is not None
        ContactMoment.objects.all().delete()
    assert exports[0] == exports[1]


def test_rows_rejected_before_a_json_file_breaks_off_are_still_named(world, tmp_path):
    path = write(tmp_path, '[{"idExtern": "C1", "kanaal": "XXX"}, {"idExtern": "C2"', "c.json")
    report = import_file(kind=get_kind("contactmomenten"), path=path)
    assert not report.ok
    assert [line for line, _column, _reason in report.errors][:1] == [1]
    assert any("houdt onverwacht op" in reason for _line, _column, reason in report.errors)


OTHER_KINDS_BAD = {
    "eenheden": "idExtern;straatnaam;huisnummer;postcode;woonplaats;buurt;cluster\n"
    "E1;Kerkstraat;1;3511 AB;Utrecht;BU1;\n"
    "E2;Kerkstraat;0;3511 AB;Utrecht;ONBEKEND;\n"
    "E3;Kerkstraat;3;3511 AB;Utrecht;ONBEKEND;CPX-X\n",
    "huishoudens": "idExtern;naam;eenheid\nH1;Huishouden Jansen;EH1\nH2;;EH1\nH3;Huishouden Bakker;ONBEKEND\n",
    "zaken": "idExtern;zaaktype;status;omschrijving;registratiedatum;streefdatum;huishouden;eenheid\n"
    "Z1;klacht;AAN;Lawaai;2024-01-02;;HH1;\n"
    "Z2;klacht;REG;Lawaai;2024-01-02;;HH1;\n"
    "Z3;klacht;;Lawaai;2024-01-02;2023-01-01;;\n"
    "Z4;klacht;;Lawaai;2024-01-02;;ONBEKEND;\n",
    "huurovereenkomsten": "idExtern;huishouden;eenheid;begindatum;einddatum\n"
    "T1;HH1;EH1;2020-01-01;\nT2;HH1;EH1;2020-01-01;2019-01-01\nT3;ONBEKEND;EH1;2020-01-01;\n",
}


@pytest.mark.postgresql_only
@pytest.mark.parametrize("kind", sorted(OTHER_KINDS_BAD))
def test_every_kind_reports_the_same_on_the_staging_path(world, tmp_path, kind):
    path = write(tmp_path, OTHER_KINDS_BAD[kind])
    fast = import_file(kind=get_kind(kind), path=path, fast=True)
    slow = import_file(kind=get_kind(kind), path=path, fast=False)
    assert fast.errors == slow.errors and fast.errors
    assert 2 not in {line for line, _column, _reason in fast.errors}  # the first row is right


def test_the_command_says_and_audits_how_many_rows_were_left_unchanged(world, tmp_path, capsys):
    from django.core.management import call_command

    from frontlijn.privacy.models import AuditEvent

    UserFactory(username="beheer", role=Role.BEHEERDER)
    path = write(tmp_path, HEADER + "".join(contact_row(n) for n in range(5)))
    for _ in range(2):
        call_command("import", "contactmomenten", str(path), "--as", "beheer")
    assert "0 nieuw, 0 bijgewerkt, 5 ongewijzigd" in capsys.readouterr().out
    last = AuditEvent.objects.filter(object_type="cli.contactmomenten").order_by("pk").last()
    assert last.actor_username == "beheer"
    assert (last.detail["created"], last.detail["unchanged"]) == (0, 5)
