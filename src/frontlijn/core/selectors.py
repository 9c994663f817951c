from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontlijn.core.models import InboxMessage

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def inbox_list(*, user: User) -> QuerySet[InboxMessage]:
    """A user's own messages; nobody reads another person's inbox."""
    return InboxMessage.objects.filter(recipient=user)


def inbox_unread_count(*, user: User) -> int:
    return InboxMessage.objects.filter(recipient=user, read_at__isnull=True).count()
