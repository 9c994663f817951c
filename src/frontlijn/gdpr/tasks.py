"""Scheduled work of the gdpr app (django-tasks). Schedule ``retention_task`` nightly."""

from __future__ import annotations

from django_tasks import task


@task()
def retention_task(dry_run: bool = False) -> dict[str, int]:
    from frontlijn.core.idempotency import keys_expire
    from frontlijn.gdpr.retention import retention_apply

    counts = {line.rule.key: line.count for line in retention_apply(dry_run=dry_run)}
    counts["idempotency_keys"] = keys_expire(dry_run=dry_run)
    return counts
