"""Background work in production: enqueued by the request, run by ``frontlijn worker`` (django-tasks-db)."""

from __future__ import annotations

import signal
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from frontlijn.signals.models import ClassifierModel, Signal, StaffCorrection
from tests.factories import ContactMomentFactory, UserFactory, staff_in

# Transactional: the worker, as in production, checks its connection between tasks
# (close_old_connections), which would close a test's wrapping transaction on PostgreSQL; and the
# tasks are enqueued at commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_queue(settings):
    settings.TASKS = DB_QUEUE
    yield
    # The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run_worker_once() -> None:
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_correction_that_triggers_a_retrain_returns_at_once_and_the_worker_retrains(
    db_queue, settings, client_for, fresh_registry
):
    settings.FRONTLIJN_SIGNAL_RETRAIN_EVERY = 50
    StaffCorrection.objects.bulk_create(
        [
            StaffCorrection(
                text=f"Blauwe spikkels zoldertrap {i}", suggested_code="onderhoud", chosen_code="woonwensen"
            )
            for i in range(49)
        ]
    )
    contact = ContactMomentFactory()
    client = client_for(staff_in(contact.unit.buurt))
    started = time.monotonic()
    response = client.post(
        f"/signalen/nieuw/?contact={contact.pk}",
        # The classifier suggests vocht-schimmel first; staff choose another theme: the 50th correction.
        {
            "text": "Zwarte schimmel op het plafond van de badkamer",
            "themes": ["geluid"],
            "urgency": "normaal",
            "sensitivity": "plek",
        },
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 302, response.content.decode()[:500]
    assert Signal.objects.count() == 1 and StaffCorrection.objects.count() == 50
    # The request only enqueued the retrain: no new model yet, one task waiting for a worker.
    assert not ClassifierModel.objects.exists()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "frontlijn.signals.tasks.retrain_classifier"
    assert queued.status == "READY"
    assert elapsed < 5, f"the request took {elapsed:.1f} s: the retrain ran inside it"

    run_worker_once()

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.exception_class_path
    model = ClassifierModel.objects.get()
    assert model.version == 2 and model.n_corrections == 50
    assert queued.return_value["version"] == 2


def test_inbox_mail_is_sent_by_the_worker_not_by_the_request(db_queue):
    from frontlijn.core.services import inbox_send

    user = UserFactory(email="medewerker@example.org")
    inbox_send(recipient=user, title="Terugkoppeling", body="Je signaal is opgepakt.", url="/signalen/1/")
    assert mail.outbox == []
    assert DBTaskResult.objects.get().task_path == "frontlijn.core.tasks.send_inbox_mail"
    run_worker_once()
    assert [m.subject for m in mail.outbox] == ["Frontlijn: Terugkoppeling"]
    assert "/signalen/1/" in mail.outbox[0].body


def test_the_worker_refuses_without_the_database_queue(settings):
    from django.core.management.base import CommandError

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises((CommandError, SystemExit)):
        call_command("worker", "--batch")


def test_a_wrong_schedule_stops_the_worker_at_start_with_the_reason(db_queue, settings):
    from django.core.management.base import CommandError

    settings.FRONTLIJN_SCHEDULE = "dashboard_refresh=hourly"
    with pytest.raises(CommandError, match="hourly"):
        call_command("worker", "--batch", "--with-scheduler", "--no-startup-delay")
