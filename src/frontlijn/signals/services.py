"""Writes for signals: raise, pick up, decide, answer (feedback), take into a plan, photos."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from frontlijn.core.models import InboxKind
from frontlijn.core.services import inbox_send
from frontlijn.lib import clock
from frontlijn.lib.validators import validate_no_bsn
from frontlijn.privacy import scoping
from frontlijn.register.models import Buurt, Complex, Household, Unit, Wijk
from frontlijn.signals import photos as photo_checks
from frontlijn.signals import selectors
from frontlijn.signals.feedback import feedback_problem
from frontlijn.signals.models import (
    OPEN_STATUSES,
    OUTCOMES,
    Sensitivity,
    Signal,
    SignalPhoto,
    StaffCorrection,
    Status,
    Theme,
    Urgency,
)

if TYPE_CHECKING:
    from frontlijn.teams.models import User

MAX_TEXT = 4000


def _feedback_title(signal: Signal) -> str:
    return _("Terugkoppeling op je signaal #%(pk)s") % {"pk": signal.pk}


@transaction.atomic
def signal_create(
    *,
    user: User,
    text: str,
    theme_codes: list[str],
    urgency: str = Urgency.NORMAL,
    sensitivity: str = Sensitivity.PLACE,
    unit: Unit | None = None,
    complex: Complex | None = None,
    buurt: Buurt | None = None,
    wijk: Wijk | None = None,
    household: Household | None = None,
    contact_moment=None,
    photos=(),
    suggested: list[tuple[str, float]] | None = None,
    classifier_version: int | None = None,
    made_at=None,
) -> Signal:
    """Raise a signal. Placement: the most precise of unit/complex/buurt/wijk (or the household's unit).

    ``made_at``: the device time of a signal raised offline (outbox); it becomes ``created_at``.
    """
    if not selectors.can_raise(user):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    text = _checked_text(text, errors)
    themes = list(Theme.objects.filter(code__in=theme_codes or [], active=True))
    if not themes:
        errors.setdefault("themes", []).append(_("Kies minstens één thema."))
    household, unit, complex, buurt, wijk, sensitivity = _placed(
        user, household, contact_moment, unit, complex, buurt, wijk, sensitivity
    )
    if wijk is None:
        errors.setdefault("place", []).append(_("Kies waar het speelt: een adres, complex, buurt of wijk."))
    if sensitivity == Sensitivity.PERSON and household is None and unit is None:
        errors.setdefault("sensitivity", []).append(
            _(
                "Een signaal over een persoon hoort bij een huishouden of adres. Kies het adres, of maak er een signaal over de plek van."  # noqa: E501
            )
        )
    cleaned = _checked_photos(photos, errors)
    if errors:
        raise ValidationError(errors)
    assert wijk is not None  # no wijk is a place error above
    signal = Signal.objects.create(
        raised_by=user,
        contact_moment=contact_moment,
        household=household,
        unit=unit,
        complex=complex,
        buurt=buurt,
        wijk=wijk,
        text=text,
        urgency=urgency,
        sensitivity=sensitivity,
        suggested=[[code, round(score, 4)] for code, score in (suggested or [])],
        classifier_version=classifier_version,
    )
    if made_at is not None and made_at < signal.created_at:
        Signal.objects.filter(pk=signal.pk).update(created_at=made_at)
        signal.created_at = made_at
    signal.themes.set(themes)
    for photo in cleaned:
        SignalPhoto.objects.create(
            signal=signal, image=photo.content, content_type=photo.content_type, width=photo.width, height=photo.height
        )
    if suggested:
        _record_corrections(signal=signal, user=user, suggested_code=suggested[0][0], chosen=[t.code for t in themes])
    return signal


def _checked_text(text: str, errors: dict[str, list[str]]) -> str:
    """The signal's text, stripped; its problems added to ``errors``."""
    text = (text or "").strip()
    if not text:
        errors.setdefault("text", []).append(_("Schrijf op wat je opviel."))
    elif len(text) > MAX_TEXT:
        errors.setdefault("text", []).append(_("Houd het korter: hoogstens %(n)s tekens.") % {"n": MAX_TEXT})
    try:
        validate_no_bsn(text)
    except ValidationError as exc:
        errors.setdefault("text", []).extend(exc.messages)
    return text


def _placed(
    user: User,
    household: Household | None,
    contact_moment,
    unit: Unit | None,
    complex: Complex | None,
    buurt: Buurt | None,
    wijk: Wijk | None,
    sensitivity: str,
) -> tuple[Household | None, Unit | None, Complex | None, Buurt | None, Wijk | None, str]:
    """The household, unit, complex, buurt and wijk a signal is placed on (each from the most precise
    one given) and its sensitivity: a signal about a household is about a person."""
    if household is not None:
        if not scoping.scope_households(user, Household.objects.filter(pk=household.pk)).exists():
            raise PermissionDenied
        unit = unit or household.unit
        sensitivity = Sensitivity.PERSON
    if contact_moment is not None and household is None and contact_moment.household_id:
        household = contact_moment.household
        unit = unit or contact_moment.unit
    if unit is not None:
        complex, buurt = unit.complex, unit.buurt
    elif complex is not None:
        buurt = complex.buurt
    if buurt is not None:
        wijk = buurt.wijk
    return household, unit, complex, buurt, wijk, sensitivity


def _checked_photos(photos, errors: dict[str, list[str]]) -> list[photo_checks.CleanPhoto]:
    """The uploads, checked and cleaned; their problems added to ``errors``."""
    photos = list(photos or [])
    if len(photos) > photo_checks.MAX_PHOTOS:
        errors.setdefault("photos", []).append(_("Voeg hoogstens %(n)s foto's toe.") % {"n": photo_checks.MAX_PHOTOS})
    cleaned: list[photo_checks.CleanPhoto] = []
    for upload in photos:
        try:
            cleaned.append(photo_checks.photo_clean(upload))
        except ValidationError as exc:
            errors.setdefault("photos", []).extend(exc.messages)
    return cleaned


def _record_corrections(*, signal: Signal, user: User, suggested_code: str, chosen: list[str]) -> int:
    """When staff did not pick the classifier's best guess, their choice becomes training data."""
    if not chosen or suggested_code in chosen:
        return 0
    StaffCorrection.objects.create(
        signal=signal, user=user, text=signal.text, suggested_code=suggested_code, chosen_code=chosen[0]
    )
    _maybe_queue_retrain()
    return 1


def may_correct_themes(user: User, signal: Signal) -> bool:
    """The raiser and whoever handles the signal may correct its themes."""
    return signal.raised_by_id == getattr(user, "pk", None) or selectors.can_handle(user, signal)


@transaction.atomic
def signal_themes_update(*, signal: Signal, user: User, theme_codes: list[str]) -> Signal:
    """The raiser or a handler corrects the themes. A change is kept as a staff correction (who,
    when, the first chosen theme: training data that weighs more than a seed text) and audited."""
    if not may_correct_themes(user, signal):
        raise PermissionDenied
    themes = list(Theme.objects.filter(code__in=theme_codes or [], active=True))
    if not themes:
        raise ValidationError({"themes": [_("Kies minstens één thema.")]})
    order = {code: i for i, code in enumerate(theme_codes)}
    themes.sort(key=lambda t: order.get(t.code, len(order)))
    before = sorted(signal.themes.values_list("code", flat=True))
    chosen = [t.code for t in themes]
    if set(chosen) == set(before):
        return signal
    signal.themes.set(themes)
    Signal.objects.filter(pk=signal.pk).update(updated_at=clock.now())
    previous = [c for c, _s in (signal.suggested or [])][:1] or before[:1]
    StaffCorrection.objects.create(
        signal=signal,
        user=user,
        text=signal.text,
        suggested_code=previous[0] if previous else "",
        chosen_code=chosen[0],
    )
    from frontlijn.privacy import audit
    from frontlijn.privacy.models import AuditAction

    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=signal,
        household_id=signal.household_id,
        detail={"themes_before": before, "themes_after": sorted(chosen)},
    )
    _maybe_queue_retrain()
    return signal


