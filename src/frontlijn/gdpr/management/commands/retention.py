"""``frontlijn retention --dry-run`` reports what the retention periods would blank;
``frontlijn retention`` blanks it (the scheduled task gdpr.tasks.retention_task does the same)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from frontlijn.core.idempotency import keys_expire
from frontlijn.gdpr.retention import retention_apply


class Command(BaseCommand):
    help = "Apply the retention periods per data kind (use --dry-run first)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report only; change nothing")

    def handle(self, *args, dry_run, **options):
        report = retention_apply(dry_run=dry_run)
        verb = _("zou wissen") if dry_run else _("gewist")
        for line in report:
            self.stdout.write(f"{line.rule.label} ({line.rule.description}): {line.count} {verb}")
        keys = keys_expire(dry_run=dry_run)
        days = settings.FRONTLIJN_IDEMPOTENCY_DAYS
        label = _("Verzendsleutels van formulieren (%(days)s dagen na ontvangst)") % {"days": days}
        self.stdout.write(f"{label}: {keys} {verb}")
        if dry_run:
            self.stdout.write(_("Proefrun: er is niets veranderd."))
