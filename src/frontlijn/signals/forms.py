"""Forms for raising and answering signals."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.core.idempotency import IdempotentFormMixin
from frontlijn.lib import limits
from frontlijn.lib.limits import LimitedCharField
from frontlijn.signals.models import OUTCOMES, Sensitivity, Urgency


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)]


class SignalForm(IdempotentFormMixin, forms.Form):
    text = LimitedCharField(
        label=_("Wat viel je op?"),
        help_text=_("Kort is goed. Schrijf geen BSN of medische details op."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat je opviel.")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Thema's"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één thema.")},
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"), choices=Urgency.choices, initial=Urgency.NORMAL, widget=forms.RadioSelect
    )
    sensitivity = forms.ChoiceField(
        label=_("Gaat het over"),
        choices=Sensitivity.choices,
        initial=Sensitivity.PLACE,
        widget=forms.RadioSelect,
        help_text=_("Een signaal over een persoon zien alleen collega's die dit huishouden mogen zien."),
    )
    address = forms.CharField(
        label=_("Adres: postcode en huisnummer"),
        required=False,
        max_length=40,
        help_text=_("Bijvoorbeeld 1234 AB 12 of 1234 AB 12-2."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text", "autocapitalize": "characters"}),
    )
    wijk = forms.TypedChoiceField(label=_("Wijk"), required=False, coerce=int, empty_value=None)
    buurt = forms.TypedChoiceField(label=_("Buurt"), required=False, coerce=int, empty_value=None)
    complex = forms.TypedChoiceField(label=_("Complex"), required=False, coerce=int, empty_value=None)
    photos = MultipleFileField(
        label=_("Foto's (optioneel)"),
        required=False,
        help_text=_("JPEG, PNG of WebP, hoogstens 8 MB per foto. Locatiegegevens halen we eruit."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, themes=(), wijken=(), buurten=(), complexes=(), fixed_place: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["themes"]).choices = [(t.code, t.name) for t in themes]
        cast(forms.ChoiceField, self.fields["wijk"]).choices = [("", _("Kies een wijk"))] + [
            (w.pk, str(w)) for w in wijken
        ]
        cast(forms.ChoiceField, self.fields["buurt"]).choices = [("", _("Kies een buurt"))] + [
            (b.pk, f"{b} ({b.wijk})") for b in buurten
        ]
        cast(forms.ChoiceField, self.fields["complex"]).choices = [("", _("Geen complex"))] + [
            (c.pk, str(c)) for c in complexes
        ]
        if fixed_place:
            for name in ("address", "wijk", "buurt", "complex"):
                del self.fields[name]


class PickUpForm(forms.Form):
    feedback = LimitedCharField(
        label=_("Bericht aan de melder"),
        help_text=_("Schrijf in je eigen woorden wat je met het signaal gaat doen. De melder krijgt dit in de inbox."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de melder een antwoord: wat gebeurt er met het signaal?")},
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Wat is er met het signaal gebeurd?"),
        choices=[(s.value, s.label) for s in OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat er met het signaal is gebeurd.")},
    )
    park_reason = LimitedCharField(
        max_length=limits.REASON,
        label=_("Reden om te parkeren"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feedback = LimitedCharField(
        label=_("Terugkoppeling aan de melder"),
        help_text=_("De melder krijgt dit bericht in de inbox."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _(
                "Een signaal sluit je af met een terugkoppeling aan de melder. Schrijf wat er met het signaal gebeurt."
            )
        },
    )
