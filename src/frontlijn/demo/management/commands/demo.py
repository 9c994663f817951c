"""``frontlijn demo``: load the demo association (idempotent) and print the demo accounts."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from frontlijn.demo.loader import SIZES, demo_load
from frontlijn.privacy.demo import DEMO_TOTP_SECRET
from frontlijn.register.models import Wijk
from frontlijn.teams.models import User


class Command(BaseCommand):
    help = "Laadt de demo-corporatie Lindeveen Wonen (idempotent) en toont de demo-accounts."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="demo")
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--reset", action="store_true", help="Wis de database eerst (flush).")

    def handle(self, *args, size, seed, reset, **options):
        if reset:
            call_command("flush", interactive=False, verbosity=0)
        if Wijk.objects.exists():
            self.stdout.write("De demo-corporatie staat er al (gebruik --reset om opnieuw te beginnen).")
        else:
            started = time.monotonic()
            self.stdout.write(f"Demo-corporatie laden ({size})…")
            try:
                # Demo staff have e-mail addresses: keep the inbox mails of the demo history in memory.
                with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                    demo_load(size=size, seed=seed, stdout=self.stdout)
            except Exception as exc:
                raise CommandError(f"Laden mislukt: {exc}") from exc
            self.stdout.write(self.style.SUCCESS(f"Klaar in {time.monotonic() - started:.1f} s."))
        from frontlijn.dashboard.services import rollup_refresh

        rollup_refresh()  # the dashboard's monthly roll-up holds every month the dashboard can show
        self.print_accounts()

    def print_accounts(self):
        self.stdout.write("")
        self.stdout.write("Demo-accounts (wachtwoord: frontlijn-demo):")
        usernames = [
            "wijkbeheerder",
            "huismeester",
            "woonconsulent",
            "opzichter",
            "vakman",
            "verhuurmedewerker",
            "baliemedewerker",
            "kcc",
            "teamleider",
            "planeigenaar",
            "manager",
            "beheerder",
            "admin",
            "fg",
        ]
        for user in User.objects.filter(username__in=usernames).order_by("id"):
            if user.username == "fg":
                label = "Functionaris gegevensbescherming"
            else:
                label = "superuser" if user.is_superuser else user.get_role_display()
            self.stdout.write(f"  {user.username:<18} {label}")
        self.stdout.write("")
        self.stdout.write(
            "beheerder, admin en fg loggen in met een tweestapscode (authenticator-sleutel "
            f"{DEMO_TOTP_SECRET}); de huidige code: frontlijn demo_code beheerder"
        )
