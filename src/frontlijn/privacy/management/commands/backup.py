"""``frontlijn backup [FILE]``: a consistent copy of the database (SQLite or PostgreSQL)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from frontlijn.lib import clock
from frontlijn.privacy.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to FILE (default: FRONTLIJN_BACKUP_DIR/frontlijn-<time>.<ext>)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="")

    def handle(self, *args, file, **options):
        ext = "sqlite3" if connection.vendor == "sqlite" else "dump"
        target = file or settings.FRONTLIJN_BACKUP_DIR / f"frontlijn-{clock.now():%Y%m%d-%H%M%S}.{ext}"
        try:
            path = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup geschreven naar {path}"))
