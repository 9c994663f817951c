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
- ``engine_api``: the engine on public API (issue 19) against the engine before, in the same run,
  interleaved: single suggestions over the 520 hand-written texts and ``rank`` in batches over
  the batch texts, with the row normalisation in numpy (now) and with scikit-learn's private
  ``sparsefuncs_fast.inplace_csr_row_normalize_l2`` (before); scikit-learn's public
  ``TfidfVectorizer`` over ``Analyzer`` (the public vectorizer the engine could use instead of
  ``TextFeatures``) as a third variant; "today" before issue 19 as a fourth: the model trained on
  the seed set of then (without the style texts), scored as the engine of then did (a sparse matrix
  per call, the private normaliser) — the single-suggestion target of issue 19; and loading the
  shipped model as skops (now, with the trusted-types check) vs. as a joblib pickle (before);
  ``before_generalise``: the model before the second step of issue 19 (without
  ``seed_extra_nl.csv``, abbreviations not written out), saved and loaded as skops like the
  shipped model, scored by the same path as "now".
  Ratios = variant median / now median.
- ``learning``: learning curves. An unseen set is split per theme (seeded splits) into a pool of
  "corrections" and a measured part; for N = 0, 25, 50, 100 the first N of the shuffled pool are
  added to the training set as staff corrections (with the correction weight) and the model is
  trained; figures: top-1/top-3 on the measured part (mean over the splits) and on the
  independent set (``external_eval``, aggregate only). ``holdout``: the hold-out set on the
  shipped seed set (5 splits, 2 measured per theme); ``new_style``: the hand-written style texts
  on a seed set without them (3 splits, 8 measured per theme).
- ``external``: the shipped model on ``../shared/signals-eval/`` (aggregate top-1/top-3 only).
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

from classifier.generate_seed import generate
from frontlijn.lib import clock
from frontlijn.signals.classifier import build, engine

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
    reference = TfidfVectorizer(analyzer=engine.Analyzer(abbreviations=True), sublinear_tf=True, dtype=np.float32)
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


def bench_engine_api(model: engine.ThemeModel, *, repeats: int = 5) -> dict:
    """Now (numpy normalisation, TextFeatures) vs. before (scikit-learn's private normaliser) vs.
    scikit-learn's public TfidfVectorizer over Analyzer; skops vs. joblib loading."""
    try:
        from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2 as private_normalize
    except ImportError:  # gone from scikit-learn: nothing to compare with
        private_normalize = None
    own_normalize = engine._normalize_rows_l2
    public_rank = _public_ranker(model)
    singles = engine.load_texts(engine.SEED_PATH)[0] + engine.load_texts(engine.HOLDOUT_PATH)[0]
    chunks = [batch_texts()[i : i + BATCH] for i in range(0, BATCH_TEXTS, BATCH)]
    variants = {"now": own_normalize}
    if private_normalize is not None:
        variants["before_private_normalize"] = private_normalize
    before_model, generalise_model = _models_of_before()
    before_normalize = private_normalize or own_normalize

    times: dict[str, dict[str, list[float]]] = {"single_ms": {}, "batch_s": {}}
    try:
        for fn in variants.values():  # warm-up
            _single_ms(model, singles, fn, own_normalize), _batch_s(model, chunks, fn)
        _single_ms_public(public_rank, singles), _batch_s_public(public_rank, chunks)
        for _ in range(repeats):  # interleaved: now, before, public, now, before, public, ...
            for name, fn in variants.items():
                gc.collect()
                times["single_ms"].setdefault(name, []).append(_single_ms(model, singles, fn, own_normalize))
                times["batch_s"].setdefault(name, []).append(_batch_s(model, chunks, fn))
            gc.collect()
            times["single_ms"].setdefault("public_tfidfvectorizer", []).append(_single_ms_public(public_rank, singles))
            times["batch_s"].setdefault("public_tfidfvectorizer", []).append(_batch_s_public(public_rank, chunks))
            gc.collect()
            times["single_ms"].setdefault("today_before_issue_19", []).append(
                _single_ms_before_seed(before_model, singles, before_normalize)
            )
            times["batch_s"].setdefault("today_before_issue_19", []).append(
                _batch_s_before_seed(before_model, chunks, before_normalize)
            )
            gc.collect()
            times["single_ms"].setdefault("before_generalise", []).append(
                _single_ms_before_generalise(generalise_model, singles)
            )
            times["batch_s"].setdefault("before_generalise", []).append(
                _batch_s_before_generalise(generalise_model, chunks)
            )
    finally:
        engine._normalize_rows_l2 = own_normalize
    out: dict = {
        "repeats": repeats,
        "single_texts": len(singles),
        "batch_texts": BATCH_TEXTS,
        "features": {
            "now": len(model.vectorizer.vocabulary_),
            "today_before_issue_19": len(before_model.vectorizer.vocabulary_),
            "before_generalise": len(generalise_model.vectorizer.vocabulary_),
        },
    }
    for kind, by_variant in times.items():
        now = statistics.median(by_variant["now"])
        out[kind] = {
            name: {"median": round(statistics.median(v), 4), "ratio_to_now": round(statistics.median(v) / now, 2)}
            for name, v in by_variant.items()
        }
    out.update(_load_times(model))
    return out


