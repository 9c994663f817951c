import io
import json

import pytest
from django.core.management import call_command

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
