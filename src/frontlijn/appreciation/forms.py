"""Forms for compliments and the pulse survey."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.appreciation.models import PULSE_QUESTIONS
from frontlijn.core.idempotency import IdempotentFormMixin
from frontlijn.lib import limits
from frontlijn.lib.limits import LimitedCharField

if TYPE_CHECKING:
    from frontlijn.teams.models import Team, User

SCALE = [
    (1, _("1 (helemaal niet)")),
    (2, _("2 (nauwelijks)")),
    (3, _("3 (soms)")),
    (4, _("4 (meestal)")),
    (5, _("5 (helemaal)")),
]


class ComplimentForm(IdempotentFormMixin, forms.Form):
    to_user: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Voor wie"),
        queryset=None,
        empty_label="—",
        error_messages={
            "required": _("Kies de collega voor wie het compliment is."),
            "invalid_choice": _("Kies een collega uit de lijst."),
        },
    )
    text = LimitedCharField(
        max_length=limits.COMPLIMENT,
        label=_("Je compliment"),
        help_text=_("Wat deed je collega goed? Schrijf het zo dat het aankomt."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op waarvoor je het compliment geeft.")},
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = colleagues
        self.fields["to_user"].label_from_instance = lambda u: f"{u} ({u.get_role_display()})"


class PulseForm(forms.Form):
    team: forms.ModelChoiceField[Team] = forms.ModelChoiceField(
        label=_("Voor welk team antwoord je?"),
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een van je eigen teams.")},
    )
    comment = forms.CharField(
        label=_("Toelichting (mag leeg blijven)"),
        help_text=_("Noem geen namen van collega's of bewoners: de toelichting is zichtbaar voor de groep."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_fields = []
        for field, question in PULSE_QUESTIONS:
            self.fields[field] = forms.TypedChoiceField(
                label=question,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een antwoord van 1 tot en met 5.")},
            )
            self.question_fields.append(field)
        self.fields["team"].queryset = teams
        if teams.count() <= 1:
            self.fields["team"].widget = forms.HiddenInput()
            first = teams.first()
            self.initial["team"] = first.pk if first else None

    def questions(self):
        return [self[field] for field in self.question_fields]


class PulseActionForm(forms.Form):
    text = forms.CharField(
        label=_("Wat hebben we met deze uitslag gedaan?"),
        help_text=_("Het hele team ziet dit bij de uitslag. Noem geen namen."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf op wat je met de uitslag hebt gedaan of gaat doen."),
            "max_length": _("Houd het korter dan %(limit_value)s tekens."),
        },
    )
