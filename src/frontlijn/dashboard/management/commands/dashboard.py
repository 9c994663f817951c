"""``frontlijn dashboard refresh [--months N] [--all] [--background]``: rebuild the monthly roll-up."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from frontlijn.dashboard.services import DEFAULT_MONTHS


class Command(BaseCommand):
    help = "Dashboard: het maandoverzicht opnieuw opbouwen (refresh)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help="Rebuild the roll-up of recent months from the source rows.")
        refresh.add_argument(
            "--months",
            type=int,
            default=DEFAULT_MONTHS,
            help=f"How many closed months to rebuild besides the current one (default {DEFAULT_MONTHS}); "
            "months the dashboard can show that are missing or stale are always filled too.",
        )
        refresh.add_argument("--all", action="store_true", dest="everything", help="Every month with data.")
        refresh.add_argument("--background", action="store_true", help="Enqueue as a background task.")

    def handle(self, *args, **options):
        if options["months"] < 0:
            raise CommandError("--months must be 0 or more.")
        if options["background"]:
            from frontlijn.dashboard.tasks import refresh_rollup

            result = refresh_rollup.enqueue(months=options["months"], everything=options["everything"])
            self.stdout.write(f"enqueued: {result.id}")
            return
        from frontlijn.dashboard.services import rollup_refresh

        result = rollup_refresh(last=options["months"], everything=options["everything"])
        self.stdout.write(
            f"refreshed {len(result.months)} month(s) {result.months[0]:%Y-%m}..{result.months[-1]:%Y-%m}: "
            f"{result.rows} rows in {result.seconds:.1f} s (as of {result.refreshed_at:%Y-%m-%d %H:%M:%S %Z})"
        )
