"""The table of the database cache (settings.CACHE_TABLE), made by `frontlijn migrate` whatever CACHES
says now, so that switching to FRONTLIJN_CACHE=database (the production default) needs no extra step."""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, settings.CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(settings.CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_stored_files_periodic_runs")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
