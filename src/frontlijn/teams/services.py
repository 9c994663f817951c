"""Writes for teams: way of working, priorities, contact target, absence, taking and handing over work.

The team lead (a member with the ``team_settings_lead`` role) and the functional administrator
set the team's way of working, priorities and contact target (docs/decisions/0005); every member
sees every change, which is recorded with who made it (:class:`TeamSettingChange`) and in the
audit log. Any member may plan visit rounds and take or hand over work (``can_manage_team``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from frontlijn.core.models import InboxKind
from frontlijn.core.services import inbox_send
from frontlijn.lib.locking import bump, check_version
from frontlijn.privacy import capabilities
from frontlijn.teams.models import Team, WayOfWorking
from frontlijn.teams.models_work import (
    Absence,
    CaseHandover,
    PriorityKind,
    SettingKind,
    TeamPriority,
    TeamSettingChange,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User


def can_manage_team(user: User | AnonymousUser, team: Team) -> bool:
    """Members organise their own team; the functional administrator may help."""
    if not user.is_authenticated:
        return False
    if capabilities.has(user, "team_manage_any"):
        return True
    return team.members.filter(pk=user.pk).exists()


def can_set_team_settings(user: User | AnonymousUser, team: Team) -> bool:
    """Way of working, priorities and contact target: the team's own lead, or the administrator."""
    if not user.is_authenticated:
        return False
    if capabilities.has(user, "team_manage_any"):
        return True
    return capabilities.role_in(user, "team_settings_lead") and team.members.filter(pk=user.pk).exists()


def _require_manage(user: User, team: Team) -> None:
    if not can_set_team_settings(user, team):
        raise PermissionDenied(
            _("Alleen de teamleider of de functioneel beheerder wijzigt de instellingen van het team.")
        )


def _record_change(*, team: Team, user: User, kind: str, old: str, new: str) -> TeamSettingChange:
    """One change of a team setting: shown to the team and written to the audit log."""
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    change = TeamSettingChange.objects.create(team=team, kind=kind, old_value=old, new_value=new, changed_by=user)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=team,
        detail={"setting": kind, "old": old[:200], "new": new[:200], "change": change.pk},
    )
    return change


def _priorities_text(team: Team) -> str:
    return ", ".join(p.code for p in team.priorities.order_by("position"))[:500]


def _check_team_version(team: Team, version: int | None) -> None:
    check_version(
        team,
        version,
        _(
            "Iemand anders heeft de instellingen van dit team intussen gewijzigd (nu: %(way)s, doel "
            "%(target)s%% van %(hours)s uur). Bekijk de nieuwe stand en sla opnieuw op."
        )
        % {
            "way": team.get_way_of_working_display(),
            "target": team.contact_target_percent,
            "hours": team.hours_per_week,
        },
    )


@transaction.atomic
def team_set_way_of_working(*, team: Team, user: User, way_of_working: str, version: int | None = None) -> Team:
    """``version``: the team's version when the user opened the page (a conflict otherwise)."""
    _require_manage(user, team)
    if way_of_working not in WayOfWorking.values:
        raise ValidationError({"way_of_working": [_("Kies wijkgericht of functiegericht.")]})
    team = Team.objects.select_for_update().get(pk=team.pk)
    _check_team_version(team, version)
    old = team.way_of_working
    if old != way_of_working:
        team.way_of_working = way_of_working
        bump(team)
        team.save(update_fields=["way_of_working", "version", "updated_at"])
        _record_change(team=team, user=user, kind=SettingKind.WAY_OF_WORKING, old=old, new=way_of_working)
    return team


def validate_contact_target(value) -> None:
    if value is None or not 0 <= int(value) <= 100:
        raise ValidationError(
            {
                "contact_target_percent": [
                    _("Het doel is een percentage van de werktijd: een getal van 0 tot en met 100.")
                ]
            }
        )


@transaction.atomic
def team_set_contact_target(
    *,
    team: Team,
    user: User,
    contact_target_percent: int,
    hours_per_week: int | None = None,
    version: int | None = None,
) -> Team:
    _require_manage(user, team)
    validate_contact_target(contact_target_percent)
    if hours_per_week is not None and not 1 <= hours_per_week <= 60:
        raise ValidationError({"hours_per_week": [_("Een werkweek is 1 tot en met 60 uur.")]})
    team = Team.objects.select_for_update().get(pk=team.pk)
    _check_team_version(team, version)
    old, old_hours = team.contact_target_percent, team.hours_per_week
    team.contact_target_percent = contact_target_percent
    if hours_per_week is not None:
        team.hours_per_week = hours_per_week
    bump(team)
    team.save(update_fields=["contact_target_percent", "hours_per_week", "version", "updated_at"])
    if old_hours != team.hours_per_week:
        values = [
            _("%(p)s%% van %(h)s uur") % {"p": p, "h": h}
            for p, h in ((old, old_hours), (team.contact_target_percent, team.hours_per_week))
        ]
        _record_change(team=team, user=user, kind=SettingKind.CONTACT_TARGET, old=values[0], new=values[1])
    elif old != contact_target_percent:
        _record_change(
            team=team, user=user, kind=SettingKind.CONTACT_TARGET, old=f"{old}%", new=f"{contact_target_percent}%"
        )
    return team


