"""The dashboard's monthly roll-up: pre-aggregated totals per month (see rollup.py).

The roll-up is a cache, not a source: every row can be rebuilt from the source tables with
``frontlijn dashboard refresh``. It holds numbers only — counts and sums per month and per
dimension — never a text, a resident or an answer. Dimensions are plain ids, not foreign keys,
so the roll-up never blocks or cascades a delete; the figures join them to the *current* teams,
roles and wijken when they are read, exactly as the live computation does.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyTotal(models.Model):
    """One cell: the totals of one source for one month and one combination of dimensions.

    One column per named measure (declared in ``measures.SOURCES``; a source fills the columns
    of its measures, the others stay 0), e.g. for ``contacts``: ``count``, ``beyond``,
    ``proactive``, ``minutes``. All are whole numbers, so sums of cells are exact.
    """

    source = models.CharField(max_length=24)
    month = models.DateField()
    staff_id = models.BigIntegerField(null=True)
    buurt_id = models.BigIntegerField(null=True)
    wijk_id = models.BigIntegerField(null=True)
    team_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=8, blank=True, default="")
    # Measures (see measures.SOURCES for which source fills which).
    count = models.BigIntegerField(default=0)  # rows of the source
    beyond = models.BigIntegerField(default=0)  # contacts with a beyond-the-process part
    proactive = models.BigIntegerField(default=0)  # proactive contacts
    minutes = models.BigIntegerField(default=0)  # contact minutes
    kept = models.BigIntegerField(default=0)  # promises kept on time
    grade_sum = models.BigIntegerField(default=0)  # sum of residents' grades
    heard_yes = models.BigIntegerField(default=0)  # residents who felt heard
    with_feedback = models.BigIntegerField(default=0)  # signals raised that got feedback
    duration_us = models.BigIntegerField(default=0)  # microseconds from signal to feedback
    answered = models.BigIntegerField(default=0)  # plan inputs answered
    adopted = models.BigIntegerField(default=0)  # plan inputs (partly) adopted

    class Meta:
        verbose_name = _("maandtotaal")
        verbose_name_plural = _("maandtotalen")
        indexes = [models.Index(fields=["source", "month"], name="dash_total_source_month")]

    def __str__(self) -> str:
        return f"{self.source} {self.month:%Y-%m}"


class RollupMonth(models.Model):
    """That a month is in the roll-up, and as of when (the start of the refresh that built it)."""

    month = models.DateField(primary_key=True)
    refreshed_at = models.DateTimeField()
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("maand in het maandoverzicht")
        verbose_name_plural = _("maanden in het maandoverzicht")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} ({self.refreshed_at:%Y-%m-%d %H:%M})"