def _maybe_queue_retrain() -> None:
    every = getattr(settings, "FRONTLIJN_SIGNAL_RETRAIN_EVERY", 50)
    if every and StaffCorrection.objects.count() % every == 0:
        from frontlijn.signals.tasks import retrain_classifier

        transaction.on_commit(lambda: retrain_classifier.enqueue())


def classifier_retrain_queue(*, user: User) -> None:
    """ "Retrain now" from the classifier page: queued as a task (signals.tasks.retrain_classifier)."""
    from frontlijn.privacy import audit, capabilities
    from frontlijn.privacy.models import AuditAction
    from frontlijn.signals.tasks import retrain_classifier

    if not capabilities.has(user, "classifier_manage"):
        raise PermissionDenied
    audit.record(
        user=user, action=AuditAction.CHANGE, object_type="signals.classifiermodel", detail={"retrain": "queued"}
    )
    transaction.on_commit(lambda: retrain_classifier.enqueue())


def classifier_rollback(*, user: User, version: int) -> None:
    """Go back to an earlier model version (or the shipped version 1)."""
    from frontlijn.privacy import capabilities
    from frontlijn.signals.classifier import registry

    if not capabilities.has(user, "classifier_manage"):
        raise PermissionDenied
    registry.activate(version=version, user=user)


