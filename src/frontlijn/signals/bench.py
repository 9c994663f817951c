"""Benchmarks of the theme classifier (not timed tests): ``run(size) -> dict``.

- suggestion latency: p50/p95 of one ``predict_proba`` on one text (what the form does while
  typing), with the bare vectorizer transform of the same text as the baseline;
- batch throughput: texts per second for ``classify`` in batches of 2,000, baseline the bare
  vectorizer transform;
- retraining: seconds to train on N synthetic signals (N = 100,000 for "large", 5,000 for
  "small"), baseline the vectorizer fit alone.

Single core: run with OMP_NUM_THREADS=1 / OPENBLAS_NUM_THREADS=1 (``make bench`` does).
"""

from __future__ import annotations

import random
import statistics
import time

from frontlijn.signals.classifier import engine
from frontlijn.signals.classifier.generate_seed import generate

SIZES = {"small": 5_000, "large": 100_000}


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run(size: str = "small") -> dict:
    n_train = SIZES.get(size, SIZES["small"])
    texts, labels = engine.load_seed()
    model = engine.train(texts, labels)
    holdout = engine.load_texts(engine.HOLDOUT_PATH)[0]
    samples = (holdout * 4)[:500]

    single, single_base = [], []
    for text in samples:
        t0 = time.perf_counter()
        model.vectorizer.transform([text])
        t1 = time.perf_counter()
        engine.rank(model, [text], top=3)
        t2 = time.perf_counter()
        single_base.append((t1 - t0) * 1000)
        single.append((t2 - t1) * 1000)

    batch_texts = [text for _theme, text in generate(seed=11, per_theme=800)][:10_000]
    t0 = time.perf_counter()
    for i in range(0, len(batch_texts), 2000):
        model.vectorizer.transform(batch_texts[i : i + 2000])
    t1 = time.perf_counter()
    for i in range(0, len(batch_texts), 2000):
        engine.rank(model, batch_texts[i : i + 2000], top=3)
    t2 = time.perf_counter()

    rng = random.Random(3)
    synthetic = generate(seed=5, per_theme=n_train // 13 + 1)
    rng.shuffle(synthetic)
    synthetic = synthetic[:n_train]
    syn_texts, syn_labels = [t for _c, t in synthetic], [c for c, _t in synthetic]
    large = n_train > 20_000
    t0 = time.perf_counter()
    engine.build_pipeline(large=large).vectorizer.fit_transform(syn_texts)
    t1 = time.perf_counter()
    engine.train(syn_texts, syn_labels, large=large)
    t2 = time.perf_counter()
    retrain_base, retrain = t1 - t0, t2 - t1

    return {
        "size": size,
        "suggestion_ms_p50": round(statistics.median(single), 3),
        "suggestion_ms_p95": round(_p(single, 0.95), 3),
        "suggestion_baseline_vectorize_ms_p95": round(_p(single_base, 0.95), 3),
        "batch_texts_per_s": round(len(batch_texts) / (t2 - t1)),
        "batch_baseline_vectorize_texts_per_s": round(len(batch_texts) / (t1 - t0)),
        "retrain_n": n_train,
        "retrain_s": round(retrain, 2),
        "retrain_baseline_vectorizer_fit_s": round(retrain_base, 2),
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "small"), indent=2))
