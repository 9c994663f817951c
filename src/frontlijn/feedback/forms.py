"""The resident's one-minute questionnaire."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frontlijn.feedback.models import Answer3, PromiseAnswer
from frontlijn.lib.validators import validate_no_bsn

GRADES = [(str(n), str(n)) for n in range(1, 11)]


class FeedbackForm(forms.Form):
    grade = forms.TypedChoiceField(
        label=_("Welk rapportcijfer geeft u ons contact?"),
        help_text=_("1 is heel slecht, 10 is uitstekend."),
        choices=GRADES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een cijfer van 1 tot en met 10.")},
    )
    heard = forms.ChoiceField(
        label=_("Voelde u zich gehoord?"),
        choices=Answer3.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja, deels of nee.")},
    )
    promise_kept = forms.ChoiceField(
        label=_("Is gedaan wat is afgesproken?"),
        choices=PromiseAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een antwoord.")},
    )
    comment = forms.CharField(
        label=_("Wilt u nog iets kwijt? (niet verplicht)"),
        help_text=_("Schrijf hier geen burgerservicenummer of andere persoonlijke nummers."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Houd het kort: hoogstens %(limit_value)d tekens.")},
    )
    pass_compliment = forms.BooleanField(
        label=_("Geef mijn toelichting als compliment door aan de medewerker"),
        help_text=_("Uw naam gaat niet mee."),
        required=False,
    )
    contact_opt_in = forms.BooleanField(
        label=_("U mag contact met mij opnemen over mijn antwoord"),
        help_text=_("Zonder dit vinkje blijft uw antwoord anoniem."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_comment(self) -> str:
        value = self.cleaned_data.get("comment", "")
        try:
            validate_no_bsn(value)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return value

    def clean(self):
        data = super().clean()
        if data.get("pass_compliment") and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Schrijf uw compliment hierboven, dan geven we het door."))
        return data
