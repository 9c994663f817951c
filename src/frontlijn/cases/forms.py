from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.cases.models import (
    STATUS_NAMES,
    CaseType,
    detail_codes_for,
    detail_mismatch_message,
    detail_type_choices,
)
from frontlijn.core.idempotency import IdempotentFormMixin
from frontlijn.lib.limits import LimitedCharField


class CaseForm(forms.Form):
    case_type = forms.ChoiceField(label=_("Soort zaak"), choices=CaseType.choices)
    # Grouped by case type; cases/case_form.js offers only the chosen type's group, clean() checks it.
    detail_type = forms.ChoiceField(
        label=_("Detailsoort"),
        choices=detail_type_choices,
        required=False,
        help_text=_("Alleen de detailsoorten van de gekozen soort zaak; een reparatieverzoek heeft er geen."),
    )
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

    def clean(self):
        data = super().clean()
        case_type, detail = data.get("case_type"), data.get("detail_type")
        if case_type and detail and detail not in dict(detail_codes_for(case_type)):
            self.add_error("detail_type", detail_mismatch_message(case_type))
        return data


class StatusForm(IdempotentFormMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("Nieuwe status"))
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, choices=(), current_version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        to_status = self.fields["to_status"]
        assert isinstance(to_status, forms.ChoiceField)  # declared above
        to_status.choices = choices
        if self.is_bound and current_version is not None and self.data.get("version") != str(current_version):
            # Made on an older version of the case: the choices the user saw may no longer be on
            # offer. Accept any status here; the service then reports the conflict (not "no choice").
            to_status.choices = [(code, name) for code, name in STATUS_NAMES.items()]
