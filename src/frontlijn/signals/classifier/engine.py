"""The theme classifier itself: pure scikit-learn, no Django.

Word 1-2 grams plus character 2-5 grams (within word boundaries) cope with short, misspelled
Dutch ("schimel", "lekage", "reperatie"); a linear SVM per theme ranks them, and a
softmax over its scores (temperature fitted by cross-validation) gives a confidence.
The seed set (``seed_nl.csv``) trains it; the
held-out set (``holdout_nl.csv``) was written separately and is only ever used to evaluate.

Speed (see docs/BENCHMARKS.md, "Signals classifier"): ``TextFeatures`` computes the features of
``Analyzer`` without building every n-gram of every text again; large training sets fit the SVMs
by SGD and the softmax temperature on a sample (``ThemeModel``).
"""

from __future__ import annotations

import csv
import re
import time
import zipfile
from array import array
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer, strip_accents_unicode
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.svm import LinearSVC

HERE = Path(__file__).resolve().parent
SEED_PATH = HERE / "seed_nl.csv"
GENERATED_PATH = HERE / "seed_generated_nl.csv"
STYLES_PATH = HERE / "seed_styles_nl.csv"  # hand-written in the styles of the front (issue 19)
# More hand-written texts in the styles of the front, by another hand (issue 19, "generalise").
EXTRA_PATH = HERE / "seed_extra_nl.csv"
# A development set of the same styles, never trained on: decisions about features and data are
# made on it and on style groups of ``seed_styles_nl.csv`` left out (``dev_eval.py``).
DEV_PATH = HERE / "dev_nl.csv"
HOLDOUT_PATH = HERE / "holdout_nl.csv"


def load_texts(path: Path) -> tuple[list[str], list[str]]:
    """Read ``theme;text`` rows: (texts, theme codes)."""
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            if row.get("text") and row.get("theme"):
                texts.append(row["text"].strip())
                labels.append(row["theme"].strip())
    return texts, labels


def load_seed() -> tuple[list[str], list[str]]:
    """The shipped training set: hand-written texts (plain and in the styles of the front) plus
    the composed ones."""
    texts, labels = [], []
    for path in (SEED_PATH, STYLES_PATH, EXTRA_PATH, GENERATED_PATH):
        more_texts, more_labels = load_texts(path)
        texts += more_texts
        labels += more_labels
    return texts, labels


# Common abbreviations of front-line notes, written from domain knowledge (not from any evaluation
# set): each becomes the word it stands for, so that "bew." and "bewoner", "ivm" and "in verband
# met" share their features. Applied after lowercasing and accent folding, whole tokens only.
ABBREVIATIONS = {
    "bew": "bewoner",
    "bewo": "bewoner",
    "mvr": "mevrouw",
    "mevr": "mevrouw",
    "mw": "mevrouw",
    "dhr": "meneer",
    "slpk": "slaapkamer",
    "bdk": "badkamer",
    "ivm": "in verband met",
    "zsm": "zo snel mogelijk",
    "tel": "telefonisch",
    "nr": "nummer",
    "verd": "verdieping",
    "wng": "woning",
    "ong": "ongeveer",
    "vd": "van de",
    "ff": "even",
    "effe": "even",
    "snachts": "s nachts",
    "sochtends": "s ochtends",
    "savonds": "s avonds",
    "mbt": "met betrekking tot",
    "mnd": "maand",
    "port": "portiek",
    "evt": "eventueel",
    "ipv": "in plaats van",
    "aub": "alstublieft",
}
_ABBREVIATION = re.compile(r"(?<!\w)(?:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)")
_DOTTED = re.compile(r"\b([a-z])\.([a-z])\.(?:([a-z])\.)?")  # i.v.m. z.s.m. m.b.t.


def normalise(text: str, *, abbreviations: bool = True) -> str:
    """Lowercase, fold accents and (``abbreviations``) write out the common abbreviations."""
    text = strip_accents_unicode(text.lower())
    if not abbreviations:
        return text
    if "." in text:
        text = _DOTTED.sub(lambda m: "".join(g for g in m.groups() if g), text)
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(0)], text)


