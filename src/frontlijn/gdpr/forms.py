"""Forms of the reason step and the data-subject requests."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.validators import validate_no_bsn

REASON_CHOICES = [
    ("contact", _("De bewoner belt, mailt of staat aan de balie")),
    ("zaak", _("Ik handel een melding of zaak af voor dit huishouden")),
    ("collega", _("Ik help een collega op verzoek")),
    ("beheer", _("Functioneel beheer of controle")),
    ("anders", _("Anders, namelijk:")),
]


class ReasonForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom open je dit huishouden?"),
        choices=REASON_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een reden.")},
    )
    other = forms.CharField(label=_("Toelichting"), max_length=200, required=False, validators=[validate_no_bsn])
    reason_choices = REASON_CHOICES
    other_missing = _("Schrijf kort op waarom je dit huishouden opent.")

    def clean(self):
        data = super().clean()
        if data.get("reason") == "anders" and not (data.get("other") or "").strip():
            self.add_error("other", self.other_missing)
        return data

    def reason_text(self) -> str:
        label = str(dict(self.reason_choices)[self.cleaned_data["reason"]])
        other = (self.cleaned_data.get("other") or "").strip()
        return f"{label} {other}".strip() if other else label


BEYOND_REASON_CHOICES = [
    ("gesprek", _("De bewoner is nu aan de lijn of aan de balie en het gesprek vraagt erom")),
    ("anders", _("Anders, namelijk:")),
]


class BeyondReasonForm(ReasonForm):
    """The reason step before an organisation-wide role reads beyond-the-process notes."""

    reason = forms.ChoiceField(
        label=_("Waarom lees je deze notities?"),
        choices=BEYOND_REASON_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een reden.")},
    )

    reason_choices = BEYOND_REASON_CHOICES
    other_missing = _("Schrijf kort op waarom je deze notities leest.")


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Grond van het verzoek"),
        max_length=300,
        help_text=_("Bijvoorbeeld: verzoek van de bewoner van 3 maart, kenmerk AVG-2024-12."),
        validators=[validate_no_bsn],
        error_messages={"required": _("Vul de grond van het verzoek in.")},
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat dit niet ongedaan kan worden"),
        error_messages={"required": _("Bevestig dat je de gegevens wilt wissen.")},
    )


class SubjectQuery(forms.Form):
    q = forms.CharField(required=False, max_length=200)
