"""On PostgreSQL, trigram indexes make the name search (``search_key LIKE '%…%'``) an index scan.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. SQLite has no
equivalent; there the search scans the (much smaller) key column.
"""

from django.db import migrations

INDEXES = [
    ("register_resident_search_trgm", "register_resident"),
    ("register_household_search_trgm", "register_household"),
    ("register_homeseeker_search_trgm", "register_homeseeker"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_key gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("register", "0002_search_key")]

    operations = [migrations.RunPython(create, drop)]
