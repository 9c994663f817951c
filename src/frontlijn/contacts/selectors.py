"""Reads of contact moments and promises, scoped by the privacy layer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from frontlijn.contacts.models import ContactMoment, Direction, Promise, PromiseStatus
from frontlijn.lib import clock
from frontlijn.privacy import scoping
from frontlijn.teams.models import Role

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def contact_moment_list(*, user: User) -> QuerySet[ContactMoment]:
    """Contact moments the user may see: those on households/units in scope, and their own."""
    qs = ContactMoment.objects.select_related("staff", "household", "unit", "case")
    # One filter with OR'ed conditions (not querysets OR'ed together: building that SQL costs more).
    own = Q(staff=user)
    if scoping.resident_area_buurt_ids(user) is None:
        visible = Q(home_seeker__isnull=True) | own
    else:
        visible = scoping.unit_q(user, prefix="unit__") | own  # never empty: no area is pk__in=[]
    if scoping.sees_home_seekers(user):
        visible |= Q(home_seeker__isnull=False)
    return qs.filter(visible)


def with_beyond_visibility(*, user: User, contacts) -> list[ContactMoment]:
    """Mark each contact with ``beyond_visible``: may this user read its beyond-the-process part."""
    contacts = list(contacts)
    for contact in contacts:
        contact.beyond_visible = scoping.can_read_beyond_note(user, contact)
    return contacts


def promise_get_own(*, user: User, pk: int) -> Promise:
    """One of the user's own promises, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Promise, pk=pk, owner=user)


def promise_list_open_for(*, user: User) -> QuerySet[Promise]:
    """The user's open promises: overdue ones first, then by due date."""
    today = clock.today()
    return (
        Promise.objects.filter(owner=user, status=PromiseStatus.OPEN)
        .select_related("household")  # the lists show the household's name and link to it
        .annotate(overdue=Case(When(due_date__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("overdue", "due_date", "id")
    )


# The duration staff usually spend per channel (minutes), before their own history says otherwise.
USUAL_MINUTES = {"TEL": 5, "BEZ": 15, "STR": 5, "BAL": 10, "EMA": 5, "APP": 5, "SMS": 5, "BRI": 10, "INT": 5, "INS": 30}
DURATION_PRESETS = (5, 10, 15, 30, 45)
# Field roles at an address: a home visit or a word on the street.
DOOR_ROLES = frozenset({Role.WIJKBEHEERDER, Role.HUISMEESTER})
DOOR_CHANNELS = ("BEZ", "STR")
ROLE_CHANNEL: dict[str, str] = {Role.KCC_MEDEWERKER: "TEL", Role.BALIEMEDEWERKER: "BAL"}
HISTORY = 30  # own recent contacts read for "your usual"


@dataclass(frozen=True)
class ContactDefaults:
    channel: str
    direction: str
    duration_minutes: int
    usual_minutes: dict[str, int]  # per channel, for the form's script when the channel changes


def _snap(minutes: int) -> int:
    return min(DURATION_PRESETS, key=lambda preset: (abs(preset - minutes), preset))


def contact_form_defaults(*, user: User, household=None) -> ContactDefaults:
    """Smart defaults for a new contact: the channel from the role and the user's last choice, the
    channel's usual duration (the user's own most frequent one when they have a history)."""
    recent = list(
        ContactMoment.objects.filter(staff=user)
        .order_by("-occurred_at")
        .values_list("channel", "duration_minutes")[:HISTORY]
    )
    last = recent[0][0] if recent else None
    at_address = household is not None and household.unit_id is not None
    if user.role in ROLE_CHANNEL:
        channel = ROLE_CHANNEL[user.role]
    elif user.role in DOOR_ROLES and at_address:
        channel = last if last in DOOR_CHANNELS else DOOR_CHANNELS[0]
    else:
        channel = last or "TEL"
    usual = dict(USUAL_MINUTES)
    per_channel: dict[str, Counter] = {}
    for code, minutes in recent:
        per_channel.setdefault(code, Counter())[_snap(minutes)] += 1
    for code, counts in per_channel.items():
        if sum(counts.values()) >= 3:
            usual[code] = counts.most_common(1)[0][0]
    direction = Direction.OUTGOING if channel in DOOR_CHANNELS else Direction.INCOMING
    return ContactDefaults(
        channel=channel, direction=direction, duration_minutes=usual.get(channel, 10), usual_minutes=usual
    )


JUST_SAVED_KEY = "frontlijn_contact_just_saved"  # session: the contact saved last, for the QR offer
OFFER_MAX_TEXT = 4000


@dataclass(frozen=True)
class SignalOffer:
    """The classifier's best theme for a beyond-the-process note, when it is sure enough."""

    code: str
    label: str
    score: float
    suggestions: list[tuple[str, float]]
    version: int

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def signal_offer_for(*, text: str, themes, threshold: float | None = None) -> SignalOffer | None:
    """Read a note with the signals classifier; an offer when its best theme scores above the
    threshold (``FRONTLIJN_SIGNAL_OFFER_THRESHOLD``) and the note is long enough to mean something.
    The text is only read, never stored or logged. ``themes``: the active themes."""
    text = (text or "").strip()[:OFFER_MAX_TEXT]
    if len(text) < settings.FRONTLIJN_SIGNAL_OFFER_MIN_CHARS:
        return None
    threshold = settings.FRONTLIJN_SIGNAL_OFFER_THRESHOLD if threshold is None else threshold
    # Imported here: scikit-learn takes seconds to import and only this needs it.
    from frontlijn.signals.classifier import registry

    suggestions, version = registry.suggest(text, top=3)
    if not suggestions or suggestions[0][1] < threshold:
        return None
    code, score = suggestions[0]
    theme = next((t for t in themes if t.code == code), None)
    if theme is None:
        return None
    return SignalOffer(code=code, label=theme.name, score=score, suggestions=suggestions, version=version)


def just_saved_contact(request, *, household) -> ContactMoment | None:
    """The contact the user saved a moment ago on this household (once: the key is taken from the
    session), for the offer to show the resident the feedback QR code."""
    pk = request.session.pop(JUST_SAVED_KEY, None)
    if pk is None:
        return None
    return ContactMoment.objects.filter(pk=pk, staff=request.user, household=household).first()


def has_contact_or_promise_with(user: User, household) -> bool:
    """Whether the user had a contact with the household or holds a promise to it (a relation
    that spares the reason step: frontlijn.privacy.access.add_relation)."""
    return (
        ContactMoment.objects.filter(household=household, staff=user).exists()
        or Promise.objects.filter(household=household, owner=user).exists()
    )
