"""``frontlijn signals classify|evaluate|retrain``: the theme classifier from the command line."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = "Signalen: thema's voorspellen (classify), het model evalueren (evaluate) of opnieuw trainen (retrain)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        classify = sub.add_parser("classify", help="One text per line on stdin, one JSON line per text on stdout.")
        classify.add_argument("--top", type=int, default=3, help="How many themes per text (0: all).")
        classify.add_argument("--batch", type=int, default=2000)
        sub.add_parser(
            "evaluate", help="Accuracy, top-3 accuracy and macro-F1 of the active model on the held-out set."
        )
        retrain = sub.add_parser("retrain", help="Train a new version on the seed set plus staff corrections.")
        retrain.add_argument("--background", action="store_true", help="Enqueue as a background task.")

    def handle(self, *args, **options):
        from frontlijn.signals.classifier import registry

        action = options["action"]
        if action == "classify":
            top = options["top"] or None
            stdin = options.get("stdin") or sys.stdin
            batch: list[str] = []

            def flush() -> None:
                for ranked in registry.classify(batch, top=top):
                    themes = [{"code": code, "score": round(score, 4)} for code, score in ranked]
                    self.stdout.write(json.dumps({"themes": themes}, ensure_ascii=False))
                batch.clear()

            for line in stdin:
                batch.append(line.rstrip("\n"))
                if len(batch) >= options["batch"]:
                    flush()
            if batch:
                flush()
        elif action == "evaluate":
            m = registry.evaluate_active()
            self.stdout.write(f"model version: {m['version']}")
            self.stdout.write(f"held-out texts: {m['n']}")
            self.stdout.write(f"accuracy: {m['accuracy']:.4f}")
            self.stdout.write(f"top-3 accuracy: {m['top3_accuracy']:.4f}")
            self.stdout.write(f"macro-F1: {m['macro_f1']:.4f}")
        elif action == "retrain":
            if options["background"]:
                from frontlijn.signals.tasks import retrain_classifier

                result = retrain_classifier.enqueue()
                self.stdout.write(f"enqueued: {result.id}")
                return
            model = registry.retrain()
            state = "active" if model.active else "NOT activated (below the gate)"
            self.stdout.write(f"version {model.version} {state}: {json.dumps(model.metrics)}")
