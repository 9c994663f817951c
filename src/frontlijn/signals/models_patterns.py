"""Patterns (patronen): signals of one theme that cluster in one complex or buurt.

Detection (``signals.patterns.patterns_detect``) raises a :class:`Pattern` when, within
``FRONTLIJN_PATTERN_WINDOW_DAYS``, at least ``FRONTLIJN_PATTERN_MIN_COUNT`` signals of one theme
were raised in one complex (or buurt) and that is at least ``FRONTLIJN_PATTERN_BASELINE_FACTOR``
times the area's own usual rate. A signal belongs to at most one open pattern (a partial unique
constraint on :class:`PatternSignal`). A pattern is answered like a signal: by the team lead of
its area, with a reply, a plan started from it or its signals attached to an open plan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PatternLevel(models.TextChoices):
    COMPLEX = "complex", _("Complex")
    BUURT = "buurt", _("Buurt")


class PatternStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Beantwoord")


class PatternOutcome(models.TextChoices):
    ANSWERED = "beantwoord", _("Beantwoord")
    PLAN_STARTED = "plan", _("Plan gestart")
    PLAN_ATTACHED = "bij-plan", _("Bij een lopend plan gevoegd")


class Pattern(models.Model):
    theme = models.ForeignKey(
        "signals.Theme", on_delete=models.PROTECT, related_name="patterns", verbose_name=_("thema")
    )
    level = models.CharField(_("niveau"), max_length=8, choices=PatternLevel.choices)
    complex = models.ForeignKey(
        "register.Complex",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signal_patterns",
        verbose_name=_("complex"),
    )
    buurt = models.ForeignKey(
        "register.Buurt", on_delete=models.PROTECT, related_name="signal_patterns", verbose_name=_("buurt")
    )
    signals = models.ManyToManyField(
        "signals.Signal", through="signals.PatternSignal", related_name="patterns", verbose_name=_("signalen")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PatternStatus.choices, default=PatternStatus.OPEN, db_index=True
    )
    # What the rule saw when the pattern was raised (kept: the rule's settings may change later).
    window_days = models.PositiveIntegerField(_("venster (dagen)"))
    signal_count = models.PositiveIntegerField(_("aantal signalen"))
    household_count = models.PositiveIntegerField(_("aantal adressen"), default=0)
    expected = models.FloatField(_("gebruikelijk aantal in het venster"), default=0.0)
    raised_at = models.DateTimeField(_("gesignaleerd op"))
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=PatternOutcome.choices, blank=True)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signal_patterns",
        verbose_name=_("plan"),
    )

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("patroon")
        verbose_name_plural = _("patronen")
        indexes = [models.Index(fields=["status", "theme"], name="pattern_status_theme")]

    def __str__(self) -> str:
        return f"{_('Patroon')} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == PatternStatus.OPEN

    @property
    def place_label(self) -> str:
        return str(self.complex) if self.complex_id else str(self.buurt)


class PatternSignal(models.Model):
    """A signal in a pattern. ``open`` mirrors the pattern's status so that the database itself
    keeps a signal in at most one open pattern."""

    pattern = models.ForeignKey(Pattern, on_delete=models.CASCADE, related_name="memberships")
    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE, related_name="pattern_memberships")
    theme = models.ForeignKey("signals.Theme", on_delete=models.CASCADE, related_name="+")
    open = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("signaal in patroon")
        verbose_name_plural = _("signalen in patronen")
        constraints = [
            models.UniqueConstraint(fields=["signal"], condition=Q(open=True), name="signal_one_open_pattern"),
            models.UniqueConstraint(fields=["signal", "theme"], name="signal_once_per_theme_pattern"),
        ]

    def __str__(self) -> str:
        return f"{self.pattern_id}: {self.signal_id}"
