"""The classifier engine without Django: the fast features equal scikit-learn's, the large-set path."""

import pickle

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.svm import LinearSVC

from classifier.generate_seed import generate
from frontlijn.signals.classifier import engine

ODD_TEXTS = [
    "Één café — naïve  ÉÉN\tbewoner\n\nziet   schimmel",
    "a",
    "",
    "   ",
    "ü",
    "Bew. belt i.v.m. lekkage slpk, zsm!! Mvr/dhr nr 12 ivm; BEWUST bewoning",
    "s'avonds 's nachts: geluid!!! (nr. 12-14)",
    "x" * 300,
]


def _reference(**kwargs):
    return TfidfVectorizer(analyzer=engine.Analyzer(abbreviations=True), sublinear_tf=True, dtype=np.float32, **kwargs)


@pytest.mark.parametrize(
    "kwargs", [{}, {"min_df": 2}, {"min_df": 2, "max_features": 2_000}], ids=["all", "min_df", "max_features"]
)
def test_text_features_equal_scikit_learns_tfidf_over_the_analyzer(kwargs):
    train = engine.load_seed()[0] + ODD_TEXTS
    other = engine.load_texts(engine.HOLDOUT_PATH)[0] + ODD_TEXTS + [t for _c, t in generate(seed=99, per_theme=5)]
    reference, fast = _reference(**kwargs), engine.TextFeatures(**kwargs)

    expected, got = reference.fit_transform(train), fast.fit_transform(train)
    assert fast.vocabulary_ == reference.vocabulary_
    assert got.dtype == np.float32 and got.shape == expected.shape
    assert abs(got - expected).max() == 0

    expected = reference.transform(other)
    for _ in range(2):  # the second time from the remembered words
        assert abs(fast.transform(other) - expected).max() == 0
    copy = pickle.loads(pickle.dumps(fast))
    assert copy._words == {}  # the word memory is not pickled
    assert abs(copy.transform(other) - expected).max() == 0


def test_word_memory_is_bounded_and_starts_over(monkeypatch):
    fast = engine.TextFeatures()
    texts = engine.load_seed()[0]
    fast.fit(texts)
    expected = fast.transform(texts)
    monkeypatch.setattr(engine.TextFeatures, "CACHE_WORDS", 50)
    fast.forget_words()
    assert abs(fast.transform(texts) - expected).max() == 0
    assert len(fast._words) <= 50


def test_small_training_sets_use_liblinear_and_large_ones_sgd(monkeypatch):
    rows = generate(seed=3, per_theme=60)
    texts, labels = [t for _c, t in rows], [c for c, _t in rows]
    small = engine.train(texts, labels)
    assert isinstance(small.svm, LinearSVC) and small.vectorizer.min_df == 1

    monkeypatch.setattr(engine, "LARGE", 500)
    monkeypatch.setattr(engine.ThemeModel, "SCALE_SAMPLE", 390)  # the temperature from a sample
    large = engine.train(texts, labels)
    assert large.large and isinstance(large.svm, SGDClassifier)
    assert large.vectorizer.min_df == 2
    assert large.svm.alpha == pytest.approx(1 / (0.5 * len(texts)))
    assert large.scale in (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20)
    for model in (small, large):  # the lean decision function computes what scikit-learn's does
        features = model.vectorizer.transform(ODD_TEXTS + texts[:50])
        expected = model.svm.decision_function(features)
        # (the SGD model has float32 weights: here its intercept is added in float64)
        np.testing.assert_allclose(model.decision_function(ODD_TEXTS + texts[:50]), expected, rtol=1e-5, atol=1e-6)
    ranked = engine.rank(large, ["Zwarte schimmel in de badkamer", "De buren draaien elke nacht harde muziek"])
    assert [r[0][0] for r in ranked] == ["vocht-schimmel", "geluid"]
    metrics = engine.evaluate(large, *engine.load_texts(engine.HOLDOUT_PATH))
    assert metrics["top3_accuracy"] >= 0.8


def test_rank_orders_scores_and_returns_plain_python_values():
    model = engine.train(*engine.load_seed())
    ranked = engine.rank(model, ["lekkage bij het dak", "huurachterstand"], top=None)
    for themes in ranked:
        scores = [s for _c, s in themes]
        assert scores == sorted(scores, reverse=True)
        assert all(type(c) is str and type(s) is float for c, s in themes)
        assert abs(sum(scores) - 1) < 1e-6
    assert engine.rank(model, []) == []


