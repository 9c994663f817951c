"""``frontlijn import KIND FILE --as USERNAME [--dry-run]``: load ERP data, all-or-nothing per file,
for a user who may write that kind (as through the API), audited (counts)."""

from __future__ import annotations

import csv
import sys

from django.core.management.base import BaseCommand, CommandError

from frontlijn.api.exchange.files import import_file
from frontlijn.api.exchange.kinds import KINDS, get_kind
from frontlijn.api.selectors import may_write
from frontlijn.lib.spreadsheet import safe_row
from frontlijn.privacy import cli
from frontlijn.privacy.models import AuditAction


class Command(BaseCommand):
    help = (
        "Importeer een CSV-, JSON- of JSON Lines-bestand (kolommen: docs/import.md). Alles of niets: "
        "bij één afgekeurde regel wordt niets bewaard en staat elke afgekeurde regel in het verslag."
    )

    def add_arguments(self, parser):
        names = sorted({n for k in KINDS.values() for n in (k.name, *k.aliases)})
        parser.add_argument("kind", help="soort: " + ", ".join(names))
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="alles controleren, niets bewaren")
        parser.add_argument("--format", choices=["csv", "json", "jsonl"], help="standaard: volgens de extensie")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--report", help="schrijf de afgekeurde regels ook naar dit CSV-bestand (regel;veld;reden)")
        cli.add_as_argument(parser)

    def handle(self, *args, kind: str, file: str, dry_run: bool, format: str | None, batch_size: int, **options):
        user = cli.command_user(options["as_user"])
        try:
            spec = get_kind(kind)
        except KeyError as exc:
            raise CommandError(f"Onbekende soort {kind!r}.") from exc
        if not may_write(kind=spec.name, user=user):
            raise CommandError(f"{user.get_username()} mag {spec.name} niet importeren (schrijven).")
        err = self.stderr
        report_file = open(options["report"], "w", encoding="utf-8", newline="") if options.get("report") else None  # noqa: SIM115
        report_writer = csv.writer(report_file, delimiter=";") if report_file else None
        if report_writer:
            report_writer.writerow(["regel", "veld", "reden"])

        def on_error(line: int, error) -> None:
            where = f"regel {line}" + (f", veld {error.field}" if error.field else "")
            err.write(f"{where}: {error.message}")
            if report_writer:
                report_writer.writerow(safe_row([line, error.field, error.message]))

        try:
            report = import_file(
                kind=spec, path=file, dry_run=dry_run, fmt=format, on_error=on_error, batch_size=batch_size
            )
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {file}") from exc
        finally:
            if report_file:
                report_file.close()
        if not report.ok:
            raise CommandError(
                f"{report.rejected} van {report.rows} regels afgekeurd: er is niets geïmporteerd. "
                "Verbeter de regels hierboven en importeer het bestand opnieuw."
            )
        if not dry_run:
            cli.audit_command(
                user=user,
                action=AuditAction.CREATE if report.created and not report.updated else AuditAction.CHANGE,
                command="import",
                kind=spec.name,
                detail={
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
        verb = "zou importeren (proefrun, niets bewaard)" if dry_run else "geïmporteerd"
        self.stdout.write(
            f"{spec.name}: {report.rows} regels {verb}: {report.created} nieuw, "
            f"{report.updated - report.unchanged} bijgewerkt, {report.unchanged} ongewijzigd."
        )
        sys.stdout.flush()