@transaction.atomic
def signal_pick_up(*, signal: Signal, user: User, feedback: str) -> Signal:
    """Pick a signal up and tell the raiser, in the handler's own words, what happens next."""
    if not selectors.can_handle(user, signal):
        raise PermissionDenied
    if signal.status != Status.NEW:
        raise ValidationError(_("Dit signaal is al opgepakt."))
    feedback = checked_feedback(feedback)
    signal.status = Status.PICKED_UP
    signal.picked_up_by = user
    signal.picked_up_at = clock.now()
    signal.picked_up_note = feedback
    signal.save(update_fields=["status", "picked_up_by", "picked_up_at", "picked_up_note", "updated_at"])
    inbox_send(
        recipient=signal.raised_by,
        kind=InboxKind.SIGNAL_FEEDBACK,
        title=_("Je signaal #%(pk)s is opgepakt door %(name)s") % {"pk": signal.pk, "name": user},
        body=feedback,
        url=reverse("signals:detail", args=[signal.pk]),
    )
    return signal


def checked_feedback(feedback: str, *, field: str = "feedback") -> str:
    """The handler's own answer, stripped; a ValidationError on ``field`` otherwise (no canned or
    unchanged start text, no BSN). Also the answer to the raisers of a pattern's signals."""
    feedback = (feedback or "").strip()
    errors = []
    if problem := feedback_problem(feedback):
        errors.append(problem)
    try:
        validate_no_bsn(feedback)
    except ValidationError as exc:
        errors.extend(exc.messages)
    if errors:
        raise ValidationError({field: errors})
    return feedback


@transaction.atomic
def signal_decide(*, signal: Signal, user: User, outcome: str, park_reason: str = "") -> Signal:
    """Record what was done: actie ondernomen, meegenomen in plan or geparkeerd (with a reason)."""
    if not selectors.can_handle(user, signal):
        raise PermissionDenied
    errors = _decision_errors(signal=signal, outcome=outcome, park_reason=park_reason)
    if errors:
        raise ValidationError(errors)
    _apply_decision(signal=signal, user=user, outcome=outcome, park_reason=park_reason)
    signal.save(update_fields=["status", "outcome", "park_reason", "picked_up_by", "picked_up_at", "updated_at"])
    return signal


