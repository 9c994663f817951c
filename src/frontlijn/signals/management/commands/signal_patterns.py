"""``frontlijn signal_patterns [--background]``: detect signal patterns now (docs/signals.md)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Signalen: patronen zoeken (clusters van één thema in één complex of buurt) en melden."

    def add_arguments(self, parser):
        parser.add_argument("--background", action="store_true", help="Enqueue as a background task.")

    def handle(self, *args, **options):
        if options["background"]:
            from frontlijn.signals.tasks import detect_patterns

            result = detect_patterns.enqueue()
            self.stdout.write(f"enqueued: {result.id}")
            return
        from frontlijn.signals.patterns import patterns_detect

        self.stdout.write(json.dumps(patterns_detect().as_dict()))
