from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.cases.models import DETAIL_CHOICES, CaseType
from frontlijn.lib.limits import LimitedCharField


class CaseForm(forms.Form):
    case_type = forms.ChoiceField(label=_("Soort zaak"), choices=CaseType.choices)
    detail_type = forms.ChoiceField(label=_("Detailsoort"), choices=DETAIL_CHOICES, required=False)
    description = LimitedCharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Beschrijf waar de zaak over gaat.")},
    )
    target_date = forms.DateField(
        label=_("Streefdatum"),
        required=False,
        help_text=_("Leeg laten: de standaard doorlooptijd van deze soort zaak."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    take_myself = forms.BooleanField(
        label=_("Zelf oppakken"),
        required=False,
        help_text=_("Leeg laten: de zaak gaat naar het team volgens de werkwijze en prioriteiten van het team."),
    )


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Nieuwe status"))
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices
