"""Benchmarks of the theme classifier (not timed tests): ``run(size) -> dict``.

Meant for one core: ``OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1`` (``make bench``
sets the first two; the classifier uses no BLAS threads anyway) and preferably
``taskset -c 0``. Each figure is measured several times with its baseline in the same run;
warm-up passes are excluded; the result says how many repetitions, the median and the best one,
the CPU time next to the wall time (on a shared machine the wall time also counts waiting for
the CPU) and the load average before and after.

- ``suggestion``: one ``rank`` call on one text, what the signal form does while typing, over
  the 520 hand-written texts (seed and hold-out), 3 times (1,560 calls, 50 warm-up calls
  before). The word memory of the vectorizer is emptied before every call, so each call
  analyses all its words (the worst case); baseline: the bare vectorizer transform of the same
  text, also with empty memory.
- ``batch``: ``classify``-style ``rank`` in batches of 2,000 (the CLI default) over 10,000
  texts, 5 repetitions after one warm-up pass, word memory emptied before each. Texts: composed
  by ``generate_seed`` with another random seed than the training set, one in four joined with
  a second one (longer notes), shuffled so that themes are mixed; lengths and word counts are in
  the result. Baselines: the vectorizer alone, and scikit-learn's ``TfidfVectorizer`` with the
  same features (``Analyzer``), which the model used before. ``classify_no_word_memory``: the
  worst case, every word analysed again.
- ``retrain``: ``engine.train`` on N synthetic signals (100,000 for "large", 2 repetitions;
  5,000 for "small", 3), baseline the vectorizer fit alone; with the split of the training time
  (vectorizer, softmax temperature, SVMs) and the trained model's score on the hold-out set.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import time

import numpy as np

from frontlijn.signals.classifier import build, engine
from frontlijn.signals.classifier.generate_seed import generate

SIZES = {"small": 5_000, "large": 100_000}
BATCH = 2_000
BATCH_TEXTS = 10_000


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def _timed(fn, repeats: int) -> tuple[list[float], list[float]]:
    """(wall seconds, CPU seconds) of ``repeats`` calls of ``fn``, after one warm-up call."""
    fn()
    walls, cpus = [], []
    for _ in range(repeats):
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return walls, cpus


def _rate(n: int, seconds: list[float]) -> dict:
    """Texts per second: median and best (fastest) repetition."""
    return {"median": round(n / statistics.median(seconds)), "best": round(n / min(seconds))}


def _lengths(texts: list[str]) -> dict:
    lengths = np.array([len(t) for t in texts])
    words = np.array([len(t.split()) for t in texts])
    return {
        "chars_mean": round(float(lengths.mean()), 1),
        "chars_p5_p50_p95_max": [int(np.percentile(lengths, q)) for q in (5, 50, 95)] + [int(lengths.max())],
        "words_mean": round(float(words.mean()), 1),
    }


def batch_texts(n: int = BATCH_TEXTS) -> list[str]:
    rng = random.Random(11)
    composed = [text for _theme, text in generate(seed=11, per_theme=n // 13 + 2)]
    rng.shuffle(composed)
    texts = []
    for i in range(n):
        text = composed[i]
        if rng.random() < 0.25:  # a longer note: two observations
            text = f"{text}. {composed[-1 - i]}"
        texts.append(text)
    return texts


def shipped_model() -> engine.ThemeModel:
    try:
        return engine.loads(build.MODEL_PATH.read_bytes())
    except Exception:  # another scikit-learn version: the same model, trained here
        return engine.train(*engine.load_seed())


def bench_suggestion(model: engine.ThemeModel, *, repeats: int = 3) -> dict:
    texts = engine.load_texts(engine.SEED_PATH)[0] + engine.load_texts(engine.HOLDOUT_PATH)[0]
    forget = model.vectorizer.forget_words
    for text in texts[:50]:  # warm-up
        engine.rank(model, [text], top=3)
    single, cpu, base, warm = [], [], [], []
    for _ in range(repeats):
        for text in texts:
            forget()
            t0 = time.perf_counter()
            model.vectorizer.transform([text])
            t1 = time.perf_counter()
            forget()
            c2, t2 = time.process_time(), time.perf_counter()
            engine.rank(model, [text], top=3)
            t3, c3 = time.perf_counter(), time.process_time()
            engine.rank(model, [text], top=3)
            t4 = time.perf_counter()
            base.append((t1 - t0) * 1000)
            single.append((t3 - t2) * 1000)
            cpu.append((c3 - c2) * 1000)
            warm.append((t4 - t3) * 1000)
    return {
        "calls": len(single),
        "texts": _lengths(texts),
        "ms_p50": round(statistics.median(single), 3),
        "ms_p95": round(_p(single, 0.95), 3),
        "ms_max": round(max(single), 3),
        "cpu_ms_p95": round(_p(cpu, 0.95), 3),
        "ms_p95_words_remembered": round(_p(warm, 0.95), 3),
        "baseline_vectorize_ms_p95": round(_p(base, 0.95), 3),
    }


def bench_batch(model: engine.ThemeModel, *, repeats: int = 5) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = batch_texts()
    chunks = [texts[i : i + BATCH] for i in range(0, len(texts), BATCH)]
    reference = TfidfVectorizer(analyzer=engine.Analyzer(), sublinear_tf=True, dtype=np.float32)
    reference.fit(engine.load_seed()[0])

    def classify():
        model.vectorizer.forget_words()
        for chunk in chunks:
            engine.rank(model, chunk, top=3)

    def vectorize():
        model.vectorizer.forget_words()
        for chunk in chunks:
            model.vectorizer.transform(chunk)

    def vectorize_reference():
        for chunk in chunks:
            reference.transform(chunk)

    def classify_without_memory():
        model.vectorizer.CACHE_WORDS = 0  # remembers the last word only: every word analysed again
        try:
            classify()
        finally:
            del model.vectorizer.CACHE_WORDS

    words = [w for t in texts for w in t.lower().split()]
    out = {
        "texts": len(texts),
        "batch": BATCH,
        "repeats": repeats,
        **_lengths(texts),
        "words": len(words),
        "distinct_words": len(set(words)),
    }
    for name, fn in (
        ("classify", classify),
        ("vectorize", vectorize),
        ("reference_vectorize", vectorize_reference),
        ("classify_no_word_memory", classify_without_memory),
    ):
        walls, cpus = _timed(fn, repeats)
        out[f"{name}_texts_per_s"] = _rate(len(texts), walls)
        out[f"{name}_texts_per_cpu_s"] = _rate(len(texts), cpus)
    return out


def bench_retrain(n_train: int, *, repeats: int = 1) -> dict:
    synthetic = generate(seed=5, per_theme=n_train // 13 + 1)
    random.Random(3).shuffle(synthetic)
    synthetic = synthetic[:n_train]
    texts, labels = [t for _c, t in synthetic], [c for c, _t in synthetic]
    fits, trains, cpus, parts = [], [], [], []
    model = None
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        engine.build_pipeline(large=engine.is_large(texts)).new_vectorizer().fit_transform(texts)
        t1, c1 = time.perf_counter(), time.process_time()
        model = engine.train(texts, labels)
        t2, c2 = time.perf_counter(), time.process_time()
        fits.append(t1 - t0)
        trains.append(t2 - t1)
        cpus.append(c2 - c1)
        parts.append(model.fit_seconds_)
    return {
        "n": n_train,
        "repeats": repeats,
        "distinct_texts": len(set(texts)),
        "features": len(model.vectorizer.vocabulary_),
        "softmax_scale": model.scale,
        "s_median": round(statistics.median(trains), 2),
        "s_best": round(min(trains), 2),
        "cpu_s_median": round(statistics.median(cpus), 2),
        "baseline_vectorizer_fit_s": round(statistics.median(fits), 2),
        "parts_s": parts,
        "holdout": engine.evaluate(model, *engine.load_texts(engine.HOLDOUT_PATH)),
    }


def run(size: str = "small") -> dict:
    n_train = SIZES.get(size, SIZES["small"])
    result = {
        "size": size,
        # The headline figures first (the bench report quotes the start of this dict).
        "suggestion_ms_p95": None,
        "batch_texts_per_s": None,
        "batch_texts_per_cpu_s": None,
        "retrain_n": n_train,
        "retrain_s": None,
        "load_before": _loadavg(),
        "cpus_allowed": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "threads": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
    }
    model = shipped_model()
    result["shipped_holdout"] = engine.evaluate(model, *engine.load_texts(engine.HOLDOUT_PATH))
    result["suggestion"] = bench_suggestion(model)
    result["batch"] = bench_batch(model)
    result["retrain"] = bench_retrain(n_train, repeats=2 if n_train > 20_000 else 3)
    result["load_after"] = _loadavg()
    result["suggestion_ms_p95"] = result["suggestion"]["ms_p95"]
    result["batch_texts_per_s"] = result["batch"]["classify_texts_per_s"]["median"]
    result["batch_texts_per_cpu_s"] = result["batch"]["classify_texts_per_cpu_s"]["median"]
    result["retrain_s"] = result["retrain"]["s_median"]
    return result


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "small"), indent=2))
