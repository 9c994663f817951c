"""Background work of the dashboard (django-tasks): ``frontlijn dashboard refresh`` every 15 minutes."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_rollup(months: int = 3, everything: bool = False) -> dict:
    """Rebuild the monthly roll-up: the current month and the last ``months`` closed ones (or all)."""
    from frontlijn.dashboard.services import rollup_refresh

    return rollup_refresh(last=months, everything=everything).as_dict()
