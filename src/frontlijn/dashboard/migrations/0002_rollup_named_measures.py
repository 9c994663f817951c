"""The roll-up's unnamed columns n1-n4 become one named column per measure (measures.SOURCES).

The rows are kept: each source's n1-n4 are copied into the columns of its measures, so the
dashboard reads the same figures before and after (a refresh would rebuild them anyway).
"""

from django.db import migrations, models
from django.db.models import F

MEASURES = [
    "count",
    "beyond",
    "proactive",
    "minutes",
    "kept",
    "grade_sum",
    "heard_yes",
    "with_feedback",
    "duration_us",
    "answered",
    "adopted",
]

# source -> {old column: measure}
OLD_COLUMNS = {
    "contacts": {"n1": "count", "n2": "beyond", "n3": "proactive", "n4": "minutes"},
    "promises": {"n1": "count", "n2": "kept"},
    "responses": {"n1": "count", "n2": "grade_sum", "n3": "heard_yes"},
    "signals_raised": {"n1": "count", "n2": "with_feedback"},
    "signals_feedback": {"n1": "count", "n4": "duration_us"},
    "inputs": {"n1": "count", "n2": "answered", "n3": "adopted"},
    "compliments": {"n1": "count"},
    "inbox": {"n1": "count"},
}


def copy_forward(apps, schema_editor):
    MonthlyTotal = apps.get_model("dashboard", "MonthlyTotal")
    for source, columns in OLD_COLUMNS.items():
        MonthlyTotal.objects.filter(source=source).update(**{new: F(old) for old, new in columns.items()})


def copy_back(apps, schema_editor):
    MonthlyTotal = apps.get_model("dashboard", "MonthlyTotal")
    for source, columns in OLD_COLUMNS.items():
        MonthlyTotal.objects.filter(source=source).update(**{old: F(new) for old, new in columns.items()})


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial")]

    operations = [
        *[
            migrations.AddField(model_name="monthlytotal", name=name, field=models.BigIntegerField(default=0))
            for name in MEASURES
        ],
        migrations.RunPython(copy_forward, copy_back),
        *[migrations.RemoveField(model_name="monthlytotal", name=f"n{i}") for i in range(1, 5)],
    ]
