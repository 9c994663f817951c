"""``frontlijn restore FILE``: replace the database's contents with a backup."""

from django.core.management.base import BaseCommand, CommandError

from frontlijn.privacy.backup import BackupError, applied_migrations, restore


class Command(BaseCommand):
    help = "Restore the database from a backup made with `frontlijn backup` (replaces all data)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        # Checked completely before anything is replaced (format, checksums, migrations).
        if not yes and options.get("interactive", True):
            answer = input("Alle huidige gegevens worden vervangen. Doorgaan? [ja/nee] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Afgebroken.")
        try:
            manifest = restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Database en foto's teruggezet uit {file} (gemaakt {manifest['created_at']}).")
        )
        if set(manifest["migrations"]) != set(applied_migrations()):
            self.stdout.write("De backup is van een eerdere versie: voer nu `frontlijn migrate` uit.")
