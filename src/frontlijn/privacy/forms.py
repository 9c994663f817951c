from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.query import BoundedDateField, IdField
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
        known = self.request is not None and throttle.device_known(self.request, username=username)
        if not known and (wait := throttle.address_wait(ip=ip)):
            raise ValidationError(
                _(
                    "Er zijn vanaf dit netwerk veel mislukte inlogpogingen gedaan. Probeer het over "
                    "%(seconds)s seconden opnieuw."
                )
                % {"seconds": wait},
                code="throttled",
            )
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


class AuditQuery(forms.Form):
    """The filters of the audit log (query string)."""

    medewerker = forms.CharField(required=False, max_length=150)
    huishouden = IdField()
    datum = BoundedDateField(required=False)
    handeling = forms.CharField(required=False, max_length=40)
