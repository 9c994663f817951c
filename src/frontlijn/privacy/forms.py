from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.validators import validate_no_bsn
from frontlijn.privacy import throttle


class LoginForm(AuthenticationForm):
    """Django's login form with throttling, lock-out and the shared-device choice."""

    shared_device = forms.BooleanField(
        label=_("Dit is een gedeeld apparaat (bijvoorbeeld aan de balie)"),
        required=False,
        help_text=_("Je wordt dan na 10 minuten zonder activiteit uitgelogd."),
    )

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = throttle.client_ip(self.request) if self.request else None
        until = throttle.locked_until(username=username, ip=ip)
        if until is not None:
            raise ValidationError(self._locked_message(until), code="locked")
        try:
            return super().clean()
        except ValidationError:
            if username:
                throttle.record_failure(username=username, ip=ip)
                until = throttle.locked_until(username=username, ip=ip)
                if until is not None:
                    from frontlijn.privacy import audit
                    from frontlijn.privacy.models import AuditAction

                    audit.record(user=None, action=AuditAction.LOCKED_OUT, object_type="login", detail={})
                    raise ValidationError(self._locked_message(until), code="locked") from None
            raise

    @staticmethod
    def _locked_message(until) -> str:
        return _(
            "Te veel mislukte pogingen. Je account is tijdelijk geblokkeerd; probeer het over %(minutes)s "
            "minuten opnieuw of neem contact op met de functioneel beheerder."
        ) % {"minutes": throttle.minutes_left(until)}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit je authenticator-app"),
        help_text=_("Telefoon kwijt? Vul dan een van je herstelcodes in."),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": _("Vul de code van 6 cijfers in.")},
    )


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
