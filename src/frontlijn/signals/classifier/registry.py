"""Which model is active, and training new versions with staff corrections.

Version 1 is the model shipped in the package (trained on the seed set); it is active until a
retrain produces a version that passes the evaluation gate. Models are stored in the database
(``ClassifierModel.blob``) so that every app server loads the same one. A stored model that
cannot be loaded or used any more (pickled by an earlier version) falls back to the shipped one,
with a warning in the log.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from frontlijn.signals.classifier import build, engine

if TYPE_CHECKING:
    from frontlijn.teams.models import User

logger = logging.getLogger(__name__)

SHIPPED_VERSION = 1
# A new model becomes active only when it does at least this well on the held-out set.
GATE = {"accuracy": 0.85, "top3_accuracy": 0.95}

_lock = threading.Lock()
_cache: dict[int, object] = {}


def _shipped():
    if SHIPPED_VERSION not in _cache:
        try:
            pipeline = engine.loads(build.MODEL_PATH.read_bytes())
            engine.rank(pipeline, ["proef"], top=1)
        except Exception:  # another scikit-learn version, a missing file: train it again
            logger.warning("shipped classifier could not be loaded; training it from the seed set")
            pipeline = engine.train(*engine.load_seed())
        _cache[SHIPPED_VERSION] = pipeline
    return _cache[SHIPPED_VERSION]


def shipped_metrics() -> dict:
    try:
        return json.loads(build.META_PATH.read_text())["metrics"]
    except (OSError, ValueError, KeyError):
        return {}


def active_version() -> int:
    from frontlijn.signals.models import ClassifierModel

    version = ClassifierModel.objects.filter(active=True, retired_at__isnull=True).aggregate(v=Max("version"))["v"]
    return version or SHIPPED_VERSION


def active_pipeline():
    """(pipeline, version) of the active model, loaded once per process and version."""
    version = active_version()
    with _lock:
        if version == SHIPPED_VERSION:
            return _shipped(), version
        if version not in _cache:
            _cache[version] = _load_stored(version)
        if _cache[version] is None:  # stored by an earlier version and unusable now
            return _shipped(), SHIPPED_VERSION
        return _cache[version], version


def forget(versions) -> None:
    """Drop retired versions from this process's cache (erasure: they were trained on erased text)."""
    with _lock:
        for version in versions:
            _cache.pop(version, None)


def _load_stored(version: int):
    """The stored model of ``version``, or None when it cannot be loaded or used (e.g. pickled by an
    earlier version of the code or of scikit-learn); the caller then falls back to the shipped one."""
    from frontlijn.signals.models import ClassifierModel

    try:
        blob = ClassifierModel.objects.values_list("blob", flat=True).get(version=version)
        pipeline = engine.loads(blob)
        engine.rank(pipeline, ["proef"], top=1)  # fails here rather than in the signal form
    except Exception as exc:
        # Only the exception type: the message could quote a signal text.
        logger.warning(
            "classifier model version %s could not be loaded (%s); using the shipped model version %s",
            version,
            type(exc).__name__,
            SHIPPED_VERSION,
        )
        return None
    return pipeline


def suggest(text: str, *, top: int = 3) -> tuple[list[tuple[str, float]], int]:
    """The best ``top`` themes for one text: ([(code, score), ...], model version)."""
    pipeline, version = active_pipeline()
    if not (text or "").strip():
        return [], version
    return engine.rank(pipeline, [text], top=top)[0], version


def classify(texts: list[str], *, top: int | None = 3) -> list[list[tuple[str, float]]]:
    pipeline, _version = active_pipeline()
    filled = [i for i, t in enumerate(texts) if t.strip()]
    ranked = engine.rank(pipeline, [texts[i] for i in filled], top=top)
    out: list[list[tuple[str, float]]] = [[] for _ in texts]
    for i, r in zip(filled, ranked, strict=True):
        out[i] = r
    return out


def evaluate_active() -> dict:
    pipeline, version = active_pipeline()
    metrics = engine.evaluate(pipeline, *engine.load_texts(engine.HOLDOUT_PATH))
    return {**metrics, "version": version}


def correction_weight() -> float:
    """How much one staff correction weighs in training against one seed text
    (``FRONTLIJN_SIGNAL_CORRECTION_WEIGHT``): a person judged a real signal."""
    from django.conf import settings

    return float(getattr(settings, "FRONTLIJN_SIGNAL_CORRECTION_WEIGHT", 3.0))


