"""Scheduled work of the appreciation app (django-tasks). Schedule ``pulse_invite_task`` at the
start of every pulse period (e.g. on the first working day of the month)."""

from __future__ import annotations

from django_tasks import task


@task()
def pulse_invite_task(period: str | None = None) -> int:
    from frontlijn.appreciation.services import pulse_invite

    return pulse_invite(period=period)
