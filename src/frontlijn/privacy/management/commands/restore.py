"""``frontlijn restore FILE --as USERNAME``: replace the database's contents with a backup.

Runs as a named superuser or privacy officer (checked in the database as it is now). The audit row
is written AFTER the restore, into the restored database: written before, it would be replaced
with everything else. It names the user as found in the restored database (by username), with the
file name and counts, never personal data.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from frontlijn.privacy import cli
from frontlijn.privacy.backup import MEDIA_PREFIX, BackupError, applied_migrations, restore
from frontlijn.privacy.models import AuditAction


class Command(BaseCommand):
    help = "Restore the database from a backup made with `frontlijn backup` (replaces all data)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        cli.add_as_argument(parser)

    def handle(self, *args, file, yes, as_user, **options):
        user = cli.whole_database_user(as_user)
        # Checked completely before anything is replaced (format, checksums, migrations).
        if not yes and options.get("interactive", True):
            answer = input("Alle huidige gegevens worden vervangen. Doorgaan? [ja/nee] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Afgebroken.")
        try:
            manifest = restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        # The user as the restored database knows them (another pk, or absent: then only the name).
        restored_user = get_user_model().objects.filter(username=user.get_username()).first()
        cli.audit_command(
            user=restored_user,
            action=AuditAction.CHANGE,
            command="restore",
            kind="restore",
            detail={
                "file": Path(file).name,
                "as_user": user.get_username(),
                "backup_created_at": manifest["created_at"],
                "photos": sum(1 for name in manifest["sha256"] if name.startswith(MEDIA_PREFIX)),
                "migrations": len(manifest["migrations"]),
            },
        )
        self.stdout.write(
            self.style.SUCCESS(f"Database en foto's teruggezet uit {file} (gemaakt {manifest['created_at']}).")
        )
        if set(manifest["migrations"]) != set(applied_migrations()):
            self.stdout.write("De backup is van een eerdere versie: voer nu `frontlijn migrate` uit.")
