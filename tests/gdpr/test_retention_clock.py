"""Retention cutoffs on dates (promises, closed cases) are dates in Amsterdam, also at night."""

import datetime as dt

import pytest

from frontlijn.cases.models import Case
from frontlijn.contacts.models import Promise, PromiseStatus
from frontlijn.gdpr.retention import retention_apply
from frontlijn.lib import clock
from tests import factories as f

pytestmark = pytest.mark.django_db

PROMISE_DAYS, CASE_DAYS = 2 * 365, 7 * 365


def test_promise_and_case_texts_expire_by_the_amsterdam_date_of_the_cutoff(night):
    promise_cutoff = clock.localdate(clock.now() - dt.timedelta(days=PROMISE_DAYS))
    case_cutoff = clock.localdate(clock.now() - dt.timedelta(days=CASE_DAYS))
    # At 00:30 in Amsterdam the UTC date of the cutoff is the day before: that day has expired.
    expired_promise = f.PromiseFactory(due_date=promise_cutoff - dt.timedelta(days=1), status=PromiseStatus.KEPT)
    kept_promise = f.PromiseFactory(due_date=promise_cutoff, status=PromiseStatus.KEPT)
    expired_case = f.CaseFactory(status="AFG", closed_on=case_cutoff - dt.timedelta(days=1))
    kept_case = f.CaseFactory(status="AFG", closed_on=case_cutoff)

    report = {line.rule.key: line.count for line in retention_apply(dry_run=False)}

    assert report["promise_text"] == 1 and report["case_text"] == 1
    assert Promise.objects.get(pk=expired_promise.pk).description == "[verwijderd]"
    assert Promise.objects.get(pk=kept_promise.pk).description == "Terugbellen over de lekkage"
    assert Case.objects.get(pk=expired_case.pk).description == "[verwijderd]"
    assert Case.objects.get(pk=kept_case.pk).description == "Lekkage in de badkamer"
