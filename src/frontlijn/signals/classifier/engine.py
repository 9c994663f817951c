"""The theme classifier itself: pure scikit-learn, no Django.

Word 1-2 grams plus character 2-5 grams (within word boundaries) cope with short, misspelled
Dutch ("schimel", "lekage", "reperatie"); a linear SVM per theme ranks them, and a
softmax over its scores (temperature fitted by cross-validation) gives a confidence.
The seed set (``seed_nl.csv``) trains it; the
held-out set (``holdout_nl.csv``) was written separately and is only ever used to evaluate.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.svm import LinearSVC

HERE = Path(__file__).resolve().parent
SEED_PATH = HERE / "seed_nl.csv"
GENERATED_PATH = HERE / "seed_generated_nl.csv"
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
    """The shipped training set: hand-written texts plus the composed ones."""
    texts, labels = load_texts(SEED_PATH)
    more_texts, more_labels = load_texts(GENERATED_PATH)
    return texts + more_texts, labels + more_labels


class Analyzer:
    """Word 1-2 grams and character 2-5 grams (within word boundaries) in one pass.

    One vectorizer instead of a FeatureUnion of two keeps a single suggestion fast.
    """

    def __init__(self) -> None:
        common = {"lowercase": True, "strip_accents": "unicode"}
        self.words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), **common).build_analyzer()
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), **common).build_analyzer()

    def __call__(self, text: str) -> list[str]:
        return [f"w {w}" for w in self.words(text)] + self.chars(text)


class ThemeModel:
    """TF-IDF features, a linear SVM per theme, and a softmax over its scores as a confidence.

    The softmax temperature is fitted by cross-validation on the training set (log-loss).
    """

    def __init__(self, *, c: float = 0.5, large: bool = False) -> None:
        self.vectorizer = TfidfVectorizer(
            analyzer=Analyzer(),
            sublinear_tf=True,
            min_df=2 if large else 1,
            max_features=400_000 if large else None,
            dtype=np.float32,
        )
        self.svm = LinearSVC(C=c, max_iter=2000)
        self.scale = 5.0

    @property
    def classes_(self):
        return self.svm.classes_

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> ThemeModel:
        features = self.vectorizer.fit_transform(texts)
        labels = np.asarray(labels)
        self.scale = self._fit_scale(features, labels)
        self.svm.fit(features, labels)
        return self

    def _fit_scale(self, features, labels) -> float:
        from sklearn.model_selection import StratifiedKFold

        counts = np.unique(labels, return_counts=True)[1]
        if len(counts) < 2 or counts.min() < 3:
            return self.scale
        scores, truth = [], []
        for train_idx, test_idx in StratifiedKFold(3, shuffle=True, random_state=0).split(features, labels):
            svm = LinearSVC(C=self.svm.C, max_iter=2000).fit(features[train_idx], labels[train_idx])
            decision = svm.decision_function(features[test_idx])
            scores.append(decision)
            truth.append(np.searchsorted(svm.classes_, labels[test_idx]))
        decision, truth = np.vstack(scores), np.concatenate(truth)
        best, best_loss = self.scale, np.inf
        for scale in (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20):
            proba = _softmax(decision * scale)
            loss = -np.mean(np.log(proba[np.arange(len(truth)), truth] + 1e-12))
            if loss < best_loss:
                best, best_loss = float(scale), loss
        return best

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        decision = self.svm.decision_function(self.vectorizer.transform(texts))
        return _softmax(np.asarray(decision, dtype=np.float64) * self.scale)


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def build_pipeline(*, c: float = 0.5, large: bool = False) -> ThemeModel:
    return ThemeModel(c=c, large=large)


def train(texts: Sequence[str], labels: Sequence[str], **kwargs) -> ThemeModel:
    pipeline = build_pipeline(**kwargs)
    pipeline.fit(list(texts), list(labels))
    return pipeline


def rank(pipeline: ThemeModel, texts: Sequence[str], *, top: int | None = 3) -> list[list[tuple[str, float]]]:
    """For each text: [(theme code, probability), ...] best first (``top=None``: all themes)."""
    if not texts:
        return []
    proba = pipeline.predict_proba(list(texts))
    classes = pipeline.classes_
    order = np.argsort(-proba, axis=1)
    if top:
        order = order[:, :top]
    return [[(str(classes[j]), float(proba[i, j])) for j in row] for i, row in enumerate(order)]


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


def dumps(pipeline: ThemeModel) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    return buffer.getvalue()


def loads(blob: bytes) -> ThemeModel:
    return joblib.load(io.BytesIO(bytes(blob)))
