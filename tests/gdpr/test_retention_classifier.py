"""Retention reaches the theme classifier: old model versions hold residents' words."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.gdpr.retention import retention_apply
from frontlijn.signals.classifier import registry
from frontlijn.signals.models import ClassifierModel, StaffCorrection

pytestmark = pytest.mark.django_db


def _age(model, days):
    ClassifierModel.objects.filter(pk=model.pk).update(created_at=timezone.now() - dt.timedelta(days=days))


def _line(report):
    return next(line for line in report if line.rule.key == "classifier_model")


def test_old_superseded_versions_are_emptied_and_the_active_one_stays(fresh_registry):
    StaffCorrection.objects.create(text="Mevrouw woont sinds kort alleen", chosen_code="eenzaamheid")
    old, older_active, recent = registry.retrain(), registry.retrain(), registry.retrain()
    registry.activate(version=older_active.version, user=None)
    for model in (old, older_active):
        _age(model, 400)
    assert _line(retention_apply(dry_run=True)).count == 1
    assert ClassifierModel.objects.get(pk=old.pk).blob  # a dry run changes nothing

    assert _line(retention_apply(dry_run=False)).count == 1
    old.refresh_from_db()
    assert old.retired_at is not None and bytes(old.blob) == b"" and not old.active
    assert bytes(ClassifierModel.objects.get(pk=older_active.pk).blob)  # active: kept
    assert bytes(ClassifierModel.objects.get(pk=recent.pk).blob)  # younger than a year: kept
    assert registry.active_version() == older_active.version
    assert old.version not in registry._cache
    # An emptied version cannot be brought back.
    with pytest.raises(Exception, match="kan niet terug"):
        registry.activate(version=old.version, user=None)
    assert _line(retention_apply(dry_run=False)).count == 0


def test_the_period_is_configurable(settings, fresh_registry):
    old = registry.retrain()
    registry.activate(version=registry.SHIPPED_VERSION, user=None)
    _age(old, 40)
    assert _line(retention_apply(dry_run=True)).count == 0
    settings.FRONTLIJN_RETENTION_DAYS = {"classifier_model": 30}
    assert _line(retention_apply(dry_run=False)).count == 1
