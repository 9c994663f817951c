"""The household timeline: everything that happened with a household, newest first.

Apps add their own entries (signals, feedback, ...) by registering a provider in their
``AppConfig.ready``: ``timeline.register(provider)`` where ``provider(user, household)`` returns
:class:`Entry` objects already scoped for that user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from frontlijn.lib import clock

if TYPE_CHECKING:
    from frontlijn.teams.models import User


@dataclass
class Entry:
    when: dt.datetime
    kind: str  # "contact", "case", "promise", "signal", ...
    obj: Any
    extra: dict = field(default_factory=dict)
    # The template that shows the entry; an app's own entries use the app's own template.
    template: str = ""

    def __post_init__(self) -> None:
        if not self.template:
            self.template = f"register/_timeline_{self.kind}.html"


Provider = Callable[[Any, Any], list[Entry]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return clock.from_wall_clock(dt.datetime.combine(value, dt.time(12, 0)))


# What the timeline shows of a contact moment and the rows it joins (templates
# register/_timeline_contact.html and the beyond-the-process check); the other columns are not
# loaded. Staff: name and whether they still work here; unit: its buurt; case: its type.
CONTACT_FIELDS = (
    "channel",
    "direction",
    "occurred_at",
    "duration_minutes",
    "subject",
    "process_note",
    "beyond_note",
    "beyond_tags",
    "staff_id",
    "household_id",
    "unit_id",
    "home_seeker_id",
    "case_id",
    "staff__username",
    "staff__first_name",
    "staff__last_name",
    "staff__is_active",
    "unit__buurt_id",
    "case__case_type",
)


def household_timeline(*, user: User, household, limit: int = 50, before: dt.datetime | None = None) -> list[Entry]:
    """The newest ``limit`` entries, or the newest ``limit`` older than ``before`` (paging)."""
    from frontlijn.cases.selectors import case_list
    from frontlijn.contacts.models import Promise
    from frontlijn.contacts.selectors import contact_moment_list, with_beyond_visibility

    contact_qs = contact_moment_list(user=user).filter(household=household)
    case_qs = case_list(user=user).filter(household=household)
    promise_qs = Promise.objects.filter(household=household, contact_moment__isnull=True)
    if before is not None:
        contact_qs = contact_qs.filter(occurred_at__lt=before)
        case_qs = case_qs.filter(registered_on__lte=clock.localdate(before))
        promise_qs = promise_qs.filter(created_at__lt=before)
    contacts = with_beyond_visibility(
        user=user,
        contacts=contact_qs.select_related(None)
        .select_related("staff", "unit", "case")
        .only(*CONTACT_FIELDS)
        .prefetch_related("promises")
        .order_by("-occurred_at")[:limit],
    )
    for contact in contacts:
        contact.household = household  # the page's own household: no join needed
    entries = [Entry(c.occurred_at, "contact", c) for c in contacts]
    cases = case_qs.select_related(None).order_by("-registered_on")[:limit]  # the entry shows the case itself
    entries += [Entry(_as_datetime(c.registered_on), "case", c) for c in cases]
    promises = promise_qs.order_by("-due_date")[:limit]
    entries += [Entry(p.created_at, "promise", p) for p in promises]
    for provider in _providers:
        entries += provider(user, household)
    if before is not None:
        entries = [e for e in entries if e.when < before]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
