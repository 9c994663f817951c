"""``frontlijn serve --production`` loads the classifier once in the master, before forking."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_warm_up_loads_the_classifier_and_leaves_no_connection_open():
    from django.db import connection

    from frontlijn.core.management.commands.serve import _warm_up
    from frontlijn.signals.classifier import registry

    registry._cache.clear()
    _warm_up()
    assert registry._cache  # the workers forked after this inherit the loaded model
    # No database socket shared with the forked workers (SQLite's in-memory test database is the
    # one connection Django never closes; on PostgreSQL and SQLite files this is checked).
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert in_memory or connection.connection is None
