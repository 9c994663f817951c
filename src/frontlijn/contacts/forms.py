"""Forms for logging a contact moment (with its beyond-the-process part and a promise)."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frontlijn.contacts.models import CHANNEL_CHOICES, CHANNEL_ORDER, BeyondTag, Direction, PromiseKind
from frontlijn.core.idempotency import IdempotentFormMixin
from frontlijn.lib import clock, limits
from frontlijn.lib.clock import LocalDateTimeField
from frontlijn.lib.forms import add_errors
from frontlijn.lib.limits import LimitedCharField
from frontlijn.signals.models import Sensitivity

_channel_names = dict(CHANNEL_CHOICES)
ORDERED_CHANNELS = [(code, _channel_names[code]) for code in CHANNEL_ORDER if code in _channel_names]


class UnboundHtmlCache(forms.BoundField):
    """Renders a field once per language while its form is not bound, then reuses the HTML.

    Only for the fields a form lists in ``STATIC_WHEN_UNBOUND``: fields whose empty-form HTML
    depends on nothing but the language (choices, labels, help texts and initial values fixed in
    the class). Not for fields with per-request choices or initial values, nor once the form is
    bound (entered values, errors). Saves most of the form's rendering on every "log a contact".
    """

    _html: ClassVar[dict[tuple, str]] = {}

    def _cached(self, kind: str, render) -> str:
        form = self.form
        if form.is_bound or self.name not in getattr(form, "STATIC_WHEN_UNBOUND", ()) or self.name in form.initial:
            return render()
        key = (type(form), self.name, kind, get_language(), form.prefix, form.auto_id, form.use_required_attribute)
        html = self._html.get(key)
        if html is None:
            html = self._html[key] = render()
        return html

    def as_field_group(self):
        return self._cached("group", super().as_field_group)

    def __str__(self):
        return self._cached("widget", super().__str__)

    __html__ = __str__  # what templates call ({{ form.field }})


class ContactMomentForm(IdempotentFormMixin, forms.Form):
    bound_field_class = UnboundHtmlCache
    # Fields whose empty-form HTML depends on the language only (see UnboundHtmlCache); not
    # occurred_at (initial: now) nor case (the household's cases).
    STATIC_WHEN_UNBOUND = frozenset(
        {
            "channel",
            "direction",
            "subject",
            "process_note",
            "beyond_note",
            "beyond_tags",
            "promise_description",
            "promise_kind",
            "promise_due_date",
            "duration_other",
            "raise_signal",
            "signal_sensitivity",
        }
    )

    channel = forms.ChoiceField(label=_("Kanaal"), choices=ORDERED_CHANNELS, initial="TEL")
    direction = forms.ChoiceField(
        label=_("Richting"), choices=Direction.choices, initial=Direction.INCOMING, widget=forms.RadioSelect
    )
    occurred_at = LocalDateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={
            "invalid": _("Vul een geldige datum en tijd in."),
            "required": _("Vul de datum en tijd van het contact in."),
        },
    )
    # Chips 5/10/15/30/45 in the template (radio inputs of this name); "duration_other" overrides.
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul de duur in als een heel getal minuten.")},
    )
    duration_other = forms.IntegerField(
        label=_("Andere duur in minuten"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul de duur in als een heel getal minuten.")},
    )
    subject = LimitedCharField(label=_("Onderwerp"), max_length=limits.SUBJECT, required=False)
    process_note = LimitedCharField(
        label=_("Wat is afgehandeld"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    beyond_note = LimitedCharField(
        label=_("Verder dan het proces"),
        help_text=_("Hoe gaat het met de bewoner? Wat speelt er nog?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    beyond_tags = forms.MultipleChoiceField(
        label=_("Labels"), choices=BeyondTag.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    case = forms.TypedChoiceField(label=_("Bij zaak"), required=False, coerce=int, empty_value=None)
    promise_description = forms.CharField(
        label=_("Belofte aan de bewoner"),
        help_text=_("Bijvoorbeeld: ik bel u donderdag terug."),
        max_length=300,
        required=False,
    )
    promise_kind = forms.ChoiceField(
        label=_("Soort belofte"), choices=PromiseKind.choices, initial=PromiseKind.CALL_BACK, required=False
    )
    # Quick dates (vandaag, morgen, vrijdag, volgende week) as chips; "promise_due_date" overrides.
    promise_quick = forms.DateField(
        label=_("Wanneer kom je het na?"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    promise_due_date = forms.DateField(
        label=_("Andere datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    # The note becomes a signal: offered by the suggestion endpoint while the note is typed.
    raise_signal = forms.BooleanField(label=_("Maak hier een signaal van"), required=False)
    signal_theme = forms.ChoiceField(label=_("Thema van het signaal"), required=False)
    signal_sensitivity = forms.ChoiceField(
        label=_("Het signaal gaat over"),
        choices=Sensitivity.choices,
        initial=Sensitivity.PERSON,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, cases=(), themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signal_theme"].choices = [(t.code, t.name) for t in themes]
        self.fields["case"].choices = [("", _("Geen zaak"))] + [
            (c.pk, f"{c.get_case_type_display()} #{c.pk} – {c.status_name}") for c in cases
        ]
        if not self.is_bound:
            self.initial.setdefault("occurred_at", clock.localtime().replace(second=0, microsecond=0))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("duration_other") is not None:
            cleaned["duration_minutes"] = cleaned["duration_other"]
        if cleaned.get("promise_due_date") is None and cleaned.get("promise_quick") is not None:
            cleaned["promise_due_date"] = cleaned["promise_quick"]
        if cleaned.get("raise_signal"):
            if not (cleaned.get("beyond_note") or "").strip():
                self.add_error("beyond_note", _("Schrijf op wat er speelt: dat wordt de tekst van het signaal."))
            if not cleaned.get("signal_theme"):
                self.add_error("signal_theme", _("Kies een thema voor het signaal."))
        cleaned["signal_sensitivity"] = cleaned.get("signal_sensitivity") or Sensitivity.PERSON
        # The domain rules live in the service; run them here too so every problem shows at once.
        from frontlijn.contacts.services import validate_contact

        errors = validate_contact(
            occurred_at=cleaned.get("occurred_at"),
            duration_minutes=cleaned.get("duration_minutes"),
            subject=cleaned.get("subject", ""),
            process_note=cleaned.get("process_note", ""),
            beyond_note=cleaned.get("beyond_note", ""),
        )
        add_errors(self, {k: v for k, v in errors.items() if k not in self.errors})
        cleaned["promise_kind"] = cleaned.get("promise_kind") or PromiseKind.CALL_BACK
        return cleaned
