"""Background tasks of the signals app."""

from django_tasks import task


@task()
def retrain_classifier() -> dict:
    """Train a new classifier version on the seed set plus staff corrections (see registry.retrain)."""
    from frontlijn.signals.classifier import registry

    model = registry.retrain()
    return {"version": model.version, "active": model.active, "metrics": model.metrics}
