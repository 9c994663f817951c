"""Background tasks of the signals app."""

from django_tasks import task


@task()
def retrain_classifier() -> dict:
    """Train a new classifier version on the seed set plus staff corrections (see registry.retrain)."""
    from frontlijn.signals.classifier import registry

    model = registry.retrain()
    return {"version": model.version, "active": model.active, "metrics": model.metrics}


@task()
def detect_patterns() -> dict:
    """Join new signals to open patterns and raise new ones (see signals.patterns)."""
    from frontlijn.signals.patterns import patterns_detect

    return patterns_detect().as_dict()