def _renumber(team: Team) -> None:
    for position, priority in enumerate(team.priorities.order_by("position", "id"), start=1):
        if priority.position != position:
            TeamPriority.objects.filter(pk=priority.pk).update(position=position)


def _record_priorities(team: Team, user: User, old: str) -> None:
    new = _priorities_text(team)
    if new != old:
        _record_change(team=team, user=user, kind=SettingKind.PRIORITIES, old=old, new=new or "—")


@transaction.atomic
def team_priority_add(*, team: Team, user: User, kind: str, code: str) -> TeamPriority:
    _require_manage(user, team)
    if kind not in PriorityKind.values or not code:
        raise ValidationError({"item": [_("Kies een soort zaak of een thema.")]})
    Team.objects.select_for_update().filter(pk=team.pk).first()
    if team.priorities.filter(kind=kind, code=code).exists():
        raise ValidationError({"item": [_("Deze prioriteit staat al in de lijst.")]})
    old = _priorities_text(team)
    last = team.priorities.aggregate(m=Max("position"))["m"] or 0
    priority = TeamPriority.objects.create(team=team, kind=kind, code=code, position=last + 1)
    _record_priorities(team, user, old)
    return priority


@transaction.atomic
def team_priority_move(*, team: Team, user: User, priority_id: int, direction: str) -> None:
    """Move one priority one place up (``"up"``) or down (``"down"``)."""
    _require_manage(user, team)
    Team.objects.select_for_update().filter(pk=team.pk).first()
    old = _priorities_text(team)
    _renumber(team)
    items = list(team.priorities.order_by("position"))
    index = next((i for i, p in enumerate(items) if p.pk == priority_id), None)
    if index is None:
        raise ValidationError(_("Deze prioriteit bestaat niet (meer)."))
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        for position, priority in enumerate(items, start=1):
            TeamPriority.objects.filter(pk=priority.pk).update(position=position)
    _record_priorities(team, user, old)


@transaction.atomic
def team_priority_remove(*, team: Team, user: User, priority_id: int) -> None:
    _require_manage(user, team)
    old = _priorities_text(team)
    team.priorities.filter(pk=priority_id).delete()
    _renumber(team)
    _record_priorities(team, user, old)


@transaction.atomic
def absence_create(*, user: User, start_date: dt.date, end_date: dt.date, created_by) -> Absence:
    """Register an absence: one's own, or a colleague's within a shared team."""
    if created_by.pk != user.pk and not user.teams.filter(members=created_by).exists():
        raise PermissionDenied
    if end_date < start_date:
        raise ValidationError({"end_date": [_("De einddatum ligt op of na de begindatum.")]})
    return Absence.objects.create(user=user, start_date=start_date, end_date=end_date, created_by=created_by)


@transaction.atomic
def absence_delete(*, absence: Absence, user: User) -> None:
    if absence.user_id != user.pk and absence.created_by_id != user.pk:
        raise PermissionDenied
    absence.delete()


def _case_team_ids(user: User) -> set[int]:
    return set(user.teams.values_list("id", flat=True))


@transaction.atomic
def case_take(*, case, user: User):
    """A team member takes a case from the team's queue (or from a colleague), no manager needed."""
    from frontlijn.cases.services import case_assign

    if case.is_closed:
        raise ValidationError(_("Deze zaak is al afgesloten."))
    team_ids = _case_team_ids(user)
    if case.assignee_team_id not in team_ids and case.assignee_id != user.pk:
        raise PermissionDenied
    previous = case.assignee
    updated = case_assign(case=case, user=user, assignee=user, assignee_team=case.assignee_team)
    CaseHandover.objects.create(case=case, from_user=previous, to_user=user, by_user=user)
    return updated


@transaction.atomic
def case_hand_over(*, case, user: User, to_user, note: str = ""):
    """Hand a case to a colleague in the case's team (the giver is the assignee or in that team)."""
    from frontlijn.cases.services import case_assign

    if case.is_closed:
        raise ValidationError(_("Deze zaak is al afgesloten."))
    team_ids = _case_team_ids(user)
    if case.assignee_id != user.pk and case.assignee_team_id not in team_ids:
        raise PermissionDenied
    team = case.assignee_team
    if team is None:
        shared = to_user.teams.filter(id__in=team_ids).first()
        if shared is None:
            raise ValidationError({"to_user": [_("Draag een zaak over aan een collega uit je eigen team.")]})
        team = shared
    elif not team.members.filter(pk=to_user.pk, is_active=True).exists():
        raise ValidationError({"to_user": [_("Draag een zaak over aan een collega uit het team van de zaak.")]})
    if to_user.pk == case.assignee_id:
        raise ValidationError({"to_user": [_("Deze collega heeft de zaak al.")]})
    previous = case.assignee
    updated = case_assign(case=case, user=user, assignee=to_user, assignee_team=team)
    CaseHandover.objects.create(case=case, from_user=previous, to_user=to_user, by_user=user, note=note.strip()[:300])
    inbox_send(
        recipient=to_user,
        kind=InboxKind.OTHER,
        title=_("%(name)s heeft een zaak aan je overgedragen") % {"name": user},
        body=note.strip()[:300],
        url=reverse("cases:detail", args=[case.pk]),
    )
    return updated
