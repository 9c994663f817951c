"""The checks behind ``/health/ready`` (one per app server; docs/deploy.md)."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def readiness_checks() -> dict[str, str]:
    checks = {"database": "ok", "cache": "ok", "migrations": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        checks["database"] = f"unavailable ({type(exc).__name__})"
        checks["migrations"] = "unknown"
    try:
        key, value = f"frontlijn:ready:{uuid.uuid4().hex}", uuid.uuid4().hex
        cache.set(key, value, 30)
        if cache.get(key) != value:
            checks["cache"] = "not shared or not working (a value set was not read back)"
        cache.delete(key)
    except Exception as exc:
        checks["cache"] = f"unavailable ({type(exc).__name__})"
    if checks["database"] == "ok":
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if pending:
                checks["migrations"] = f"{len(pending)} not applied"
        except Exception as exc:
            checks["migrations"] = f"unknown ({type(exc).__name__})"
    return checks
