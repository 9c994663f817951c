"""The development set of issue 19 ("generalise to other writers"): decisions are made here.

``../shared/signals-eval/`` is for evaluation only, so changes to features and seed data are
decided on two measures of writers and styles the model has not seen, both built from what the
project ships:

- ``lsgo`` (leave style group out): the hand-written ``seed_styles_nl.csv`` split into three
  style groups — short notes (at most 4 words), KCC/telephone dictation, the rest (typos,
  abbreviations, dialect, code-switching, longer notes). For each group a model is trained on
  everything except that group and scored on it: how well a style nobody in the training set
  wrote in is recognised. 377 texts.
- ``dev``: ``dev_nl.csv``, 91 texts in the styles of the front written for this purpose by
  another hand than ``seed_styles_nl.csv``, never trained on; the shipped training set is scored
  on it.

``python -m classifier.dev_eval`` prints both (and the hold-out) as JSON.
"""

from __future__ import annotations

import json
import re

from frontlijn.signals.classifier import engine

GROUPS = ("short", "kcc", "other")


def style_group(text: str) -> str:
    if len(text.split()) <= 4:
        return "short"
    if re.search(r"\bkcc\b|\bbelt\b|belde|telefonisch", text.lower()):
        return "kcc"
    return "other"


def _score(model: engine.ThemeModel, texts: list[str], labels: list[str]) -> tuple[float, float]:
    metrics = engine.evaluate(model, texts, labels)
    return metrics["accuracy"], metrics["top3_accuracy"]


def run(**train_kwargs) -> dict:
    styles = engine.load_texts(engine.STYLES_PATH)
    rest_texts, rest_labels = [], []
    for path in (engine.SEED_PATH, engine.EXTRA_PATH, engine.GENERATED_PATH):
        texts, labels = engine.load_texts(path)
        rest_texts += texts
        rest_labels += labels
    groups = [style_group(t) for t in styles[0]]
    per_group, hits1, hits3 = {}, 0.0, 0.0
    for group in GROUPS:
        keep = [i for i, g in enumerate(groups) if g != group]
        out = [i for i, g in enumerate(groups) if g == group]
        model = engine.train(
            rest_texts + [styles[0][i] for i in keep], rest_labels + [styles[1][i] for i in keep], **train_kwargs
        )
        top1, top3 = _score(model, [styles[0][i] for i in out], [styles[1][i] for i in out])
        per_group[group] = {"n": len(out), "top1": top1, "top3": top3}
        hits1 += top1 * len(out)
        hits3 += top3 * len(out)
    n = len(groups)
    shipped = engine.train(*engine.load_seed(), **train_kwargs)
    dev1, dev3 = _score(shipped, *engine.load_texts(engine.DEV_PATH))
    hold1, hold3 = _score(shipped, *engine.load_texts(engine.HOLDOUT_PATH))
    return {
        "lsgo": {"n": n, "top1": round(hits1 / n, 4), "top3": round(hits3 / n, 4), "groups": per_group},
        "dev": {"n": len(engine.load_texts(engine.DEV_PATH)[0]), "top1": dev1, "top3": dev3},
        "holdout": {"top1": hold1, "top3": hold3},
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