class Analyzer:
    """Word 1-2 grams and character 2-5 grams (within word boundaries) in one pass.

    The reference definition of the features, as scikit-learn computes them; ``TextFeatures``
    computes the same features faster. Models pickled before ``TextFeatures`` existed refer to
    this class, so it stays. ``abbreviations``: as ``TextFeatures`` (through scikit-learn's public
    ``preprocessor`` parameter).
    """

    def __init__(self, *, abbreviations: bool = False) -> None:
        plain = {"lowercase": True, "strip_accents": "unicode"}
        common = {"preprocessor": normalise} if abbreviations else plain
        self.words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), **common).build_analyzer()
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), **common).build_analyzer()

    def __call__(self, text: str) -> list[str]:
        return [f"w {w}" for w in self.words(text)] + self.chars(text)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def _char_ngrams(word: str) -> list[str]:
    """scikit-learn's ``char_wb`` 2-5 grams of one whitespace-separated word (padded with spaces)."""
    w = f" {word} "
    size = len(w)
    grams: list[str] = []
    for n in range(2, 6):
        if size <= n:  # a word shorter than n counts once, as a whole
            grams.append(w)
            break
        grams += [w[i : i + n] for i in range(size - n + 1)]
    return grams


class TextFeatures:
    """TF-IDF over exactly the features of ``Analyzer``, computed faster.

    ``TfidfVectorizer(analyzer=Analyzer())`` builds every character n-gram string of every text
    and looks each one up in Python. Character n-grams "within word boundaries" depend on one word
    only, so here each distinct word is analysed once and its feature ids are remembered (at most
    ``CACHE_WORDS`` words, then the memory starts over); only the word 1-2 grams are looked up per
    text. Counting, vocabulary order (alphabetical), ``min_df`` and ``max_features`` follow
    scikit-learn's ``CountVectorizer``; weighting is its ``TfidfTransformer(sublinear_tf=True)``.
    """

    CACHE_WORDS = 50_000

    def __init__(self, *, min_df: int = 1, max_features: int | None = None, abbreviations: bool = True) -> None:
        self.min_df = min_df
        self.max_features = max_features
        # Write out common abbreviations (``normalise``). Models saved before this existed lack the
        # attribute and are scored as they were trained (without).
        self.abbreviations = abbreviations
        self.vocabulary_: dict[str, int] = {}
        self.tfidf = TfidfTransformer(sublinear_tf=True)
        self._index()

    def _index(self) -> None:
        """Derived lookups (not pickled): word 1-grams by token, 2-grams by token pair, and the
        remembered feature ids of words seen by ``transform``."""
        self._words: dict[str, array] = {}
        self._unigrams: dict[str, int] = {}
        self._bigrams: dict[tuple[str, str], int] = {}
        for term, j in self.vocabulary_.items():
            if term.startswith("w ") and len(term) >= 4:  # not the character 2-gram "w "
                parts = term[2:].split(" ")
                if len(parts) == 1:
                    self._unigrams[parts[0]] = j
                else:
                    self._bigrams[(parts[0], parts[1])] = j

    def forget_words(self) -> None:
        """Empty the memory of analysed words (benchmarks: measure the analysis itself)."""
        self._words = {}

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_words", "_unigrams", "_bigrams")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._index()

    def _normalise(self, text: str) -> str:
        return normalise(text, abbreviations=getattr(self, "abbreviations", False))

    def _counts(self, texts: Sequence[str], *, vocabulary: defaultdict | None = None) -> sp.csr_matrix:
        """Feature counts per text. With ``vocabulary`` (fitting): unseen features get the next id."""
        grow = vocabulary is not None
        if vocabulary is not None:
            words: dict[str, array] = {}
            lookup = vocabulary.__getitem__
        else:
            words, lookup = self._words, self.vocabulary_.get
            unigram, bigram = self._unigrams.get, self._bigrams.get
        ids = array("i")
        indptr = array("q", [0])
        for text in texts:
            doc = self._normalise(text)
            for word in doc.split():
                known = words.get(word)
                if known is None:
                    known = array("i", [j for j in map(lookup, _char_ngrams(word)) if j is not None])
                    if not grow and len(words) >= self.CACHE_WORDS:
                        words.clear()
                    words[word] = known
                ids += known
            tokens = _TOKEN.findall(doc)
            pairs = pairwise(tokens)
            if grow:
                ids.extend(map(lookup, [f"w {t}" for t in tokens] + [f"w {a} {b}" for a, b in pairs]))
            else:
                ids.extend([j for j in map(unigram, tokens) if j is not None])
                ids.extend([j for j in map(bigram, pairs) if j is not None])
            indptr.append(len(ids))
        counts = sp.csr_matrix(
            (np.ones(len(ids), dtype=np.float32), np.array(ids, dtype=np.int32), np.array(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(vocabulary if vocabulary is not None else self.vocabulary_)),
        )
        counts.sum_duplicates()  # also sorts the ids within each row
        return counts

    def fit_transform(self, texts: Sequence[str]):
        vocabulary: defaultdict = defaultdict()
        vocabulary.default_factory = vocabulary.__len__
        counts = self._counts(texts, vocabulary=vocabulary)
        # Alphabetical order, as CountVectorizer.
        terms = sorted(vocabulary)
        order = np.fromiter((vocabulary[t] for t in terms), dtype=np.int64, count=len(terms))
        counts = counts[:, order]
        keep = np.ones(len(terms), dtype=bool)
        if self.min_df > 1:
            keep &= np.bincount(counts.indices, minlength=len(terms)) >= self.min_df
        if self.max_features is not None and keep.sum() > self.max_features:
            totals = np.asarray(counts.sum(axis=0)).ravel()
            best = (-totals[keep]).argsort()[: self.max_features]
            limited = np.zeros(len(terms), dtype=bool)
            limited[np.flatnonzero(keep)[best]] = True
            keep = limited
        kept = np.flatnonzero(keep)
        if not len(kept):
            raise ValueError("no features left: too few texts")
        counts = counts[:, kept]
        self.vocabulary_ = {terms[i]: n for n, i in enumerate(kept)}
        self._index()
        return self.tfidf.fit_transform(counts)

    def fit(self, texts: Sequence[str]) -> TextFeatures:
        self.fit_transform(texts)
        return self

    def transform_one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """One text's row of ``transform`` as (feature ids, values), without building a sparse
        matrix: a single suggestion while typing spends most of its time in that overhead."""
        words, lookup = self._words, self.vocabulary_.get
        ids = array("i")
        doc = self._normalise(text)
        for word in doc.split():
            known = words.get(word)
            if known is None:
                known = array("i", [j for j in map(lookup, _char_ngrams(word)) if j is not None])
                if len(words) >= self.CACHE_WORDS:
                    words.clear()
                words[word] = known
            ids += known
        tokens = _TOKEN.findall(doc)
        ids.extend([j for j in map(self._unigrams.get, tokens) if j is not None])
        ids.extend([j for j in map(self._bigrams.get, pairwise(tokens)) if j is not None])
        indices, counts = np.unique(np.frombuffer(ids, dtype=np.int32), return_counts=True)
        data = counts.astype(np.float32)
        np.log(data, data)  # the same steps, in the same precision, as ``transform``
        data += 1.0
        data *= self.tfidf.idf_[indices]
        if len(data):
            data /= np.sqrt(np.add.reduceat((data * data).astype(np.float64), [0])[0]) or 1.0
        return indices, data

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """What ``self.tfidf.transform`` computes (its own steps, in its order) without its input
        checks, which cost more than analysing a short text."""
        features = self._counts(texts)
        np.log(features.data, features.data)  # sublinear tf: 1 + log(count)
        features.data += 1.0
        features.data *= self.tfidf.idf_[features.indices]
        _normalize_rows_l2(features)
        return features


def _normalize_rows_l2(features: sp.csr_matrix) -> None:
    """Scale each row of a CSR matrix to unit length in place (empty rows stay zero): what
    ``sklearn.preprocessing.normalize`` does, with numpy only and without its input checks."""
    data = features.data
    if not len(data):
        return
    squares = (data * data).astype(np.float64)
    if features.shape[0] == 1:  # one suggestion while typing: the common case, kept cheap
        data /= np.sqrt(np.add.reduceat(squares, [0])[0]) or 1.0
        return
    lengths = np.diff(features.indptr)
    filled = lengths > 0
    # As scikit-learn's: squares in the data's precision, summed and divided in double precision.
    norms = np.sqrt(np.add.reduceat(squares, features.indptr[:-1][filled]))
    norms[norms == 0.0] = 1.0
    data[:] = data / np.repeat(norms, lengths[filled])


LARGE = 20_000  # more training texts than this: a "large" set (see ThemeModel)


def is_large(texts: Sequence[str]) -> bool:
    return len(texts) > LARGE


class ThemeModel:
    """TF-IDF features, a linear SVM per theme, and a softmax over its scores as a confidence.

    Up to ``LARGE`` training texts the SVMs are fitted exactly (liblinear, ``LinearSVC``, squared
    hinge loss). A larger set (staff corrections pile up) ignores features seen in one text only
    and fits the same kind of model, a hinge-loss linear SVM per theme with the same
    regularisation (alpha = 1 / (C n)), by averaged stochastic gradient descent in ``SGD_EPOCHS``
    passes: about five times faster on 100,000 texts at equal accuracy (measured on the
    hand-written seed texts left out of training, not on the hold-out set).

    The softmax temperature is fitted by 3-fold cross-validation (log-loss) on at most
    ``SCALE_SAMPLE`` training texts (a stratified sample); it does not change the ranking.
    """

    SCALE_SAMPLE = 12_000
    SGD_EPOCHS = 10

    def __init__(self, *, c: float = 0.5, large: bool | None = None, abbreviations: bool = True) -> None:
        self.c = c
        self.large = large  # None: decided by the size of the training set
        self.abbreviations = abbreviations  # passed to TextFeatures on fit
        self.vectorizer = TextFeatures()
        self.svm = self._classifier(0)
        self.scale = 5.0

    @property
    def classes_(self):
        return self.svm.classes_

    def new_vectorizer(self) -> TextFeatures:
        return TextFeatures(
            min_df=2 if self.large else 1,
            max_features=400_000 if self.large else None,
            abbreviations=getattr(self, "abbreviations", True),
        )

    def _classifier(self, n_rows: int):
        if not self.large:
            return LinearSVC(C=self.c, max_iter=2000)
        return SGDClassifier(
            loss="hinge",
            alpha=1.0 / (self.c * max(n_rows, 1)),
            max_iter=self.SGD_EPOCHS,
            tol=None,
            average=True,
            random_state=0,
        )

    def fit(self, texts: Sequence[str], labels: Sequence[str], sample_weight=None) -> ThemeModel:
        """``sample_weight``: one weight per text (staff corrections weigh more than seed texts);
        used by the SVMs, not by the softmax temperature (which does not change the ranking)."""
        if self.large is None:
            self.large = is_large(texts)
        started = time.perf_counter()
        self.vectorizer = self.new_vectorizer()
        features = self.vectorizer.fit_transform(texts)
        label_array = np.asarray(labels)
        vectorized = time.perf_counter()
        self.scale = self._fit_scale(features, label_array)
        scaled = time.perf_counter()
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        self.svm = self._classifier(len(label_array)).fit(features, label_array, sample_weight=weights)
        self.fit_seconds_ = {
            "vectorizer": round(vectorized - started, 2),
            "temperature": round(scaled - vectorized, 2),
            "svm": round(time.perf_counter() - scaled, 2),
        }
        return self

    def _fit_scale(self, features, labels) -> float:
        from sklearn.model_selection import StratifiedKFold, train_test_split

        counts = np.unique(labels, return_counts=True)[1]
        if len(counts) < 2 or counts.min() < 3:
            return self.scale
        if len(labels) > self.SCALE_SAMPLE:
            try:
                rows, _rest = train_test_split(
                    np.arange(len(labels)), train_size=self.SCALE_SAMPLE, stratify=labels, random_state=0
                )
            except ValueError:  # a theme too rare to stratify: a plain random sample
                rows = np.random.default_rng(0).choice(len(labels), self.SCALE_SAMPLE, replace=False)
            features, labels = features[np.sort(rows)], labels[np.sort(rows)]
            if np.unique(labels, return_counts=True)[1].min() < 3:
                return self.scale
        scores, truth = [], []
        for train_idx, test_idx in StratifiedKFold(3, shuffle=True, random_state=0).split(features, labels):
            svm = self._classifier(len(train_idx)).fit(features[train_idx], labels[train_idx])
            decision = svm.decision_function(features[test_idx])
            scores.append(decision)
            truth.append(np.searchsorted(svm.classes_, labels[test_idx]))
        decision, truth_ids = np.vstack(scores), np.concatenate(truth)
        best, best_loss = self.scale, np.inf
        for scale in (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20):
            proba = _softmax(decision * scale)
            loss = float(-np.mean(np.log(proba[np.arange(len(truth_ids)), truth_ids] + 1e-12)))
            if loss < best_loss:
                best, best_loss = float(scale), loss
        return best

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """One score per text and theme: what ``self.svm.decision_function`` computes, without
        its input checks (for a single suggestion those cost more than the rest together)."""
        if len(texts) == 1 and hasattr(self.vectorizer, "transform_one"):
            indices, data = self.vectorizer.transform_one(texts[0])
            scores = (data.astype(np.float64) @ self.svm.coef_.T[indices])[None, :] + self.svm.intercept_
        else:
            features = self.vectorizer.transform(texts)
            scores = np.asarray(features @ self.svm.coef_.T, dtype=np.float64) + self.svm.intercept_
        if scores.shape[1] == 1:  # two themes: one score for the second
            scores = np.hstack([-scores, scores])
        return scores

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return _softmax(self.decision_function(texts) * self.scale)


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def build_pipeline(*, c: float = 0.5, large: bool | None = None, abbreviations: bool = True) -> ThemeModel:
    return ThemeModel(c=c, large=large, abbreviations=abbreviations)


def train(texts: Sequence[str], labels: Sequence[str], *, sample_weight=None, **kwargs) -> ThemeModel:
    pipeline = build_pipeline(**kwargs)
    pipeline.fit(list(texts), list(labels), sample_weight=sample_weight)
    return pipeline


def rank(pipeline: ThemeModel, texts: Sequence[str], *, top: int | None = 3) -> list[list[tuple[str, float]]]:
    """For each text: [(theme code, probability), ...] best first (``top=None``: all themes)."""
    if not texts:
        return []
    proba = pipeline.predict_proba(list(texts))
    classes = [str(c) for c in pipeline.classes_]
    order = np.argsort(-proba, axis=1, kind="stable")
    if top:
        order = order[:, :top]
    scores = np.take_along_axis(proba, order, axis=1).tolist()
    return [
        [(classes[j], score) for j, score in zip(row, row_scores, strict=True)]
        for row, row_scores in zip(order.tolist(), scores, strict=True)
    ]


def evaluate(pipeline: ThemeModel, texts: Sequence[str], labels: Sequence[str]) -> dict:
    """Accuracy, top-3 accuracy and macro-F1 on labelled texts."""
    proba = pipeline.predict_proba(list(texts))
    classes = np.asarray(pipeline.classes_)
    order = np.argsort(-proba, axis=1)
    predicted = classes[order[:, 0]]
    truth = np.asarray(labels)
    top3 = np.any(classes[order[:, :3]] == truth[:, None], axis=1)
    return {
        "accuracy": round(float(accuracy_score(truth, predicted)), 4),
        "top3_accuracy": round(float(top3.mean()), 4),
        "macro_f1": round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
        "n": len(truth),
    }


# The model format: skops (no pickle). Loading trusts skops' own defaults (scikit-learn estimators,
# numpy arrays, builtins) plus exactly these types, so a model file or database blob cannot run
# code. ``tests/signals/test_classifier_engine.py`` checks that ``dumps`` writes nothing else.
TRUSTED_TYPES = [
    "frontlijn.signals.classifier.engine.TextFeatures",
    "frontlijn.signals.classifier.engine.ThemeModel",
]


def dumps(pipeline: ThemeModel) -> bytes:
    import skops.io as sio

    return sio.dumps(pipeline, compression=zipfile.ZIP_DEFLATED, compresslevel=6)


def loads(blob: bytes) -> ThemeModel:
    """A model written by ``dumps``. Anything else (an old pickle, a foreign type) is refused with
    an exception; the registry then falls back to the shipped model."""
    import skops.io as sio

    blob = bytes(blob)
    if not blob.startswith(b"PK"):
        raise ValueError("not a skops model file (old pickled models are not loaded)")
    model = sio.loads(blob, trusted=TRUSTED_TYPES)
    if not isinstance(model, ThemeModel):
        raise TypeError("not a theme model")
    return model
