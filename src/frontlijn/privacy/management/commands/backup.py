"""``frontlijn backup [FILE] --as USERNAME``: the database (SQLite or PostgreSQL) and the photos in
one archive. It holds every resident, so it runs as a named superuser or privacy officer and each
run is audited (file name and counts, no personal data). The audit row is written just BEFORE the
database is dumped, so the archive holds the record of its own making (a restore keeps it)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontlijn.lib import clock
from frontlijn.privacy import cli
from frontlijn.privacy.backup import BackupError, _media_names, backup
from frontlijn.privacy.models import AuditAction


class Command(BaseCommand):
    help = "Back up the database and the photos to FILE (default: FRONTLIJN_BACKUP_DIR/frontlijn-<time>.tar)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="")
        cli.add_as_argument(parser)

    def handle(self, *args, file, as_user, **options):
        user = cli.whole_database_user(as_user)
        target = Path(file or settings.FRONTLIJN_BACKUP_DIR / f"frontlijn-{clock.now():%Y%m%d-%H%M%S}.tar")
        cli.audit_command(
            user=user,
            action=AuditAction.EXPORT,
            command="backup",
            kind="backup",
            detail={"file": target.name, "photos": len(_media_names())},
        )
        try:
            path = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup geschreven naar {path}"))
