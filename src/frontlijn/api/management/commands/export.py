"""``frontlijn export KIND FILE``: write a kind as CSV (the import's columns) or JSON (the API's shape)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from frontlijn.api.exchange.files import export_csv, export_json
from frontlijn.api.exchange.kinds import get_kind


class Command(BaseCommand):
    help = "Exporteer een soort naar CSV of JSON ('-' schrijft naar stdout). Zonder 'verder dan het proces'."

    def add_arguments(self, parser):
        parser.add_argument("kind")
        parser.add_argument("file")
        parser.add_argument("--format", choices=["csv", "json"], help="standaard: volgens de extensie")

    def handle(self, *args, kind: str, file: str, format: str | None, **options):
        try:
            spec = get_kind(kind)
        except KeyError as exc:
            raise CommandError(f"Onbekende soort {kind!r}.") from exc
        fmt = format or ("json" if file.endswith(".json") else "csv")
        write = export_json if fmt == "json" else export_csv
        if file == "-":
            count = write(kind=spec, fh=sys.stdout)
        else:
            with open(file, "w", encoding="utf-8", newline="") as fh:
                count = write(kind=spec, fh=fh)
        self.stderr.write(f"{spec.name}: {count} records geëxporteerd.")