def _decision_errors(*, signal: Signal, outcome: str, park_reason: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if signal.status == Status.ANSWERED:
        errors.setdefault("__all__", []).append(_("Dit signaal is al afgesloten met een terugkoppeling."))
    if outcome not in OUTCOMES:
        errors.setdefault("outcome", []).append(_("Kies wat er met het signaal is gebeurd."))
    if outcome == Status.PARKED and not (park_reason or "").strip():
        errors.setdefault("park_reason", []).append(_("Geef een reden waarom het signaal geparkeerd wordt."))
    return errors


def _apply_decision(*, signal: Signal, user: User, outcome: str, park_reason: str) -> None:
    if signal.picked_up_by_id is None:
        signal.picked_up_by, signal.picked_up_at = user, clock.now()
    signal.status = outcome
    signal.outcome = outcome
    signal.park_reason = (park_reason or "").strip() if outcome == Status.PARKED else ""


@transaction.atomic
def signal_close(
    *, signal: Signal, user: User, feedback: str, outcome: str | None = None, park_reason: str = ""
) -> Signal:
    """Close a signal: only together with a feedback message, which reaches the raiser's inbox.

    ``outcome`` may be given here (decide and close in one step) or recorded before with
    :func:`signal_decide`.
    """
    if not selectors.can_handle(user, signal):
        raise PermissionDenied
    outcome = outcome or signal.outcome
    errors = _decision_errors(signal=signal, outcome=outcome, park_reason=park_reason or signal.park_reason)
    feedback = (feedback or "").strip()
    if not feedback:
        errors.setdefault("feedback", []).append(
            _("Een signaal sluit je af met een terugkoppeling aan de melder. Schrijf wat er met het signaal gebeurt.")
        )
    else:
        try:
            checked_feedback(feedback)
        except ValidationError as exc:
            errors.setdefault("feedback", []).extend(exc.message_dict["feedback"])
    if errors:
        raise ValidationError(errors)
    _apply_decision(signal=signal, user=user, outcome=outcome, park_reason=park_reason or signal.park_reason)
    _answer(signal=signal, user=user, feedback=feedback)
    return signal


def _answer(*, signal: Signal, user: User, feedback: str) -> None:
    signal.status = Status.ANSWERED
    signal.feedback = feedback
    signal.feedback_by = user
    signal.feedback_at = clock.now()
    signal.save()
    body = _("%(outcome)s. %(feedback)s") % {"outcome": signal.get_outcome_display(), "feedback": feedback}
    inbox_send(
        recipient=signal.raised_by,
        kind=InboxKind.SIGNAL_FEEDBACK,
        title=_feedback_title(signal),
        body=body,
        url=reverse("signals:detail", args=[signal.pk]),
    )


@transaction.atomic
def signal_take_into_plan(
    *, signal: Signal, user: User, plan_title: str, plan_url: str, message: str, plan=None
) -> Signal:
    """Called by the plans app: the signal is taken into a plan and the raiser hears so.

    The signal gets outcome "meegenomen in plan" and, because the raiser is told, status
    "teruggekoppeld". ``message`` is the handler's own answer (empty or canned text is refused).
    Allowed for handlers who may see the signal (plan owners see place-level signals;
    person-level ones need a role that may see that household).
    """
    if not selectors.can_handle(user, signal):
        raise PermissionDenied
    if signal.status == Status.ANSWERED and signal.outcome == Status.PLAN and signal.plan_url == plan_url:
        return signal
    message = checked_feedback(message)
    signal.plan_title = plan_title[:200]
    signal.plan_url = plan_url[:300]
    signal.plan = plan
    _apply_decision(signal=signal, user=user, outcome=Status.PLAN, park_reason="")
    _answer(signal=signal, user=user, feedback=message)
    return signal


def signal_plan_decided_notify(*, plan) -> int:
    """The plan's decision reaches the inbox of everyone whose signal was taken into it (once
    per raiser); called by ``plans.services.plan_move_phase`` when a plan is decided."""
    raisers = Signal.objects.filter(plan=plan).order_by().values_list("raised_by_id", flat=True).distinct()
    from django.contrib.auth import get_user_model

    sent = 0
    for raiser in get_user_model().objects.filter(pk__in=raisers, is_active=True).order_by("id"):
        inbox_send(
            recipient=raiser,
            kind=InboxKind.PLAN_DECISION,
            title=_("Besluit over het plan “%(plan)s”") % {"plan": plan.title},
            body=_("Over het plan waarin je signaal is meegenomen is besloten: het gaat naar de fase %(phase)s.")
            % {"phase": plan.get_phase_display().lower()},
            url=reverse("plans:detail", args=[plan.pk]),
        )
        sent += 1
    return sent


__all__ = [
    "OPEN_STATUSES",
    "classifier_retrain_queue",
    "classifier_rollback",
    "signal_close",
    "signal_create",
    "signal_decide",
    "signal_pick_up",
    "signal_plan_decided_notify",
    "signal_take_into_plan",
    "signal_themes_update",
]


@transaction.atomic
def classifier_forget(*, signal_ids: list[int], texts: list[str]) -> dict[str, int]:
    """Erasure (AVG art. 17) reaches the classifier: the staff corrections that hold these signals'
    texts are deleted, every model version trained on them is retired (emptied, never active
    again), and a retrain without them is queued. Models trained before the first such correction
    did not see the text and stay."""
    from django.db.models import Min, Q

    from frontlijn.signals.classifier import registry
    from frontlijn.signals.models import ClassifierModel

    texts = [t for t in texts if t]
    corrections = StaffCorrection.objects.filter(Q(signal_id__in=signal_ids) | Q(text__in=texts))
    first = corrections.aggregate(first=Min("created_at"))["first"]
    if first is None:
        return {"correcties": 0, "modelversies": 0}
    removed, _ = corrections.delete()
    # A version is trained on every correction that existed when it was made (registry.training_data).
    trained_on_it = ClassifierModel.objects.filter(created_at__gte=first, retired_at__isnull=True)
    versions = list(trained_on_it.values_list("version", flat=True))
    trained_on_it.update(retired_at=clock.now(), active=False, blob=b"")
    registry.forget(versions)
    from frontlijn.signals.tasks import retrain_classifier

    transaction.on_commit(lambda: retrain_classifier.enqueue())
    return {"correcties": removed, "modelversies": len(versions)}
