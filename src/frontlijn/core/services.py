"""Writes for the inbox."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction

from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.lib import clock
from frontlijn.lib.urls import absolute

if TYPE_CHECKING:
    from frontlijn.teams.models import User

logger = logging.getLogger(__name__)


@transaction.atomic
def inbox_send(*, recipient, title: str, body: str = "", url: str = "", kind: str = InboxKind.OTHER) -> InboxMessage:
    """Put a message in the user's inbox and e-mail it when they have an address: the mail is a
    background task (``core.tasks.send_inbox_mail``, on the worker in production), enqueued after commit."""
    message = InboxMessage.objects.create(recipient=recipient, kind=kind, title=title[:200], body=body, url=url)
    if recipient.email:
        from frontlijn.core.tasks import send_inbox_mail

        transaction.on_commit(lambda: send_inbox_mail.enqueue(message.pk))
    return message


def inbox_mail_send(*, message_id: int) -> bool:
    """E-mail an inbox message to its recipient; False when there is nothing (left) to send."""
    message = InboxMessage.objects.select_related("recipient").filter(pk=message_id).first()
    if message is None or not message.recipient.email:
        return False
    try:
        send_mail(
            f"Frontlijn: {message.title}",
            # a mail reader has no "current site": the link is built from the public URL
            f"{message.body}\n\n{absolute(message.url) if message.url else ''}".strip(),
            None,
            [message.recipient.email],
        )
    except Exception:  # mail is a courtesy; the inbox is the record
        logger.warning("inbox mail could not be sent (message %s)", message.pk)
        return False
    return True


def inbox_mark_read(*, user: User, message_ids: list[int] | None = None) -> int:
    qs = InboxMessage.objects.filter(recipient=user, read_at__isnull=True)
    if message_ids is not None:
        qs = qs.filter(pk__in=message_ids)
    return qs.update(read_at=clock.now())
