"""``frontlijn pulse_invite``: invite front-line staff to this period's pulse survey (run at the
start of every period; running it twice invites nobody twice)."""

from django.core.management.base import BaseCommand

from frontlijn.appreciation.services import pulse_invite


class Command(BaseCommand):
    help = "Nodigt frontmedewerkers die nog niet antwoordden uit voor de pulsmeting van deze periode."

    def add_arguments(self, parser):
        parser.add_argument("--period", help="Periode als JJJJ-MM (standaard: de lopende periode).")

    def handle(self, *args, **options):
        count = pulse_invite(period=options.get("period"))
        self.stdout.write(f"{count} collega('s) uitgenodigd.")