def training_data() -> tuple[list[str], list[str], int]:
    """Seed set plus every staff correction: (texts, labels, number of corrections)."""
    texts, labels, _weights, n = weighted_training_data()
    return texts, labels, n


def weighted_training_data() -> tuple[list[str], list[str], list[float], int]:
    """Seed set (weight 1) plus every staff correction (weight ``correction_weight()``), the
    latest correction of a signal only: (texts, labels, sample weights, number of corrections)."""
    from frontlijn.signals.models import StaffCorrection

    texts, labels = engine.load_seed()
    weights = [1.0] * len(texts)
    latest: dict[object, tuple[str, str]] = {}
    for pk, signal_id, text, code in StaffCorrection.objects.order_by("id").values_list(
        "id", "signal_id", "text", "chosen_code"
    ):
        latest[signal_id if signal_id is not None else ("c", pk)] = (text, code)
    weight = correction_weight()
    for text, code in latest.values():
        texts.append(text)
        labels.append(code)
        weights.append(weight)
    return texts, labels, weights, len(latest)


def corrections_since(version: int) -> int:
    """Staff corrections made after ``version`` was trained (all of them for the shipped one)."""
    from frontlijn.signals.models import ClassifierModel, StaffCorrection

    made = ClassifierModel.objects.filter(version=version).values_list("created_at", flat=True).first()
    qs = StaffCorrection.objects.all()
    return (qs.filter(created_at__gt=made) if made else qs).count()


def activate(*, version: int, user: User) -> None:
    """Make ``version`` the active model (going back to an earlier one, or to the shipped version
    1). A retired version (trained on erased text) cannot come back. Audited."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction
    from frontlijn.signals.models import ClassifierModel

    with transaction.atomic():
        if version == SHIPPED_VERSION:
            ClassifierModel.objects.filter(active=True).update(active=False)
            object_id: str | int = ""
        else:
            model = ClassifierModel.objects.select_for_update().filter(version=version).first()
            if model is None or model.retired_at is not None or not model.blob:
                raise ValidationError(_("Deze modelversie bestaat niet (meer) en kan niet terug."))
            if _load_stored(version) is None:
                raise ValidationError(_("Deze modelversie kan niet meer geladen worden."))
            ClassifierModel.objects.exclude(pk=model.pk).filter(active=True).update(active=False)
            ClassifierModel.objects.filter(pk=model.pk).update(active=True)
            object_id = model.pk
        audit.record(
            user=user,
            action=AuditAction.CHANGE,
            object_type="signals.classifiermodel",
            object_id=object_id,
            detail={"activated_version": version},
        )


def retrain(*, force_activate: bool = False):
    """Train a new version on seed + corrections; activate it when it passes the gate."""
    from frontlijn.signals.models import ClassifierModel

    texts, labels, weights, n_corrections = weighted_training_data()
    started = time.perf_counter()
    pipeline = engine.train(texts, labels, sample_weight=weights)
    seconds = time.perf_counter() - started
    metrics = engine.evaluate(pipeline, *engine.load_texts(engine.HOLDOUT_PATH))
    metrics["train_seconds"] = round(seconds, 2)
    passed = all(metrics[k] >= v for k, v in GATE.items())
    metrics["passed_gate"] = passed
    with transaction.atomic():
        last = ClassifierModel.objects.select_for_update().aggregate(v=Max("version"))["v"] or SHIPPED_VERSION
        model = ClassifierModel.objects.create(
            version=last + 1,
            active=False,
            metrics=metrics,
            n_train=len(texts),
            n_corrections=n_corrections,
            blob=engine.dumps(pipeline),
        )
        if passed or force_activate:
            ClassifierModel.objects.exclude(pk=model.pk).update(active=False)
            ClassifierModel.objects.filter(pk=model.pk).update(active=True)
            model.active = True
        # A system job (scheduler/worker, no --as): it derives a model from the staff corrections'
        # texts, so it is audited as the system, with counts only (docs/privacy.md).
        from frontlijn.privacy import audit
        from frontlijn.privacy.models import AuditAction

        audit.record(
            user=None,
            action=AuditAction.CREATE,
            object_type="signals.classifiermodel",
            object_id=model.pk,
            path="system:signals_retrain",
            detail={
                "version": model.version,
                "active": model.active,
                "n_train": model.n_train,
                "n_corrections": n_corrections,
            },
        )
    with _lock:
        _cache[model.version] = pipeline
    return model
