"""``frontlijn demo_code USER``: the current two-factor code of a demo account.

Only for the demo's fixed authenticator key; any other account is refused, so this cannot be used
to get past two-factor login of a real account.
"""

import pyotp
from django.core.management.base import BaseCommand, CommandError

from frontlijn.privacy.demo import DEMO_TOTP_SECRET
from frontlijn.privacy.models import TOTPDevice


class Command(BaseCommand):
    help = "Toont de huidige tweestapscode van een demo-account (alleen de demosleutel)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, secret=DEMO_TOTP_SECRET).first()
        if device is None:
            raise CommandError("Dit is geen demo-account met de demosleutel.")
        self.stdout.write(pyotp.TOTP(DEMO_TOTP_SECRET).now())