class NotAModel:
    """A type skops does not trust: a model file holding it is refused."""

    def __init__(self) -> None:
        self.x = 1


@pytest.mark.parametrize("large", [False, True], ids=["liblinear", "sgd"])
def test_model_files_are_skops_with_only_the_listed_types(large):
    import skops.io as sio

    texts, labels = engine.load_seed()
    model = engine.train(texts[:600] + texts[-600:], labels[:600] + labels[-600:], large=large)
    blob = engine.dumps(model)
    assert blob.startswith(b"PK")
    assert set(sio.get_untrusted_types(data=blob)) <= set(engine.TRUSTED_TYPES)
    again = engine.loads(blob)
    sample = texts[:40]
    assert np.allclose(again.predict_proba(sample), model.predict_proba(sample))


def test_a_model_file_with_a_foreign_type_or_a_pickle_is_refused():
    import skops.io as sio

    with pytest.raises(sio.exceptions.UntrustedTypesFoundException):
        engine.loads(sio.dumps({"model": NotAModel()}))
    with pytest.raises(ValueError):
        engine.loads(pickle.dumps({"a": 1}))
    with pytest.raises(TypeError):
        engine.loads(sio.dumps({"a": 1}))


def test_sample_weights_change_what_the_model_learns():
    texts, labels = engine.load_seed()
    extra = ["blauwe spikkels op de zoldertrap"] * 3
    plain = engine.train(texts + extra, labels + ["woonwensen"] * 3)
    weighted = engine.train(texts + extra, labels + ["woonwensen"] * 3, sample_weight=[1.0] * len(texts) + [5.0] * 3)
    text = ["spikkels zoldertrap"]
    p_plain = dict(engine.rank(plain, text, top=None)[0])["woonwensen"]
    p_weighted = dict(engine.rank(weighted, text, top=None)[0])["woonwensen"]
    assert p_weighted > p_plain


def test_one_text_scores_as_in_a_batch():
    """The single-suggestion path (no sparse matrix) equals the batch path."""
    texts, labels = engine.load_seed()
    model = engine.train(texts, labels)
    other = engine.load_texts(engine.HOLDOUT_PATH)[0] + ODD_TEXTS
    batch = model.decision_function(other)
    for _ in range(2):  # the second time from the remembered words
        single = np.vstack([model.decision_function([t]) for t in other])
        assert np.allclose(single, batch, rtol=0, atol=1e-9)
    indices, data = model.vectorizer.transform_one(other[0])
    row = model.vectorizer.transform([other[0]])
    assert list(indices) == list(row.indices) and np.array_equal(data, row.data)


def test_common_abbreviations_are_written_out_as_whole_tokens_only():
    normalise = engine.normalise
    assert (
        normalise("Bew. belt i.v.m. lekkage SLPK, zsm")
        == "bewoner. belt in verband met lekkage slaapkamer, zo snel mogelijk"
    )
    assert normalise("Mvr meldt: dhr ff ziek") == "mevrouw meldt: meneer even ziek"
    # Words that merely start with or contain an abbreviation stay as they are.
    assert normalise("bewust bewoning portiek tellen effect") == "bewust bewoning portiek tellen effect"
    assert normalise("Café ivm", abbreviations=False) == "cafe ivm"


def test_abbreviated_and_written_out_notes_share_their_features():
    fast = engine.TextFeatures().fit(engine.load_seed()[0])
    short, long = fast.transform(["bew slpk ivm schimmel", "bewoner slaapkamer in verband met schimmel"])
    assert abs(short - long).max() == 0


def test_a_model_saved_before_abbreviations_existed_is_scored_as_it_was_trained():
    """Stored models (database versions) of before lack the attribute: no expansion for them."""
    fast = engine.TextFeatures(abbreviations=False).fit(engine.load_seed()[0])
    state = fast.__getstate__()
    del state["abbreviations"]
    old = engine.TextFeatures.__new__(engine.TextFeatures)
    old.__setstate__(state)
    assert old._normalise("bew ivm") == "bew ivm"
    assert abs(old.transform(["bew ivm lekkage"]) - fast.transform(["bew ivm lekkage"])).max() == 0


def test_dev_set_is_kept_apart_from_training_and_hold_out():
    dev = set(engine.load_texts(engine.DEV_PATH)[0])
    assert len(dev) >= 13 * 7
    assert not dev.intersection(engine.load_seed()[0])
    assert not dev.intersection(engine.load_texts(engine.HOLDOUT_PATH)[0])
