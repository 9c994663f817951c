"""Plans with the front at the table: plans, phases, input rounds, inputs and their answers.

A plan (verduurzaming, herstructurering, ...) covers an area of complexes, buurten and/or wijken
and moves through fixed phases. Before "besluit" the front staff of the area are invited to an
input round ("aan tafel"); the plan owner answers every input with a reasoned verdict. The gate
before "besluit" only opens when a round was held and every input is answered, or when the
owner records a reason for an exception (shown on the plan for everyone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontlijn.lib import clock
from frontlijn.lib.models import VeraModel

if TYPE_CHECKING:
    from django import forms


class PlanType(models.TextChoices):
    VERDUURZAMING = "verduurzaming", _("Verduurzaming")
    HERSTRUCTURERING = "herstructurering", _("Herstructurering")
    VOORRAADBELEID = "voorraadbeleid", _("Strategisch voorraadbeleid")
    GROOT_ONDERHOUD = "groot-onderhoud", _("Groot onderhoud")
    LEEFBAARHEID = "leefbaarheid", _("Leefbaarheid")
    ANDERS = "anders", _("Anders")


class Phase(models.TextChoices):
    INITIATIEF = "initiatief", _("Initiatief")
    VERKENNING = "verkenning", _("Verkenning")
    ONTWERP = "ontwerp", _("Ontwerp")
    BESLUIT = "besluit", _("Besluit")
    UITVOERING = "uitvoering", _("Uitvoering")
    EVALUATIE = "evaluatie", _("Evaluatie")


PHASE_ORDER: list[str] = [p.value for p in Phase]


def phase_index(phase: str) -> int:
    return PHASE_ORDER.index(phase)


class Plan(VeraModel):
    front_heard: bool  # not a field: set by selectors.plans_overview
    title = models.CharField(_("titel"), max_length=200)
    plan_type = models.CharField(_("soort plan"), max_length=20, choices=PlanType.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_plans", verbose_name=_("planeigenaar")
    )
    phase = models.CharField(_("fase"), max_length=12, choices=Phase.choices, default=Phase.INITIATIEF, db_index=True)
    complexes = models.ManyToManyField(
        "register.Complex", blank=True, related_name="plans", verbose_name=_("complexen")
    )
    buurten = models.ManyToManyField("register.Buurt", blank=True, related_name="plans", verbose_name=_("buurten"))
    wijken = models.ManyToManyField("register.Wijk", blank=True, related_name="plans", verbose_name=_("wijken"))
    decision_planned_on = models.DateField(_("besluit gepland op"), null=True, blank=True)
    # Optimistic lock (frontlijn.lib.locking): raised by every change of the plan's fields.
    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    def __str__(self) -> str:
        return self.title

    @property
    def phase_index(self) -> int:
        return phase_index(self.phase)

    @property
    def is_past_gate(self) -> bool:
        return self.phase_index >= phase_index(Phase.BESLUIT)


class PlanPhaseChange(models.Model):
    """One step in a plan's phase history; its date is the date the phase began."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("van fase"), max_length=12, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("naar fase"), max_length=12, choices=Phase.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    changed_on = models.DateField(_("datum"), default=timezone.localdate)
    changed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")

    def __str__(self) -> str:
        return f"{self.plan}: {self.from_phase or '-'} -> {self.to_phase}"

    @property
    def is_backwards(self) -> bool:
        return bool(self.from_phase) and phase_index(self.to_phase) < phase_index(self.from_phase)


class GateException(models.Model):
    """The owner's recorded reason to move to "besluit" without a (fully answered) round."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="gate_exceptions")
    reason = models.TextField(_("reden voor de uitzondering"))
    open_inputs = models.PositiveIntegerField(_("onbeantwoorde inbreng"), default=0)
    rounds_held = models.PositiveIntegerField(_("gehouden rondes"), default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("uitzondering op de poort")
        verbose_name_plural = _("uitzonderingen op de poort")

    def __str__(self) -> str:
        return f"{self.plan}: {self.reason[:60]}"


class InputRound(VeraModel):
    """An input round ("aan tafel"): a question to the front staff of the plan's area."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("plan"))
    question = models.TextField(_("vraag"))
    deadline = models.DateField(_("uiterlijk op"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("geopend door")
    )
    phase = models.CharField(_("fase bij opening"), max_length=12, choices=Phase.choices)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("inbrengronde")
        verbose_name_plural = _("inbrengrondes")

    def __str__(self) -> str:
        return f"{self.plan}: {self.question[:60]}"

    @property
    def is_open(self) -> bool:
        return clock.today() <= self.deadline


class Invitation(models.Model):
    round = models.ForeignKey(InputRound, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_invitations")
    automatic = models.BooleanField(_("automatisch uitgenodigd"), default=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__first_name", "user__last_name", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="invitation_once_per_round")]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.user} @ {self.round}"


class Stance(models.TextChoices):
    STEUN = "steun", _("Steun")
    ZORG = "zorg", _("Zorg")
    IDEE = "idee", _("Idee")


class Input(VeraModel):
    """One contribution of a staff member to a round."""

    answer_form: forms.Form  # not a field: set by views._round_detail for the plan's manager

    round = models.ForeignKey(InputRound, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("ronde"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_inputs", verbose_name=_("medewerker")
    )
    stance = models.CharField(_("soort inbreng"), max_length=8, choices=Stance.choices)
    text = models.TextField(_("inbreng"))
    signals = models.ManyToManyField(
        "signals.Signal", blank=True, related_name="plan_inputs", verbose_name=_("gekoppelde signalen")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.text[:60]}"

    @property
    def is_answered(self) -> bool:
        return hasattr(self, "answer")


class Verdict(models.TextChoices):
    OVERGENOMEN = "overgenomen", _("Overgenomen")
    DEELS = "deels", _("Deels overgenomen")
    NIET = "niet", _("Niet overgenomen")


ADOPTED_VERDICTS = frozenset({Verdict.OVERGENOMEN, Verdict.DEELS})


class InputAnswer(models.Model):
    """The plan owner's reasoned answer to one input."""

    input = models.OneToOneField(Input, on_delete=models.CASCADE, related_name="answer")
    verdict = models.CharField(_("besluit over de inbreng"), max_length=12, choices=Verdict.choices)
    reason = models.TextField(_("toelichting"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("antwoord op inbreng")
        verbose_name_plural = _("antwoorden op inbreng")

    def __str__(self) -> str:
        return f"{self.get_verdict_display()}: {self.input}"
