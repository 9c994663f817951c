"""Writes for cases: registration, status changes along the workflow, assignment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontlijn.cases.models import (
    CLOSED_STATUSES,
    DEFAULT_LEAD_DAYS,
    STATUS_NAMES,
    Case,
    CaseStatusChange,
    detail_codes_for,
    detail_mismatch_message,
    initial_status,
    workflow_for,
)
from frontlijn.lib import clock
from frontlijn.lib.locking import StaleEditError
from frontlijn.lib.validators import validate_no_bsn
from frontlijn.privacy import scoping

if TYPE_CHECKING:
    from frontlijn.teams.models import User


class StaleCaseError(StaleEditError):
    """Someone else changed the case since the user opened it (optimistic locking, lib/locking.py)."""


@transaction.atomic
def case_create(
    *,
    user: User,
    case_type: str,
    description: str,
    unit,
    household=None,
    detail_type: str = "",
    assignee=None,
    assignee_team=None,
    registered_on: dt.date | None = None,
    target_date: dt.date | None = None,
) -> Case:
    if not scoping.scope_units(user, type(unit).objects.filter(pk=unit.pk)).exists():
        raise PermissionDenied
    if not description.strip():
        raise ValidationError({"description": [_("Beschrijf waar de zaak over gaat.")]})
    validate_no_bsn(description)
    if detail_type and detail_type not in dict(detail_codes_for(case_type)):
        raise ValidationError({"detail_type": [detail_mismatch_message(case_type)]})
    registered_on = registered_on or clock.today()
    if target_date is None:
        target_date = registered_on + dt.timedelta(days=DEFAULT_LEAD_DAYS.get(case_type, 14))
    if target_date < registered_on:
        raise ValidationError({"target_date": [_("De streefdatum ligt niet voor de registratiedatum.")]})
    status = initial_status(case_type)
    if assignee is None and assignee_team is None:
        # Neither given: the teams' own way of working and priorities decide (frontlijn.teams.routing).
        from frontlijn.teams.routing import route_case

        decision = route_case(unit=unit, case_type=case_type)
        assignee, assignee_team = decision.assignee, decision.team
    case = Case.objects.create(
        case_type=case_type,
        detail_type=detail_type,
        status=status,
        description=description.strip(),
        unit=unit,
        household=household,
        assignee=assignee,
        assignee_team=assignee_team,
        registered_on=registered_on,
        target_date=target_date,
        created_by=user,
    )
    CaseStatusChange.objects.create(case=case, from_status="", to_status=status, changed_by=user)
    return case


@transaction.atomic
def case_change_status(*, case: Case, user: User, to_status: str, version: int | None = None, note: str = "") -> Case:
    """Move a case along its workflow. ``version`` is what the user saw; a mismatch is a conflict."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise StaleCaseError(
            _("Iemand anders heeft deze zaak intussen gewijzigd (nu: %(status)s). Bekijk de nieuwe stand.")
            % {"status": STATUS_NAMES.get(locked.status, locked.status)},
            code="stale",
        )
    allowed = workflow_for(locked.case_type).get(locked.status, [])
    if to_status not in allowed:
        raise ValidationError(
            {
                "to_status": [
                    _("Van %(from)s naar %(to)s kan niet.")
                    % {"from": STATUS_NAMES.get(locked.status), "to": STATUS_NAMES.get(to_status, to_status)}
                ]
            }
        )
    previous = locked.status
    locked.status = to_status
    locked.version += 1
    locked.closed_on = clock.today() if to_status in CLOSED_STATUSES else None
    locked.save(update_fields=["status", "version", "closed_on", "updated_at"])
    CaseStatusChange.objects.create(
        case=locked, from_status=previous, to_status=to_status, changed_by=user, note=note.strip()[:500]
    )
    if to_status == "AFG":
        from frontlijn.feedback.services import feedback_invite_after_case_closed

        feedback_invite_after_case_closed(case=locked, user=user)  # REP, HUN or ALG
    return locked


@transaction.atomic
def case_assign(*, case: Case, user: User, assignee=None, assignee_team=None, version: int | None = None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise StaleCaseError(_("Iemand anders heeft deze zaak intussen gewijzigd."), code="stale")
    locked.assignee = assignee
    locked.assignee_team = assignee_team
    locked.version += 1
    locked.save(update_fields=["assignee", "assignee_team", "version", "updated_at"])
    return locked
