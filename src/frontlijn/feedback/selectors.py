"""Reads of resident feedback for staff: only the answers whose residents asked to be contacted.

An answer without opt-in has no household, so it can never appear here; an opted-in answer is
shown only to staff who may see that household (:mod:`frontlijn.privacy.scoping`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontlijn.feedback.models import FeedbackResponse
from frontlijn.privacy import capabilities, scoping

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def can_follow_up(user: User) -> bool:
    return bool(scoping.sees_residents(user) and not capabilities.role_in(user, "no_resident_follow_up"))


def contact_requests(*, user: User) -> QuerySet[FeedbackResponse]:
    """Opted-in answers not yet followed up, for households in the user's scope."""
    if not can_follow_up(user):
        return FeedbackResponse.objects.none()
    return (
        FeedbackResponse.objects.filter(contact_opt_in=True, contact_handled=False, household__isnull=False)
        .filter(scoping.household_q(user, prefix="household__"))
        .select_related("household", "household__unit")
        .order_by("-period", "household__name")
    )
