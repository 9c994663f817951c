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


def my_day_urgent(*, promises, cases, today) -> list[dict]:
    """ "Mijn dag": open promises and cases in one list, most urgent first — the latest overdue
    at the top, then what is due today, then by date; cases without a target date last."""
    items = [{"kind": "promise", "obj": p, "day": p.due_date} for p in promises]
    items += [{"kind": "case", "obj": c, "day": c.target_date} for c in cases]
    items.sort(key=lambda i: (i["day"] is None, i["day"] or today, i["kind"] != "promise", i["obj"].pk))
    return items
