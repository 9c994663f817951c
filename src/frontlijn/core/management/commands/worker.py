"""``frontlijn worker [--with-scheduler]``: run background tasks from the database queue.

A wrapper around django-tasks-db's ``db_worker`` (same options: ``--queue-name``, ``--interval``,
``--batch``, ``--max-tasks``, ``--worker-id``). ``--with-scheduler`` also runs the periodic runner of
``frontlijn.core.schedule`` in a thread: it enqueues scheduled work, once per scheduled moment across
all servers. With ``--batch`` the scheduler ticks once, then the queue is worked off and the command
ends (for cron-less tests and one-off runs).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.management.base import CommandError
from django.db import close_old_connections, connections
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands import db_worker

from frontlijn.core import schedule

logger = logging.getLogger("frontlijn.worker")


class Command(db_worker.Command):
    help = "Voer achtergrondtaken uit (de databasewachtrij), eventueel met de planner voor periodiek werk."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--with-scheduler",
            action="store_true",
            help="Also enqueue the scheduled work of frontlijn.core.schedule (safe on every server).",
        )
        parser.add_argument(
            "--scheduler-tick",
            type=float,
            default=15.0,
            help="Seconds between two looks at the schedule (default: %(default)s).",
        )
        # Reloading on code changes is for development only; never by default here.
        parser.set_defaults(reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        with_scheduler: bool = options.pop("with_scheduler")
        scheduler_tick: float = options.pop("scheduler_tick")
        backend = task_backends[options.get("backend_name") or "default"]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "frontlijn worker needs the database task queue: set TASKS_BACKEND=django_tasks_db.DatabaseBackend "
                "(the default with FRONTLIJN_ENV=production)."
            )
        if with_scheduler:
            try:
                schedule.jobs()  # a wrong FRONTLIJN_SCHEDULE fails here, at start, not later in the thread
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            worker_id = options["worker_id"]
            if options["batch"]:
                schedule.scheduler_tick(worker_id=worker_id)
                connections.close_all()
            else:
                thread = threading.Thread(
                    target=_scheduler_loop, args=(worker_id, scheduler_tick), name="frontlijn-scheduler", daemon=True
                )
                thread.start()
        super().handle(*args, **options)


def _scheduler_loop(worker_id: str, tick: float) -> None:
    while True:
        close_old_connections()
        try:
            schedule.scheduler_tick(worker_id=worker_id)
        except Exception:  # a database hiccup must not end the scheduler; the next tick tries again
            logger.exception("scheduler tick failed")
        finally:
            close_old_connections()
        time.sleep(tick)
