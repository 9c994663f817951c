"""``frontlijn restore FILE``: replace the database's contents with a backup."""

from django.core.management.base import BaseCommand, CommandError

from frontlijn.privacy.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database from a backup made with `frontlijn backup` (replaces all data)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes, **options):
        if not yes and options.get("interactive", True):
            answer = input("Alle huidige gegevens worden vervangen. Doorgaan? [ja/nee] ")
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Afgebroken.")
        try:
            restore(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Database teruggezet uit {file}"))
