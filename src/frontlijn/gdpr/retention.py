"""Retention periods per data kind, enforced by ``frontlijn retention`` and a scheduled task.

Expired data is blanked, not deleted: counts, durations, dates and areas stay for statistics.
Run with ``--dry-run`` first: it reports what would be blanked and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frontlijn.cases.models import CLOSED_STATUSES, Case
from frontlijn.contacts.models import ContactMoment, Promise, PromiseStatus
from frontlijn.lib import clock
from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditAction

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from frontlijn.teams.models import User


@dataclass(frozen=True)
class Rule:
    key: str
    label: str | _StrPromise  # Dutch msgid, for the report
    days: int
    description: str


def _days(key: str, default: int) -> int:
    return int(getattr(settings, "FRONTLIJN_RETENTION_DAYS", {}).get(key, default))


def period_text(days: int) -> str:
    """A retention period as people say it: "2 jaar" for whole years, otherwise in days."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(n)d jaar", "%(n)d jaar", years) % {"n": years}
    return ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days}


def rules() -> list[Rule]:
    """The rules with the periods in force (defaults, or ``FRONTLIJN_RETENTION_DAYS``)."""
    beyond, contact = _days("beyond_note", 2 * 365), _days("contact_text", 7 * 365)
    case, promise = _days("case_text", 7 * 365), _days("promise_text", 2 * 365)
    model = _days("classifier_model", 365)
    return [
        Rule(
            "beyond_note",
            _("Notities 'verder dan het proces'"),
            beyond,
            _("%(period)s na het laatste contact met het huishouden") % {"period": period_text(beyond)},
        ),
        Rule(
            "contact_text",
            _("Teksten van contactmomenten"),
            contact,
            _("%(period)s na het contact") % {"period": period_text(contact)},
        ),
        Rule(
            "case_text",
            _("Omschrijving van afgesloten zaken"),
            case,
            _("%(period)s na het afsluiten") % {"period": period_text(case)},
        ),
        Rule(
            "promise_text",
            _("Omschrijving van afgeronde afspraken"),
            promise,
            _("%(period)s na de afgesproken datum") % {"period": period_text(promise)},
        ),
        # A trained classifier holds words of the signals and corrections it learned from.
        Rule(
            "classifier_model",
            _("Oude versies van de themaherkenning"),
            model,
            _("%(period)s na het trainen, behalve de actieve versie") % {"period": period_text(model)},
        ),
    ]


def _expired(rule: Rule, now: dt.datetime) -> tuple[QuerySet, dict]:
    cutoff = now - dt.timedelta(days=rule.days)
    qs: QuerySet
    if rule.key == "beyond_note":
        qs = ContactMoment.objects.filter(
            Q(household__last_contact_at__lt=cutoff) | Q(household__isnull=True, occurred_at__lt=cutoff),
            occurred_at__lt=cutoff,
        ).exclude(beyond_note="", beyond_tags=[])
        return qs, {"beyond_note": "", "beyond_tags": []}
    if rule.key == "contact_text":
        qs = ContactMoment.objects.filter(occurred_at__lt=cutoff).exclude(subject="", process_note="")
        return qs, {"subject": "", "process_note": ""}
    if rule.key == "case_text":
        qs = Case.objects.filter(status__in=CLOSED_STATUSES, closed_on__lt=clock.localdate(cutoff)).exclude(
            description="[verwijderd]"
        )
        return qs, {"description": "[verwijderd]"}
    if rule.key == "promise_text":
        qs = Promise.objects.filter(due_date__lt=clock.localdate(cutoff)).exclude(status=PromiseStatus.OPEN)
        return qs.exclude(description="[verwijderd]"), {"description": "[verwijderd]"}
    if rule.key == "classifier_model":
        from frontlijn.signals.classifier import registry
        from frontlijn.signals.models import ClassifierModel

        active = registry.active_version()
        qs = ClassifierModel.objects.filter(created_at__lt=cutoff, retired_at__isnull=True).exclude(version=active)
        return qs, {"blob": b"", "active": False, "retired_at": now}
    raise KeyError(rule.key)


def _retire_models(qs: QuerySet, blank: dict) -> int:
    """Empty expired classifier versions (never active again) and drop them from this process."""
    from frontlijn.signals.classifier import registry

    versions = list(qs.values_list("version", flat=True))
    count = qs.model.objects.filter(version__in=versions).update(**blank)
    registry.forget(versions)
    return count


@dataclass
class ReportLine:
    rule: Rule
    count: int


@transaction.atomic
def retention_apply(*, dry_run: bool, user: User | None = None, now: dt.datetime | None = None) -> list[ReportLine]:
    """Blank every expired text; with ``dry_run`` only count. Returns one line per rule."""
    now = now or clock.now()
    report = []
    for rule in rules():
        qs, blank = _expired(rule, now)
        if dry_run:
            count = qs.count()
        elif rule.key == "classifier_model":
            count = _retire_models(qs, blank)
        else:
            count = qs.model.objects.filter(pk__in=qs.values("pk")).update(**blank, updated_at=now)
        report.append(ReportLine(rule, count))
    if not dry_run:
        audit.record(
            user=user,
            action=AuditAction.RETENTION,
            object_type="retention",
            detail={line.rule.key: line.count for line in report},
        )
    return report
