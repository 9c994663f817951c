"""On PostgreSQL, a trigger refuses UPDATE and DELETE on the audit log (TRUNCATE stays possible
for test-database flushes and restores). On SQLite, which has no TRUNCATE (flushes DELETE), a
trigger refuses UPDATE. Also creates the privacy officer group."""

from django.db import migrations

OFFICER_GROUP = "Functionaris gegevensbescherming"

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION privacy_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'privacy_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent;
CREATE TRIGGER privacy_auditevent_append_only BEFORE UPDATE OR DELETE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_auditevent_append_only();
"""
DROP_SQL = """
DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent;
DROP FUNCTION IF EXISTS privacy_auditevent_append_only();
"""


SQLITE_TRIGGER_SQL = """
CREATE TRIGGER IF NOT EXISTS privacy_auditevent_no_update BEFORE UPDATE ON privacy_auditevent
BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only'); END;
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER_SQL)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS privacy_auditevent_no_update;")


def add_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=OFFICER_GROUP)
    perms = Permission.objects.filter(
        content_type__app_label="privacy", codename__in=["privacy_officer", "view_auditevent"]
    )
    group.permissions.add(*perms)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=OFFICER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_trigger, drop_trigger),
        migrations.RunPython(add_group, remove_group),
    ]
