"""Model signals that make Frontlijn invite residents by itself (connected in ``apps.py``).

- a new contact moment with a household -> ALG (algemene dienstverlening)
- a case reaching "afgehandeld/afgerond" (AFG) -> REP for a repair request, HUN for a letting
  (verhuur: the new tenant), ALG for other cases
- a tenancy getting an end date -> HUV (vertrokken huurders)

Staff never trigger an invitation by hand and never see its link.
"""

from __future__ import annotations

from frontlijn.feedback.models import Kind
from frontlijn.lib import clock


def on_contact_moment_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw or instance.household_id is None:
        return
    from frontlijn.feedback.services import feedback_invitation_create

    feedback_invitation_create(
        kind=Kind.GENERAL,
        household=instance.household,
        period=clock.localdate(instance.occurred_at),
        contact_moment=instance,
        staff=instance.staff,
    )


CASE_KINDS = {"reparatieverzoek": Kind.REPAIRS, "verhuur": Kind.NEW_TENANTS}


def on_case_status_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw or instance.to_status != "AFG":
        return
    case = instance.case
    if case.household_id is None:
        return
    from frontlijn.feedback.services import feedback_invitation_create

    feedback_invitation_create(
        kind=CASE_KINDS.get(case.case_type, Kind.GENERAL),
        household=case.household,
        period=clock.today(),
        case=case,
        staff=case.assignee or instance.changed_by,
        team=case.assignee_team,
    )


def on_tenancy_pre_save(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
        instance._feedback_old_end_date = None
        return
    instance._feedback_old_end_date = sender.objects.filter(pk=instance.pk).values_list("end_date", flat=True).first()


def on_tenancy_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or instance.end_date is None or getattr(instance, "_feedback_old_end_date", None) is not None:
        return
    if created:
        return  # an imported, already ended tenancy is history, not a departure to ask about
    from frontlijn.feedback.services import feedback_invitation_create

    feedback_invitation_create(kind=Kind.LEFT_TENANTS, household=instance.household, period=instance.end_date)
