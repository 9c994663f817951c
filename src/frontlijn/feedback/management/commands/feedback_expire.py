"""``frontlijn feedback_expire``: forget who was invited once a link expired unused (run daily)."""

from django.core.management.base import BaseCommand

from frontlijn.feedback.services import feedback_invitations_expire


class Command(BaseCommand):
    help = "Wist de koppeling met huishouden en contact van verlopen, ongebruikte uitnodigingen."

    def handle(self, *args, **options):
        count = feedback_invitations_expire()
        self.stdout.write(f"{count} verlopen uitnodiging(en) losgekoppeld.")
