from django.db import migrations


def add_default_themes(apps, schema_editor):
    from frontlijn.signals.themes import DEFAULT_THEMES

    Theme = apps.get_model("signals", "Theme")
    for order, (code, label, soort, vera_code) in enumerate(DEFAULT_THEMES, start=1):
        Theme.objects.get_or_create(
            code=code, defaults={"label": label, "vera_soort": soort, "vera_code": vera_code, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("signals", "0001_initial")]

    operations = [migrations.RunPython(add_default_themes, migrations.RunPython.noop)]
