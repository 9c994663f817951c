"""Writes for the inbox."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction

from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.lib import clock
from frontlijn.lib.urls import absolute

logger = logging.getLogger(__name__)


@transaction.atomic
def inbox_send(*, recipient, title: str, body: str = "", url: str = "", kind: str = InboxKind.OTHER) -> InboxMessage:
    """Put a message in the user's inbox and e-mail it (after commit) when they have an address."""
    message = InboxMessage.objects.create(recipient=recipient, kind=kind, title=title[:200], body=body, url=url)
    if recipient.email:

        def _mail() -> None:
            try:
                link = absolute(url)  # a mail reader has no "current site": the public URL
                send_mail(f"Frontlijn: {message.title}", f"{body}\n\n{link}".strip(), None, [recipient.email])
            except Exception:  # mail is a courtesy; the inbox is the record
                logger.warning("inbox mail could not be sent (message %s)", message.pk)

        transaction.on_commit(_mail)
    return message


def inbox_mark_read(*, user, message_ids: list[int] | None = None) -> int:
    qs = InboxMessage.objects.filter(recipient=user, read_at__isnull=True)
    if message_ids is not None:
        qs = qs.filter(pk__in=message_ids)
    return qs.update(read_at=clock.now())
