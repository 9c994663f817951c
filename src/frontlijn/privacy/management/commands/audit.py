"""``frontlijn audit verify``: check the audit chain. ``frontlijn audit head``: print the last hash
(record it outside the server, e.g. in the daily report, to detect removal of the newest rows)."""

from django.core.management.base import BaseCommand, CommandError

from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log (verify) or print its head (head)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "head"])
        parser.add_argument("--expect-head", default="", help="fail when the last hash differs from this one")

    def handle(self, *args, action, expect_head, **options):
        if action == "head":
            last = AuditEvent.objects.order_by("-id").first()
            self.stdout.write(f"{last.pk if last else 0} {last.hash if last else audit.GENESIS}")
            return
        result = audit.verify()
        if expect_head:
            last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            if not AuditEvent.objects.filter(hash=expect_head).exists():
                result.problems.append("de opgegeven kop van de keten ontbreekt: rijen zijn verwijderd")
                result.ok = False
            elif last != expect_head and not result.problems:
                pass  # newer rows were appended since; that is fine
        for problem in result.problems:
            self.stderr.write(problem)
        if not result.ok:
            raise CommandError(
                f"Auditlog NIET in orde: {len(result.problems)} probleem/problemen in {result.checked} rijen."
            )
        self.stdout.write(self.style.SUCCESS(f"Auditlog in orde: {result.checked} rijen, keten ongeschonden."))
