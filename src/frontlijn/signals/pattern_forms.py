"""Forms for answering a pattern: start a plan, attach to an open plan, or reply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.limits import LimitedCharField
from frontlijn.plans.models import PlanType

if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


def _message_field():
    return LimitedCharField(
        label=_("Bericht aan de melders"),
        help_text=_("Wie een signaal in dit patroon meldde, krijgt dit bericht in de inbox: wat gaat er gebeuren?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de melders een antwoord: wat gebeurt er met hun signalen?")},
    )


class PatternPlanForm(forms.Form):
    title = forms.CharField(
        label=_("Titel van het plan"), max_length=200, error_messages={"required": _("Geef het plan een titel.")}
    )
    plan_type = forms.ChoiceField(
        label=_("Soort plan"),
        choices=PlanType.choices,
        initial=PlanType.LEEFBAARHEID,
        error_messages={"required": _("Kies de soort plan.")},
    )
    description = LimitedCharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    message = _message_field()


class PatternAttachForm(forms.Form):
    plan = forms.TypedChoiceField(
        label=_("Lopend plan"), coerce=int, error_messages={"required": _("Kies een lopend plan.")}
    )
    message = _message_field()

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", _("Kies een plan"))] + [(p.pk, p.title) for p in plans]


class PatternAnswerForm(forms.Form):
    answer = LimitedCharField(
        label=_("Antwoord"),
        help_text=_("Wat doe je met dit patroon? De adviseurs van het gebied krijgen je antwoord in hun inbox."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Een patroon beantwoord je met een toelichting. Schrijf wat je ermee doet.")},
    )
