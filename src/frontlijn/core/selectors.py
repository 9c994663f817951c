from django.db.models import QuerySet

from frontlijn.core.models import InboxMessage


def inbox_list(*, user) -> QuerySet[InboxMessage]:
    """A user's own messages; nobody reads another person's inbox."""
    return InboxMessage.objects.filter(recipient=user)


def inbox_unread_count(*, user) -> int:
    return InboxMessage.objects.filter(recipient=user, read_at__isnull=True).count()
