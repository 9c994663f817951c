"""Writes for contact moments and promises."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontlijn.contacts.models import ContactMoment, Promise, PromiseKind, PromiseStatus
from frontlijn.contacts.rules import CONTACT_RULES, MAX_DURATION_MINUTES  # noqa: F401 (re-exported)
from frontlijn.lib import clock, rules
from frontlijn.lib.forms import service_errors
from frontlijn.privacy import scoping
from frontlijn.register.models import Household, Unit

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def validate_contact(
    *, occurred_at: dt.datetime, duration_minutes: int | None, process_note: str, beyond_note: str, subject: str
) -> dict[str, list[str]]:
    """Field errors for a contact moment, in Dutch. Shared by the form, the API and imports:
    the rules are declared once in ``frontlijn.contacts.rules``."""
    return rules.check(
        CONTACT_RULES,
        {
            "occurred_at": occurred_at,
            "duration_minutes": duration_minutes,
            "subject": subject,
            "process_note": process_note,
            "beyond_note": beyond_note,
        },
    )


@transaction.atomic
def contact_moment_create(
    *,
    staff,
    channel: str,
    direction: str,
    occurred_at: dt.datetime,
    duration_minutes: int,
    household: Household | None = None,
    unit: Unit | None = None,
    home_seeker=None,
    case=None,
    subject: str = "",
    process_note: str = "",
    beyond_note: str = "",
    beyond_tags: list[str] | None = None,
    promise_description: str = "",
    promise_due_date: dt.date | None = None,
    promise_kind: str = PromiseKind.CALL_BACK,
    signal_theme_codes: list[str] | None = None,
    signal_sensitivity: str = "persoon",
    signal_suggested: list[tuple[str, float]] | None = None,
    signal_classifier_version: int | None = None,
) -> ContactMoment:
    """Log a contact moment, with an optional promise and an optional signal from its beyond note.

    With ``signal_theme_codes`` the beyond-the-process note is raised as a signal (same text, the
    household and unit) through the signals service, in the same transaction: when the signal
    cannot be raised, nothing is stored. ``signal_sensitivity`` "persoon" (the default) places it
    on the household; "plek" on the address only, without the household or the contact.
    """
    _check_may_log(staff, household, home_seeker)
    errors = validate_contact(
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        process_note=process_note,
        beyond_note=beyond_note,
        subject=subject,
    )
    _add_promise_errors(errors, promise_description, promise_due_date)
    if errors:
        raise ValidationError(errors)
    if unit is None and household is not None:
        unit = household.unit
    contact = ContactMoment.objects.create(
        staff=staff,
        channel=channel,
        direction=direction,
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        household=household,
        unit=unit,
        home_seeker=home_seeker,
        case=case,
        subject=subject.strip(),
        process_note=process_note.strip(),
        beyond_note=beyond_note.strip(),
        beyond_tags=list(beyond_tags or []),
    )
    if promise_description.strip():
        _promise_for_contact(contact, household, promise_kind, promise_description, staff, promise_due_date)
    if household is not None and (household.last_contact_at is None or household.last_contact_at < occurred_at):
        Household.objects.filter(pk=household.pk).update(last_contact_at=occurred_at)
    if signal_theme_codes:
        _signal_from_note(
            contact=contact,
            theme_codes=signal_theme_codes,
            sensitivity=signal_sensitivity,
            suggested=signal_suggested,
            classifier_version=signal_classifier_version,
        )
    from frontlijn.feedback.services import feedback_invite_after_contact

    feedback_invite_after_contact(contact=contact)  # the resident's one-minute question (ALG)
    return contact


def _check_may_log(staff: User, household: Household | None, home_seeker) -> None:
    """Refuse a contact moment the staff member may not log, or one about no one."""
    if not scoping.can_log_contacts(staff):
        raise PermissionDenied
    if (
        household is not None
        and not scoping.scope_households(staff, Household.objects.filter(pk=household.pk)).exists()
    ):
        raise PermissionDenied
    if home_seeker is not None and not scoping.sees_home_seekers(staff):
        raise PermissionDenied
    if household is None and home_seeker is None:
        raise ValidationError({"__all__": [_("Een contactmoment hoort bij een huishouden of een woningzoekende.")]})


def _add_promise_errors(errors: dict[str, list[str]], description: str, due_date: dt.date | None) -> None:
    """A promise needs both what was promised and a date, today or later."""
    if description and not due_date:
        errors.setdefault("promise_due_date", []).append(_("Wanneer kom je de belofte na? Vul een datum in."))
    if due_date and not description.strip():
        errors.setdefault("promise_description", []).append(_("Wat heb je beloofd? Vul het in."))
    if due_date and due_date < clock.today():
        errors.setdefault("promise_due_date", []).append(_("De datum van een belofte ligt vandaag of later."))


def _promise_for_contact(
    contact: ContactMoment,
    household: Household | None,
    kind: str,
    description: str,
    owner: User,
    due_date: dt.date | None,
) -> None:
    assert due_date is not None  # a description without a date was refused above
    Promise.objects.create(
        contact_moment=contact,
        household=household,
        kind=kind,
        description=description.strip(),
        owner=owner,
        due_date=due_date,
    )


def _signal_from_note(*, contact: ContactMoment, theme_codes, sensitivity: str, suggested, classifier_version):
    """Raise the contact's beyond note as a signal; its errors are reported on the note's fields."""
    from frontlijn.signals.models import Sensitivity
    from frontlijn.signals.services import signal_create

    if not contact.beyond_note:
        raise ValidationError({"beyond_note": [_("Schrijf op wat er speelt: dat wordt de tekst van het signaal.")]})
    person = sensitivity != Sensitivity.PLACE and contact.household is not None
    try:
        return signal_create(
            user=contact.staff,
            text=contact.beyond_note,
            theme_codes=list(theme_codes),
            sensitivity=Sensitivity.PERSON if person else Sensitivity.PLACE,
            household=contact.household if person else None,
            unit=contact.unit,
            contact_moment=contact if person else None,
            suggested=suggested,
            classifier_version=classifier_version,
        )
    except ValidationError as exc:
        fields = {"text": "beyond_note", "themes": "signal_theme", "sensitivity": "signal_sensitivity"}
        errors = service_errors(exc)
        raise ValidationError({fields.get(k, "__all__"): v for k, v in errors.items()}) from exc


@transaction.atomic
def promise_complete(*, promise: Promise, user: User, done_at: dt.datetime | None = None) -> Promise:
    """Mark a promise kept (once; a second call changes nothing). ``done_at``: a device time
    from the offline outbox, else now."""
    if promise.owner_id != user.pk and not user.is_superuser:
        raise PermissionDenied
    if promise.status == PromiseStatus.OPEN:
        promise.status = PromiseStatus.KEPT
        promise.done_at = min(done_at, clock.now()) if done_at else clock.now()
        promise.save(update_fields=["status", "done_at", "updated_at"])
    return promise


@transaction.atomic
def promise_cancel(*, promise: Promise, user: User) -> Promise:
    if promise.owner_id != user.pk and not user.is_superuser:
        raise PermissionDenied
    if promise.status == PromiseStatus.OPEN:
        promise.status = PromiseStatus.CANCELLED
        promise.done_at = clock.now()
        promise.save(update_fields=["status", "done_at", "updated_at"])
    return promise
