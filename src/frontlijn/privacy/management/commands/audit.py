"""``frontlijn audit verify | head | anchor | prune``: the audit chain's upkeep.

- ``verify``: check every row's HMAC and link, the approved checkpoints and the anchors.
- ``head``: print the newest row's id and hash.
- ``anchor``: append the head to ``FRONTLIJN_AUDIT_ANCHOR_FILE`` (and the log): run it daily and keep
  that file off the database server; ``verify`` then notices rows removed after an anchor.
- ``prune --before DATE --approved-by USERNAME``: retention of the audit log itself, approved by a
  privacy officer; leaves a checkpoint row in the chain.
"""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit chain, print or anchor its head, or prune it (approved retention)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "head", "anchor", "prune"])
        parser.add_argument("--expect-head", default="", help="fail when this hash is no longer in the chain")
        parser.add_argument("--anchors", default="", help="anchor file to check (default FRONTLIJN_AUDIT_ANCHOR_FILE)")
        parser.add_argument("--before", default="", help="prune: remove rows older than this date (YYYY-MM-DD)")
        parser.add_argument("--approved-by", default="", help="prune: the privacy officer who approved it")
        parser.add_argument("--yes", action="store_true", help="prune: do not ask for confirmation")

    def handle(self, *args, action, expect_head, anchors, before, approved_by, yes, **options):
        if action == "head":
            head_id, head_hash = audit.head()
            self.stdout.write(f"{head_id} {head_hash}")
            return
        if action == "anchor":
            anchor = audit.anchor_write()
            self.stdout.write(f"Anker geschreven: rij {anchor['id']} {anchor['hash']}")
            return
        if action == "prune":
            self._prune(before=before, approved_by=approved_by, yes=yes)
            return
        result = audit.verify(anchors=audit.read_anchors(Path(anchors)) if anchors else None)
        if expect_head and not AuditEvent.objects.filter(hash=expect_head).exists():
            result.problems.append("de opgegeven kop van de keten ontbreekt: rijen zijn verwijderd")
            result.ok = False
        for problem in result.problems:
            self.stderr.write(problem)
        if not result.ok:
            raise CommandError(
                f"Auditlog NIET in orde: {len(result.problems)} probleem/problemen in {result.checked} rijen."
            )
        self.stdout.write(self.style.SUCCESS(f"Auditlog in orde: {result.checked} rijen, keten ongeschonden."))

    def _prune(self, *, before: str, approved_by: str, yes: bool) -> None:
        try:
            day = dt.date.fromisoformat(before)
        except ValueError as exc:
            raise CommandError("Geef --before als datum JJJJ-MM-DD.") from exc
        officer = get_user_model().objects.filter(username=approved_by, is_active=True).first()
        if officer is None:
            raise CommandError(f"Onbekende gebruiker voor --approved-by: {approved_by!r}.")
        if not yes:
            raise CommandError("Opschonen verwijdert auditregels: bevestig met --yes.")
        from django.utils import timezone

        cutoff = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        try:
            checkpoint = audit.audit_prune(before=cutoff, approved_by=officer)
        except PermissionDenied as exc:
            raise CommandError(
                "Alleen een functionaris gegevensbescherming keurt het opschonen van het auditlog goed."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{checkpoint.detail.get('pruned', 0)} auditregels verwijderd; controlepunt {checkpoint.pk}."
            )
        )