def _public_ranker(model: engine.ThemeModel):
    """``rank`` through scikit-learn's public TfidfVectorizer over Analyzer, with ``model``'s
    vocabulary, idf and SVM: the public vectorizer the engine could use instead of TextFeatures."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    reference = TfidfVectorizer(analyzer=engine.Analyzer(abbreviations=True), sublinear_tf=True, dtype=np.float32)
    reference.fit(engine.load_seed()[0])
    reference.vocabulary_ = model.vectorizer.vocabulary_
    reference.idf_ = model.vectorizer.tfidf.idf_

    def public_rank(texts):
        features = reference.transform(texts)
        scores = np.asarray(features @ model.svm.coef_.T, dtype=np.float64) + model.svm.intercept_
        return engine._softmax(scores * model.scale)

    return public_rank


def _models_of_before() -> tuple[engine.ThemeModel, engine.ThemeModel]:
    """The model of "today" before issue 19 and the model before "generalise" (its second step)."""
    # "Today" before issue 19: the model trained on the seed set of then (seed_nl.csv and the texts
    # of generate(), without the style texts), scored the way the engine of then did (always a
    # sparse matrix, scikit-learn's private row normaliser when it is there).
    before_texts, before_labels = engine.load_texts(engine.SEED_PATH)
    composed = generate()
    before_model = engine.train(before_texts + [t for _c, t in composed], before_labels + [c for c, _t in composed])

    # Before "generalise" (issue 19, second step): the model of then (without ``seed_extra_nl.csv``
    # and without writing out abbreviations), scored by the same engine path as now.
    extra = set(engine.load_texts(engine.EXTRA_PATH)[0])
    seed_texts, seed_labels = engine.load_seed()
    kept = [(t, lab) for t, lab in zip(seed_texts, seed_labels, strict=True) if t not in extra]
    # Through a skops file like the shipped model: a model loaded from skops scores a few per cent
    # slower than the same model fresh from training, so both sides of the ratio are loaded.
    generalise_model = engine.loads(
        engine.dumps(engine.train([t for t, _l in kept], [lab for _t, lab in kept], abbreviations=False))
    )
    return before_model, generalise_model


def _sparse_rank(m, texts):
    """Scoring as the engine did before issue 19: always through a sparse matrix."""
    features = m.vectorizer.transform(texts)
    scores = np.asarray(features @ m.svm.coef_.T, dtype=np.float64) + m.svm.intercept_
    proba = engine._softmax(scores * m.scale)
    order = np.argsort(-proba, axis=1, kind="stable")[:, :3]
    return np.take_along_axis(proba, order, axis=1).tolist()


def _single_ms(model, singles, normalize, own_normalize) -> float:
    """ms per single suggestion with row normaliser ``normalize`` (the sparse path of before for another one)."""
    engine._normalize_rows_l2 = normalize
    forget = model.vectorizer.forget_words
    t0 = time.perf_counter()
    for text in singles:
        forget()
        if normalize is own_normalize:
            engine.rank(model, [text], top=3)
        else:  # the code path of before: a sparse matrix per call
            _sparse_rank(model, [text])
    return (time.perf_counter() - t0) / len(singles) * 1000


def _batch_s(model, chunks, normalize) -> float:
    engine._normalize_rows_l2 = normalize
    model.vectorizer.forget_words()
    t0 = time.perf_counter()
    for chunk in chunks:
        engine.rank(model, chunk, top=3)
    return time.perf_counter() - t0


def _single_ms_public(public_rank, singles) -> float:
    t0 = time.perf_counter()
    for text in singles:
        public_rank([text])
    return (time.perf_counter() - t0) / len(singles) * 1000


def _batch_s_public(public_rank, chunks) -> float:
    t0 = time.perf_counter()
    for chunk in chunks:
        public_rank(chunk)
    return time.perf_counter() - t0


def _single_ms_before_generalise(generalise_model, singles) -> float:
    forget = generalise_model.vectorizer.forget_words
    t0 = time.perf_counter()
    for text in singles:
        forget()
        engine.rank(generalise_model, [text], top=3)
    return (time.perf_counter() - t0) / len(singles) * 1000


def _batch_s_before_generalise(generalise_model, chunks) -> float:
    generalise_model.vectorizer.forget_words()
    t0 = time.perf_counter()
    for chunk in chunks:
        engine.rank(generalise_model, chunk, top=3)
    return time.perf_counter() - t0


def _single_ms_before_seed(before_model, singles, normalize) -> float:
    def rank_today(texts):
        return _sparse_rank(before_model, texts)

    engine._normalize_rows_l2 = normalize
    forget = before_model.vectorizer.forget_words
    t0 = time.perf_counter()
    for text in singles:
        forget()
        rank_today([text])
    return (time.perf_counter() - t0) / len(singles) * 1000


def _batch_s_before_seed(before_model, chunks, normalize) -> float:
    def rank_today(texts):
        return _sparse_rank(before_model, texts)

    engine._normalize_rows_l2 = normalize
    before_model.vectorizer.forget_words()
    t0 = time.perf_counter()
    for chunk in chunks:
        rank_today(chunk)
    return time.perf_counter() - t0


def _load_times(model: engine.ThemeModel) -> dict:
    """Loading the model as skops (now) vs. as a joblib pickle (before): median seconds and bytes."""
    import io

    import joblib

    blob_skops = engine.dumps(model)
    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    blob_joblib = buffer.getvalue()
    loads: dict[str, list[float]] = {"skops": [], "joblib": []}
    for _ in range(3):
        t0 = time.perf_counter()
        engine.loads(blob_skops)
        t1 = time.perf_counter()
        joblib.load(io.BytesIO(blob_joblib))
        loads["skops"].append(t1 - t0)
        loads["joblib"].append(time.perf_counter() - t1)
    return {
        "load_s": {k: round(statistics.median(v), 3) for k, v in loads.items()},
        "file_bytes": {"skops": len(blob_skops), "joblib": len(blob_joblib)},
    }


LEARNING_POINTS = (0, 25, 50, 100)


def _curve(
    base: tuple[list[str], list[str]], unseen: list[tuple[str, str]], *, splits: int, measured_per_theme: int
) -> dict:
    """Add the first N of a shuffled pool of ``unseen`` texts to ``base`` as staff corrections
    (correction weight), train, measure top-1/top-3 on the rest of ``unseen`` and on the
    independent set (aggregate only). Mean over ``splits`` seeded per-theme splits."""
    from collections import defaultdict

    from django.conf import settings

    from classifier import external_eval

    weight = float(getattr(settings, "FRONTLIJN_SIGNAL_CORRECTION_WEIGHT", 3.0))
    base_texts, base_labels = base
    curve = {n: {"top1": [], "top3": [], "external_top1": [], "external_top3": []} for n in LEARNING_POINTS}
    by_theme = defaultdict(list)
    for text, label in unseen:
        by_theme[label].append((text, label))
    for split in range(splits):
        rng = random.Random(100 + split)
        pool, measured = [], []
        for label in sorted(by_theme):
            rows = by_theme[label][:]
            rng.shuffle(rows)
            measured += rows[:measured_per_theme]
            pool += rows[measured_per_theme:]
        rng.shuffle(pool)
        for n in LEARNING_POINTS:
            added = pool[:n]
            model = engine.train(
                base_texts + [t for t, _l in added],
                base_labels + [lab for _t, lab in added],
                sample_weight=[1.0] * len(base_texts) + [weight] * len(added),
            )
            figures = engine.evaluate(model, [t for t, _l in measured], [lab for _t, lab in measured])
            curve[n]["top1"].append(figures["accuracy"])
            curve[n]["top3"].append(figures["top3_accuracy"])
            external = external_eval.evaluate(model)
            if external:
                curve[n]["external_top1"].append(external["top1"])
                curve[n]["external_top3"].append(external["top3"])
    return {
        "splits": splits,
        "pool": len(unseen) - measured_per_theme * len(by_theme),
        "measured_per_split": measured_per_theme * len(by_theme),
        "correction_weight": weight,
        "curve": {
            str(n): {k: round(statistics.mean(v), 4) if v else None for k, v in values.items()}
            for n, values in curve.items()
        },
    }


def bench_learning(*, splits: int = 5) -> dict:
    """Two learning curves.

    ``holdout``: the shipped seed set as base; the hold-out set split per theme, 8 texts per theme
    as the pool of corrections, 2 measured. ``new_style``: a base without the hand-written style
    texts (``seed_styles_nl.csv``, a writing style the base has not seen); those 312 texts split
    per theme, 16 per theme as the pool, 8 measured.
    """
    holdout = list(zip(*engine.load_texts(engine.HOLDOUT_PATH), strict=True))
    styles = list(zip(*engine.load_texts(engine.STYLES_PATH), strict=True))
    style_texts = {t for t, _l in styles}
    seed_texts, seed_labels = engine.load_seed()
    without = [(t, lab) for t, lab in zip(seed_texts, seed_labels, strict=True) if t not in style_texts]
    return {
        "holdout": _curve((seed_texts, seed_labels), holdout, splits=splits, measured_per_theme=2),
        "new_style": _curve(
            ([t for t, _l in without], [lab for _t, lab in without]), styles, splits=3, measured_per_theme=8
        ),
    }


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


def markdown(result: dict) -> str:
    """The classifier's figures of one run as Markdown (``bench report`` includes it)."""
    lines = [f"#### Signals classifier (run {result.get('date', '?')}, size `{result.get('size')}`)", ""]
    hold, ext = result.get("shipped_holdout") or {}, result.get("external") or {}
    dev = result.get("shipped_dev") or {}
    lines.append(
        f"- Shipped model: hold-out top-1 {hold.get('accuracy')}, top-3 {hold.get('top3_accuracy')} "
        f"(n={hold.get('n')}); dev set top-1 {dev.get('accuracy')}, top-3 {dev.get('top3_accuracy')} "
        f"(n={dev.get('n')}); independent set `signals-eval` top-1 {ext.get('top1')}, top-3 {ext.get('top3')} "
        f"(n={ext.get('n')}; target ≥ 0.93 / ≥ 0.98)."
    )
    lines.append(
        f"- Load average before/after: {result.get('load_before')} / {result.get('load_after')}; "
        f"threads {result.get('threads')}."
    )
    api = result.get("engine_api") or {}
    if api:
        lines += ["", "| engine variant (same run) | single suggestion ms | ratio | batch of 10,000 s | ratio |"]
        lines.append("|---|---:|---:|---:|---:|")
        for name, single in api.get("single_ms", {}).items():
            batch = api.get("batch_s", {}).get(name, {})
            lines.append(
                f"| {name} | {single['median']} | {single['ratio_to_now']}× | {batch.get('median')} | "
                f"{batch.get('ratio_to_now')}× |"
            )
        lines.append(f"\nModel load: {api.get('load_s')} s; file bytes: {api.get('file_bytes')}.")
    for name, curve in (result.get("learning") or {}).items():
        lines += [
            "",
            f"Learning curve `{name}` ({curve['splits']} splits, pool {curve['pool']}, "
            f"{curve['measured_per_split']} measured per split, correction weight {curve['correction_weight']}):",
            "",
            "| corrections added | top-1 (rest) | top-3 (rest) | signals-eval top-1 | signals-eval top-3 |",
            "|---:|---:|---:|---:|---:|",
        ]
        for n, row in curve["curve"].items():
            lines.append(f"| {n} | {row['top1']} | {row['top3']} | {row['external_top1']} | {row['external_top3']} |")
    return "\n".join(lines)


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
        "date": clock.now().isoformat(timespec="seconds"),
        "load_before": _loadavg(),
        "cpus_allowed": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "threads": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
    }
    model = shipped_model()
    result["shipped_holdout"] = engine.evaluate(model, *engine.load_texts(engine.HOLDOUT_PATH))
    result["shipped_dev"] = engine.evaluate(model, *engine.load_texts(engine.DEV_PATH))
    result["suggestion"] = bench_suggestion(model)
    result["batch"] = bench_batch(model)
    result["engine_api"] = bench_engine_api(model)
    from classifier import external_eval

    result["external"] = external_eval.evaluate(model)
    result["learning"] = bench_learning()
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

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontlijn.settings")

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "small"), indent=2))
