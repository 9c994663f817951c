import io
import json

import pytest
from django.core.management import call_command
from sklearn.svm import LinearSVC

from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.signals.classifier import engine, registry
from frontlijn.signals.models import ClassifierModel, StaffCorrection
from frontlijn.signals.themes import DEFAULT_CODES

pytestmark = pytest.mark.django_db


def test_classify_command_writes_one_json_line_per_text():
    out = io.StringIO()
    stdin = io.StringIO("Zwarte schimmel in de badkamer\nDe buren draaien elke nacht harde muziek\n\n")
    call_command("signals", "classify", stdin=stdin, stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    first, second, empty = (json.loads(line) for line in lines)
    assert first["themes"][0]["code"] == "vocht-schimmel"
    assert second["themes"][0]["code"] == "geluid"
    assert empty == {"themes": []}
    scores = [t["score"] for t in first["themes"]]
    assert scores == sorted(scores, reverse=True)
    assert all(t["code"] in DEFAULT_CODES and 0 <= t["score"] <= 1 for t in first["themes"])
    assert set(first["themes"][0]) == {"code", "score"}


def test_classify_all_themes_with_top_zero():
    out = io.StringIO()
    call_command("signals", "classify", "--top", "0", stdin=io.StringIO("huurachterstand\n"), stdout=out)
    themes = json.loads(out.getvalue())["themes"]
    assert sorted(t["code"] for t in themes) == sorted(DEFAULT_CODES)
    assert abs(sum(t["score"] for t in themes) - 1) < 0.01


def test_evaluate_command_reports_the_three_figures():
    out = io.StringIO()
    call_command("signals", "evaluate", stdout=out)
    text = out.getvalue()
    figures = dict(line.split(": ") for line in text.splitlines())
    assert float(figures["accuracy"]) >= 0.85
    assert float(figures["top-3 accuracy"]) >= 0.95
    assert 0 < float(figures["macro-F1"]) <= 1


def test_holdout_is_not_in_the_training_set():
    seed = set(engine.load_seed()[0])
    holdout = engine.load_texts(engine.HOLDOUT_PATH)[0]
    assert not seed.intersection(holdout)


def test_retrain_learns_from_corrections_and_gets_a_version():
    text = "Blauwe spikkels zoldertrap kwetsbaar"
    StaffCorrection.objects.bulk_create(
        [StaffCorrection(text=f"{text} {i}", suggested_code="onderhoud", chosen_code="woonwensen") for i in range(30)]
    )
    model = registry.retrain()
    assert model.version == 2 and model.active
    assert model.n_corrections == 30
    assert model.metrics["accuracy"] >= 0.85
    assert registry.active_version() == 2
    assert registry.suggest(text)[0][0][0] == "woonwensen"
    assert ClassifierModel.objects.filter(active=True).count() == 1
    # A system job: audited without a user, with counts and never the corrections' text.
    event = AuditEvent.objects.get(object_type="signals.classifiermodel")
    assert (event.actor_id, event.action, event.object_id) == (None, AuditAction.CREATE, str(model.pk))
    assert event.detail["n_corrections"] == 30 and event.detail["version"] == 2
    assert "spikkels" not in json.dumps(event.content())


def _store(version: int, blob: bytes) -> ClassifierModel:
    return ClassifierModel.objects.create(
        version=version, active=True, metrics={}, n_train=1, n_corrections=0, blob=blob
    )


@pytest.mark.parametrize(
    "blob",
    [b"not a model at all", engine.dumps({"vectorizer": None})],
    ids=["garbage", "other object"],
)
def test_a_stored_model_that_cannot_be_used_falls_back_to_the_shipped_one(fresh_registry, caplog, blob):
    _store(2, blob)
    text = "Zwarte schimmel in de badkamer van mevrouw Jansen"
    with caplog.at_level("WARNING", logger="frontlijn.signals.classifier.registry"):
        suggestions, version = registry.suggest(text)
        registry.suggest(text)  # the second time from the cache, without another warning
    assert version == registry.SHIPPED_VERSION
    assert suggestions[0][0] == "vocht-schimmel"
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1
    assert "version 2" in warnings[0].getMessage()
    assert "Jansen" not in caplog.text and "schimmel" not in caplog.text

    out = io.StringIO()
    call_command("signals", "classify", stdin=io.StringIO(text + "\n"), stdout=out)
    assert json.loads(out.getvalue())["themes"][0]["code"] == "vocht-schimmel"
    out = io.StringIO()
    call_command("signals", "evaluate", stdout=out)
    assert "model version: 1" in out.getvalue()


def test_a_model_pickled_by_earlier_code_is_refused_and_the_shipped_one_suggests(fresh_registry, caplog):
    """Earlier versions stored joblib pickles, which can run code when loaded: they are never loaded
    now (skops only); the shipped model suggests until the next retrain."""
    import joblib

    texts, labels = engine.load_seed()
    old = engine.ThemeModel.__new__(engine.ThemeModel)
    old.vectorizer = engine.TextFeatures()
    old.svm = LinearSVC(C=0.5, max_iter=2000).fit(old.vectorizer.fit_transform(texts), labels)
    old.scale = 10.0
    buffer = io.BytesIO()
    joblib.dump(old, buffer)
    _store(2, buffer.getvalue())
    with caplog.at_level("WARNING", logger="frontlijn.signals.classifier.registry"):
        suggestions, version = registry.suggest("De buren draaien elke nacht harde muziek")
    assert version == registry.SHIPPED_VERSION
    assert suggestions[0][0] == "geluid"
    assert "version 2" in caplog.text


def test_shipped_model_is_the_current_format_and_matches_its_metadata():
    shipped = engine.loads(registry.build.MODEL_PATH.read_bytes())
    assert isinstance(shipped.vectorizer, engine.TextFeatures)
    metrics = engine.evaluate(shipped, *engine.load_texts(engine.HOLDOUT_PATH))
    assert metrics == registry.shipped_metrics()
