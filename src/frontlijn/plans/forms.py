from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from frontlijn.core.idempotency import IdempotentFormMixin
from frontlijn.lib import limits
from frontlijn.lib.limits import LimitedCharField
from frontlijn.lib.locking import VersionField
from frontlijn.plans.models import Phase, PlanType, Stance, Verdict
from frontlijn.register.models import Buurt, Complex, Wijk

if TYPE_CHECKING:
    from frontlijn.signals.models import Signal

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class PlanForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef het plan een titel.")}
    )
    plan_type = forms.ChoiceField(
        label=_("Soort plan"), choices=PlanType.choices, error_messages={"required": _("Kies de soort plan.")}
    )
    description = LimitedCharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    complexes = forms.ModelMultipleChoiceField(
        label=_("Complexen"),
        queryset=Complex.objects.select_related("buurt").order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
    )
    buurten = forms.ModelMultipleChoiceField(
        label=_("Buurten"),
        queryset=Buurt.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    wijken = forms.ModelMultipleChoiceField(
        label=_("Wijken"),
        queryset=Wijk.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    version = VersionField()  # the plan's version when the form was opened (lib/locking.py)
    decision_planned_on = forms.DateField(
        label=_("Besluit gepland op"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def clean(self):
        data = super().clean()
        if not (data.get("complexes") or data.get("buurten") or data.get("wijken")):
            raise forms.ValidationError(_("Kies het gebied van het plan: minstens één complex, buurt of wijk."))
        return data


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Naar fase"), choices=Phase.choices)
    reason = LimitedCharField(
        label=_("Reden"),
        max_length=limits.REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als je het plan terugzet naar een eerdere fase."),
    )
    gate_exception_reason = LimitedCharField(
        max_length=limits.REASON,
        label=_("Reden voor uitzondering op de poort"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Alleen als het plan naar besluit gaat zonder inbrengronde of met onbeantwoorde inbreng. "
            "Iedereen ziet deze reden bij het plan."
        ),
    )


class _StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_role_display()})"


class RoundForm(forms.Form):
    question = LimitedCharField(
        max_length=limits.REASON,
        label=_("Vraag aan de frontmedewerkers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Welke vraag leg je aan de frontmedewerkers voor? Vul hem in.")},
    )
    deadline = forms.DateField(
        label=_("Sluitdatum"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        error_messages={"required": _("Vul een sluitdatum in."), "invalid": _("Vul een geldige datum in.")},
    )
    extra_invitees = _StaffChoiceField(
        label=_("Ook uitnodigen"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("De frontmedewerkers van het gebied worden automatisch uitgenodigd."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extra_invitees"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        )


class InputForm(IdempotentFormMixin, forms.Form):
    stance = forms.ChoiceField(
        label=_("Soort inbreng"),
        choices=Stance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: steun, zorg of idee.")},
    )
    text = LimitedCharField(
        label=_("Jouw inbreng"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf je inbreng op.")},
    )
    signals: forms.ModelMultipleChoiceField[Signal] = forms.ModelMultipleChoiceField(
        label=_("Signalen die erbij horen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, signal_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        from frontlijn.signals.models import Signal

        self.fields["signals"].queryset = signal_queryset if signal_queryset is not None else Signal.objects.none()
        self.fields["signals"].label_from_instance = _signal_label


def _signal_label(signal) -> str:
    themes = ", ".join(t.name for t in signal.themes.all())
    text = " ".join(signal.text.split())
    text = text if len(text) <= 80 else text[:79] + "…"
    return f"#{signal.pk} {themes}: {text}" if themes else f"#{signal.pk}: {text}"


class AnswerForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Wat doe je met deze inbreng?"),
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: overgenomen, deels overgenomen of niet overgenomen.")},
    )
    reason = LimitedCharField(
        label=_("Toelichting voor de medewerker"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Leg uit waarom: de medewerker hoort wat de inbreng heeft veranderd, of waarom niet.")
        },
    )
    signal_feedback = LimitedCharField(
        label=_("Terugkoppeling aan de melders van de gekoppelde signalen"),
        help_text=_(
            "Bij (deels) overnemen gaan de gekoppelde signalen mee in het plan; de melders krijgen dit bericht. "
            "Leeg: ze krijgen je toelichting hierboven."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    invitees = _StaffChoiceField(
        label=_("Collega's uitnodigen"),
        queryset=get_user_model().objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={"required": _("Kies wie je wilt uitnodigen.")},
    )

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        if round is not None:
            qs = qs.exclude(plan_invitations__round=round).exclude(pk=round.plan.owner_id)
        self.fields["invitees"].queryset = qs
