"""Reads of contact moments and promises, scoped by the privacy layer."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from frontlijn.contacts.models import ContactMoment, Promise, PromiseStatus
from frontlijn.lib import clock
from frontlijn.privacy import scoping


def contact_moment_list(*, user) -> QuerySet[ContactMoment]:
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


def with_beyond_visibility(*, user, contacts) -> list[ContactMoment]:
    """Mark each contact with ``beyond_visible``: may this user read its beyond-the-process part."""
    contacts = list(contacts)
    for contact in contacts:
        contact.beyond_visible = scoping.can_read_beyond_note(user, contact)
    return contacts


def promise_get_own(*, user, pk: int) -> Promise:
    """One of the user's own promises, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Promise, pk=pk, owner=user)


def promise_list_open_for(*, user) -> QuerySet[Promise]:
    """The user's open promises: overdue ones first, then by due date."""
    today = clock.today()
    return (
        Promise.objects.filter(owner=user, status=PromiseStatus.OPEN)
        .select_related("household")  # the lists show the household's name and link to it
        .annotate(overdue=Case(When(due_date__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("overdue", "due_date", "id")
    )
