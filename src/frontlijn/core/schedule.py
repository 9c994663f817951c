"""Scheduled work, defined in this one place, and the periodic runner of ``frontlijn worker --with-scheduler``.

Every job is a django-tasks task plus a schedule in the association's time zone. The runner only
*enqueues*: the task itself runs on whichever worker takes it from the queue. Any number of workers
may run the scheduler (one per server is the usual set-up): each scheduled moment ("slot") of a job
gets one ``core.PeriodicRun`` row, whose unique (job, slot) key is taken by exactly one of them
inside the same transaction as the enqueue; the others find the row (or wait on its index entry,
then fail to insert) and enqueue nothing. So a job runs once per moment, not once per server.

Schedules can be changed without code through ``FRONTLIJN_SCHEDULE``, e.g.
``dashboard_refresh=every:5m,retention=daily:03:30,pulse_invite=off`` (docs/deploy.md).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from frontlijn.lib import clock

logger = logging.getLogger(__name__)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A daily, weekly or monthly moment that was missed (no worker ran then) is caught up when a
# scheduler starts within this time after it; older ones are skipped, not replayed.
CATCH_UP = timedelta(hours=12)


@dataclass(frozen=True)
class Schedule:
    """``every`` seconds, or at ``hour``:``minute`` local time each day / on ``weekday`` / on ``day``."""

    kind: str  # "every", "daily", "weekly", "monthly" or "off"
    seconds: int = 0
    hour: int = 0
    minute: int = 0
    weekday: int = 0  # 0 = Monday
    day: int = 1

    @classmethod
    def parse(cls, text: str) -> Schedule:
        text = text.strip().lower()
        if text == "off":
            return cls("off")
        if m := re.fullmatch(r"every:(\d+)([smhd]?)", text):
            n = int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]
            if n <= 0:
                raise ValueError(f"schedule {text!r}: the interval must be positive")
            return cls("every", seconds=n)
        if m := re.fullmatch(r"daily:(\d{1,2}):(\d{2})", text):
            return cls("daily", hour=int(m.group(1)), minute=int(m.group(2)))._checked(text)
        if m := re.fullmatch(r"weekly:(mon|tue|wed|thu|fri|sat|sun):(\d{1,2}):(\d{2})", text):
            return cls(
                "weekly", weekday=WEEKDAYS.index(m.group(1)), hour=int(m.group(2)), minute=int(m.group(3))
            )._checked(text)
        if m := re.fullmatch(r"monthly:(\d{1,2}):(\d{1,2}):(\d{2})", text):
            return cls("monthly", day=int(m.group(1)), hour=int(m.group(2)), minute=int(m.group(3)))._checked(text)
        raise ValueError(
            f"schedule {text!r}: use every:N[s|m|h|d], daily:HH:MM, weekly:DAY:HH:MM, monthly:DD:HH:MM or off"
        )

    def _checked(self, text: str) -> Schedule:
        if not (0 <= self.hour < 24 and 0 <= self.minute < 60 and 1 <= self.day <= 28):
            raise ValueError(f"schedule {text!r}: hour 0-23, minute 0-59, day of the month 1-28")
        return self

    def last_slot(self, now: datetime) -> datetime | None:
        """The latest scheduled moment at or before ``now`` (aware), or None for "off"."""
        if self.kind == "off":
            return None
        if self.kind == "every":
            epoch = int(now.timestamp())
            return datetime.fromtimestamp(epoch - epoch % self.seconds, tz=timezone.get_fixed_timezone(0))
        local = clock.localtime(now)
        tz = local.tzinfo

        def at(day) -> datetime:
            return timezone.make_aware(datetime(day.year, day.month, day.day, self.hour, self.minute), tz)

        day = local.date()
        if self.kind == "daily":
            candidate = at(day)
            return candidate if candidate <= now else at(day - timedelta(days=1))
        if self.kind == "weekly":
            day -= timedelta(days=(day.weekday() - self.weekday) % 7)
            candidate = at(day)
            return candidate if candidate <= now else at(day - timedelta(days=7))
        # monthly
        candidate = at(day.replace(day=self.day))
        if candidate <= now:
            return candidate
        previous = (day.replace(day=1) - timedelta(days=1)).replace(day=self.day)
        return at(previous)

    def catch_up(self) -> timedelta:
        return timedelta(seconds=self.seconds) if self.kind == "every" else CATCH_UP


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path of a django-tasks task
    schedule: Schedule
    kwargs: dict = field(default_factory=dict)
    description: str = ""


# The one list of scheduled work. Times are Europe/Amsterdam (settings.TIME_ZONE), clear of the
# 02:00-03:00 hour that daylight saving time skips or repeats.
JOBS: tuple[Job, ...] = (
    Job(
        "dashboard_refresh",
        "frontlijn.dashboard.tasks.refresh_rollup",
        Schedule.parse("every:15m"),
        description="the dashboard's monthly roll-up (docs/dashboard.md)",
    ),
    Job(
        "retention",
        "frontlijn.gdpr.tasks.retention_task",
        Schedule.parse("daily:03:30"),
        description="retention periods: delete or pseudonymise what is past its term (docs/privacy.md)",
    ),
    Job(
        "feedback_expire",
        "frontlijn.feedback.tasks.expire_feedback_invitations",
        Schedule.parse("daily:03:45"),
        description="unused feedback links: forget who was invited",
    ),
    Job(
        "prune_task_results",
        "frontlijn.core.tasks.prune_task_results",
        Schedule.parse("daily:04:15"),
        description="finished task results and periodic runs older than 14 days",
    ),
    Job(
        "signals_retrain",
        "frontlijn.signals.tasks.retrain_classifier",
        Schedule.parse("weekly:sun:04:30"),
        description="the theme classifier on staff corrections (also every 50 corrections)",
    ),
    Job(
        "signal_patterns",
        "frontlijn.signals.tasks.detect_patterns",
        Schedule.parse("daily:05:00"),
        description="signal patterns: clusters of one theme in one complex or buurt (docs/signals.md)",
    ),
    Job(
        "pulse_invite",
        "frontlijn.appreciation.tasks.pulse_invite_task",
        Schedule.parse("monthly:1:07:00"),
        description="the pulse survey at the start of each period (docs/teams.md)",
    ),
)


def jobs() -> list[Job]:
    """JOBS with the overrides of settings.FRONTLIJN_SCHEDULE applied."""
    overrides: dict[str, Schedule] = {}
    for part in filter(None, (p.strip() for p in (getattr(settings, "FRONTLIJN_SCHEDULE", "") or "").split(","))):
        name, sep, spec = part.partition("=")
        if not sep:
            raise ValueError(f"FRONTLIJN_SCHEDULE: {part!r} is not job=schedule")
        overrides[name.strip()] = Schedule.parse(spec)
    known = {job.name for job in JOBS}
    if unknown := set(overrides) - known:
        raise ValueError(
            f"FRONTLIJN_SCHEDULE: unknown job(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
        )
    return [replace(job, schedule=overrides.get(job.name, job.schedule)) for job in JOBS]


def scheduler_tick(*, worker_id: str, now: datetime | None = None) -> list[str]:
    """Enqueue every job whose latest moment has not been claimed yet; returns the names this call enqueued."""
    from frontlijn.core.models import PeriodicRun

    now = now or clock.now()
    enqueued = []
    for job in jobs():
        slot = job.schedule.last_slot(now)
        if slot is None or now - slot > job.schedule.catch_up():
            continue
        if PeriodicRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = PeriodicRun.objects.create(job=job.name, slot=slot, claimed_by=worker_id[:64])
                result = import_string(job.task).enqueue(**job.kwargs)
                run.task_id = str(result.id)[:64]
                run.save(update_fields=["task_id"])
        except IntegrityError:  # another scheduler took this moment first
            continue
        logger.info("scheduled %s for %s: task %s", job.name, slot.isoformat(), run.task_id)
        enqueued.append(job.name)
    return enqueued
