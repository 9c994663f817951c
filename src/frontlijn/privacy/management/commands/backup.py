"""``frontlijn backup [FILE]``: the database (SQLite or PostgreSQL) and the photos in one archive."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontlijn.lib import clock
from frontlijn.privacy.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the photos to FILE (default: FRONTLIJN_BACKUP_DIR/frontlijn-<time>.tar)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="")

    def handle(self, *args, file, **options):
        target = file or settings.FRONTLIJN_BACKUP_DIR / f"frontlijn-{clock.now():%Y%m%d-%H%M%S}.tar"
        try:
            path = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup geschreven naar {path}"))
