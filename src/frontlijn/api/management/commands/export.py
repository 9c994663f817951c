"""``frontlijn export KIND FILE --as USERNAME``: write a kind as CSV (the import's columns) or JSON
(the API's shape): what that user may see (the privacy scope), only for a user who may export
personal data, and audited (count and ids)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from frontlijn.api.exchange.files import export_csv, export_json
from frontlijn.api.exchange.kinds import get_kind
from frontlijn.api.selectors import export_queryset_for
from frontlijn.privacy import cli
from frontlijn.privacy.capabilities import NOT_PERSONAL_API_KINDS
from frontlijn.privacy.models import AuditAction


class Command(BaseCommand):
    help = "Exporteer een soort naar CSV of JSON ('-' schrijft naar stdout). Zonder 'verder dan het proces'."

    def add_arguments(self, parser):
        parser.add_argument("kind")
        parser.add_argument("file")
        parser.add_argument("--format", choices=["csv", "json"], help="standaard: volgens de extensie")
        cli.add_as_argument(parser)

    def handle(self, *args, kind: str, file: str, format: str | None, as_user: str, **options):
        user = cli.command_user(as_user)
        try:
            spec = get_kind(kind)
        except KeyError as exc:
            raise CommandError(f"Onbekende soort {kind!r}.") from exc
        if spec.name not in NOT_PERSONAL_API_KINDS and not cli.may_export_personal_data(user):
            raise CommandError(
                f"{user.get_username()} mag geen persoonsgegevens exporteren (alleen functioneel beheer "
                "en de functionaris gegevensbescherming)."
            )
        queryset = export_queryset_for(kind=spec.name, user=user)
        fmt = format or ("json" if file.endswith(".json") else "csv")
        if fmt == "json":
            write = lambda fh: export_json(kind=spec, fh=fh, user=user, queryset=queryset)  # noqa: E731
        else:
            write = lambda fh: export_csv(kind=spec, fh=fh, queryset=queryset)  # noqa: E731
        if file == "-":
            count = write(sys.stdout)
        else:
            with open(file, "w", encoding="utf-8", newline="") as fh:
                count = write(fh)
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        cli.audit_command(
            user=user, action=AuditAction.EXPORT, command="export", kind=spec.name, detail=cli.ids_detail(ids)
        )
        self.stderr.write(f"{spec.name}: {count} records geëxporteerd namens {user.get_username()}.")
