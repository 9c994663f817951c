"""Aggregate figures on the independent evaluation set ``../shared/signals-eval/`` (issue 19).

That set was written by other people than the seed and hold-out sets. It is for evaluation only:
never train, tune, pick features or thresholds on it. This module therefore reports only the
aggregate top-1 and top-3 accuracy and never prints, logs or returns a text, a label or a
per-theme figure. The path comes from ``FRONTLIJN_SIGNALS_EVAL`` or defaults to
``<repository>/../shared/signals-eval/onafhankelijk.tsv``; when the file is absent the result
is None.

``python -m classifier.external_eval`` evaluates the shipped model.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np

from frontlijn.signals.classifier import engine

DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "signals-eval" / "onafhankelijk.tsv"


def path() -> Path:
    return Path(os.environ.get("FRONTLIJN_SIGNALS_EVAL") or DEFAULT)


def _load(where: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with where.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            texts.append(row["tekst"])
            labels.append(row["thema"])
    return texts, labels


def evaluate(model: engine.ThemeModel) -> dict | None:
    """{"n", "top1", "top3"} of ``model`` on the independent set, or None without the file."""
    where = path()
    if not where.exists():
        return None
    texts, labels = _load(where)
    proba = model.predict_proba(texts)
    classes = np.asarray(model.classes_)
    order = np.argsort(-proba, axis=1)
    truth = np.asarray(labels)
    return {
        "n": len(truth),
        "top1": round(float((classes[order[:, 0]] == truth).mean()), 4),
        "top3": round(float(np.any(classes[order[:, :3]] == truth[:, None], axis=1).mean()), 4),
    }


if __name__ == "__main__":
    import json

    from frontlijn.signals.classifier import build

    print(json.dumps(evaluate(engine.loads(build.MODEL_PATH.read_bytes()))))
