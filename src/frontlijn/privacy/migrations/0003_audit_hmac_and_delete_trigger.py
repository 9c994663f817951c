"""The audit chain's HMAC key id per row, the checkpoint action (approved prune), and triggers that
refuse UPDATE and DELETE on both databases (security probe, finding 11).

PostgreSQL: the trigger function now lets a DELETE through only inside the approved prune's
transaction (``frontlijn.audit_prune``). SQLite: an UPDATE trigger and, new, a DELETE trigger that
asks a function only Frontlijn's own connections have (``privacy.audit_guard``). SQLite rebuilds
the table to add the column, which drops its triggers: they are created after it.
"""

from django.db import migrations, models

# privacy.audit_guard explains what these guard (and registers the SQLite function they ask).
PG_TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION privacy_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('frontlijn.audit_prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'privacy_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent;
CREATE TRIGGER privacy_auditevent_append_only BEFORE UPDATE OR DELETE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_auditevent_append_only();
"""
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS privacy_auditevent_no_update BEFORE UPDATE ON privacy_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only'); END;",
    "CREATE TRIGGER IF NOT EXISTS privacy_auditevent_no_delete BEFORE DELETE ON privacy_auditevent "
    "WHEN NOT frontlijn_audit_prune_allowed() BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only'); END;",
)


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_TRIGGER_SQL)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def drop_delete_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS privacy_auditevent_no_delete;")


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_append_only_and_officer_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Bekeken"),
                    ("search", "Gezocht"),
                    ("change", "Gewijzigd"),
                    ("create", "Aangemaakt"),
                    ("export", "Geëxporteerd"),
                    ("erase", "Gewist"),
                    ("reason", "Reden opgegeven"),
                    ("retention", "Bewaartermijn toegepast"),
                    ("login", "Ingelogd"),
                    ("login-failed", "Mislukte inlogpoging"),
                    ("locked-out", "Account tijdelijk geblokkeerd"),
                    ("checkpoint", "Auditlog opgeschoond (controlepunt)"),
                ],
                db_index=True,
                max_length=16,
                verbose_name="handeling",
            ),
        ),
        migrations.RunPython(add_triggers, drop_delete_trigger),
    ]
