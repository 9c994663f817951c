"""Background tasks of the core app (django-tasks): inbox mail and the queue's own upkeep."""

from __future__ import annotations

from django_tasks import task

from frontlijn.lib import clock


@task()
def send_inbox_mail(message_id: int) -> bool:
    from frontlijn.core.services import inbox_mail_send

    return inbox_mail_send(message_id=message_id)


@task()
def prune_task_results(days: int = 14) -> int:
    """Delete finished task results older than ``days`` (the database queue keeps every result)."""
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    from frontlijn.core.models import PeriodicRun

    cutoff = clock.now() - timedelta(days=days)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    PeriodicRun.objects.filter(slot__lt=cutoff).delete()
    return deleted
