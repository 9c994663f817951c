"""Builds the shipped model (``model_seed.skops`` + ``model_seed.json``) from the seed set.

Run after changing the seed set: ``python -m frontlijn.signals.classifier.build``. A fresh
install uses this model until the first retrain; when it cannot be loaded (another
scikit-learn version) the registry trains the same model from the seed set on first use.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from frontlijn.signals.classifier import engine

MODEL_PATH = Path(__file__).with_name("model_seed.skops")
META_PATH = Path(__file__).with_name("model_seed.json")


def main() -> None:
    import sklearn

    texts, labels = engine.load_seed()
    started = time.perf_counter()
    pipeline = engine.train(texts, labels)
    seconds = time.perf_counter() - started
    metrics = engine.evaluate(pipeline, *engine.load_texts(engine.HOLDOUT_PATH))
    dev_metrics = engine.evaluate(pipeline, *engine.load_texts(engine.DEV_PATH))
    MODEL_PATH.write_bytes(engine.dumps(pipeline))
    META_PATH.write_text(
        json.dumps(
            {
                "metrics": metrics,
                "dev_metrics": dev_metrics,
                "abbreviations": pipeline.vectorizer.abbreviations,
                "n_train": len(texts),
                "sklearn": sklearn.__version__,
                "train_seconds": round(seconds, 2),
            },
            indent=2,
        )
        + "\n"
    )
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
