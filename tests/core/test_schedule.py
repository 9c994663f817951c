"""The scheduled work (frontlijn.core.schedule): moments in Amsterdam time, once per moment across servers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django_tasks_db.models import DBTaskResult

from frontlijn.core import schedule
from frontlijn.core.models import PeriodicRun
from frontlijn.core.schedule import Schedule

AMS = ZoneInfo("Europe/Amsterdam")
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def ams(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMS)


def test_daily_moment_is_in_amsterdam_time_in_the_night_hour():
    daily = Schedule.parse("daily:03:30")
    # 01:30 in Amsterdam on 2 December (00:30 UTC): the last moment is yesterday's 03:30.
    assert daily.last_slot(ams(2026, 12, 2, 1, 30)) == ams(2026, 12, 1, 3, 30)
    assert daily.last_slot(ams(2026, 12, 2, 3, 30)) == ams(2026, 12, 2, 3, 30)


def test_daily_moment_across_the_change_to_summer_time():
    daily = Schedule.parse("daily:03:30")
    # 29 March 2026: clocks go from 02:00 to 03:00; 03:30 local is 01:30 UTC that day.
    slot = daily.last_slot(ams(2026, 3, 29, 4, 0))
    assert slot.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)


def test_weekly_and_monthly_moments():
    weekly = Schedule.parse("weekly:sun:04:30")
    assert weekly.last_slot(ams(2026, 12, 2, 1, 30)) == ams(2026, 11, 29, 4, 30)  # Wednesday -> last Sunday
    monthly = Schedule.parse("monthly:1:07:00")
    assert monthly.last_slot(ams(2026, 12, 2, 1, 30)) == ams(2026, 12, 1, 7, 0)
    assert monthly.last_slot(ams(2026, 12, 1, 6, 59)) == ams(2026, 11, 1, 7, 0)
    assert monthly.last_slot(ams(2027, 1, 1, 6, 0)) == ams(2026, 12, 1, 7, 0)


def test_every_moments_are_aligned_so_every_server_computes_the_same_one():
    every = Schedule.parse("every:15m")
    assert every.last_slot(ams(2026, 12, 2, 1, 44, 59)) == ams(2026, 12, 2, 1, 30)
    assert Schedule.parse("off").last_slot(ams(2026, 12, 2, 1, 0)) is None


@pytest.mark.parametrize("bad", ["every:0", "daily:25:00", "weekly:zon:04:00", "monthly:31:07:00", "hourly"])
def test_a_wrong_schedule_is_refused_with_the_reason(bad):
    with pytest.raises(ValueError, match="schedule"):
        Schedule.parse(bad)


def test_overrides_from_the_setting(settings):
    settings.FRONTLIJN_SCHEDULE = "dashboard_refresh=every:5s, pulse_invite=off"
    by_name = {job.name: job.schedule for job in schedule.jobs()}
    assert by_name["dashboard_refresh"] == Schedule("every", seconds=5)
    assert by_name["pulse_invite"].kind == "off"
    assert by_name["retention"] == Schedule.parse("daily:03:30")
    settings.FRONTLIJN_SCHEDULE = "no_such_job=every:5s"
    with pytest.raises(ValueError, match="unknown job"):
        schedule.jobs()


@pytest.mark.django_db
def test_two_schedulers_enqueue_each_moment_once(settings):
    settings.TASKS = DB_QUEUE
    settings.FRONTLIJN_SCHEDULE = (
        "retention=off,feedback_expire=off,prune_task_results=off,signals_retrain=off,"
        "signal_patterns=off,pulse_invite=off"
    )
    now = ams(2026, 12, 2, 1, 31)
    assert schedule.scheduler_tick(worker_id="server-1", now=now) == ["dashboard_refresh"]
    assert schedule.scheduler_tick(worker_id="server-2", now=now) == []
    assert schedule.scheduler_tick(worker_id="server-2", now=now + dt.timedelta(minutes=10)) == []
    assert schedule.scheduler_tick(worker_id="server-2", now=now + dt.timedelta(minutes=15)) == ["dashboard_refresh"]
    runs = list(PeriodicRun.objects.order_by("slot").values_list("slot", "claimed_by"))
    assert runs == [(ams(2026, 12, 2, 1, 30), "server-1"), (ams(2026, 12, 2, 1, 45), "server-2")]
    assert DBTaskResult.objects.filter(task_path="frontlijn.dashboard.tasks.refresh_rollup").count() == 2


@pytest.mark.django_db
def test_a_missed_night_job_is_caught_up_only_the_same_morning(settings):
    settings.TASKS = DB_QUEUE
    settings.FRONTLIJN_SCHEDULE = (
        "dashboard_refresh=off,feedback_expire=off,prune_task_results=off,signals_retrain=off,"
        "signal_patterns=off,pulse_invite=off"
    )
    assert schedule.scheduler_tick(worker_id="w", now=ams(2026, 12, 2, 9, 0)) == ["retention"]
    assert schedule.scheduler_tick(worker_id="w", now=ams(2026, 12, 3, 23, 0)) == []  # 03:30 was 19.5 h ago
