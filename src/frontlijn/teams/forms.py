"""Forms for teams: way of working, contact target, priorities, hand-over, absence, visit rounds."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from frontlijn.cases.models import CaseType
from frontlijn.core.idempotency import IdempotentFormMixin
from frontlijn.lib import clock
from frontlijn.lib.clock import LocalDateTimeField
from frontlijn.lib.limits import LimitedCharField
from frontlijn.lib.locking import VersionField
from frontlijn.lib.query import MAX_YEAR, MIN_YEAR
from frontlijn.teams.models import User, WayOfWorking
from frontlijn.teams.models_work import PriorityKind, RoundCriterion, VisitOutcome

if TYPE_CHECKING:
    from frontlijn.register.models import Complex

DATE_WIDGET: dict[str, Any] = {
    "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "input_formats": ["%Y-%m-%d", "%d-%m-%Y"],
}
DATE_ERRORS = {"invalid": _("Vul een geldige datum in."), "required": _("Vul een datum in.")}


def theme_choices() -> list[tuple[str, str]]:
    """Signal themes, when the signals app provides them (it is optional for teams)."""
    try:
        theme = apps.get_model("signals", "Theme")
    except LookupError:
        return []
    try:
        return [(t.code, t.name) for t in theme.objects.filter(active=True).order_by("order", "label")]
    except Exception:  # table not migrated yet
        return []


def priority_label(kind: str, code: str, themes: dict[str, str] | None = None) -> str:
    if kind == PriorityKind.CASE_TYPE:
        return str(dict(CaseType.choices).get(code, code))
    themes = themes if themes is not None else dict(theme_choices())
    return str(_("Signalen: %(theme)s") % {"theme": themes.get(code, code)})


class WayOfWorkingForm(forms.Form):
    way_of_working = forms.ChoiceField(
        label=_("Werkwijze"),
        choices=WayOfWorking.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Wijkgericht: al het werk in jullie wijken komt bij het team. "
            "Functiegericht: werk gaat naar de medewerkers met de rol die erbij hoort."
        ),
        error_messages={"required": _("Kies wijkgericht of functiegericht.")},
    )
    version = VersionField()


class ContactTargetForm(forms.Form):
    contact_target_percent = forms.IntegerField(
        label=_("Doel: deel van de werktijd voor echt contact (%)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul een heel getal in, bijvoorbeeld 30."),
            "required": _("Vul een percentage in, bijvoorbeeld 30."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("Werkuren per week (voltijd)"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul een heel getal in, bijvoorbeeld 36."),
            "required": _("Vul het aantal uren in."),
        },
    )

    def clean_contact_target_percent(self):
        value = self.cleaned_data["contact_target_percent"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(
                _("Het doel is een percentage van de werktijd: een getal van 0 tot en met 100. Je vulde %(v)s in.")
                % {"v": value}
            )
        return value

    def clean_hours_per_week(self):
        value = self.cleaned_data["hours_per_week"]
        if not 1 <= value <= 60:
            raise forms.ValidationError(_("Een werkweek is 1 tot en met 60 uur."))
        return value

    version = VersionField()


class PriorityAddForm(forms.Form):
    item = forms.ChoiceField(
        label=_("Prioriteit toevoegen"), error_messages={"required": _("Kies een soort zaak of een thema.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups: list = [("", "—"), (_("Soort zaak"), [(f"zaak:{v}", label) for v, label in CaseType.choices])]
        themes = theme_choices()
        if themes:
            groups.append((_("Thema van signalen"), [(f"thema:{code}", label) for code, label in themes]))
        self.fields["item"].choices = groups
        self.fields["item"].error_messages["invalid_choice"] = _("Kies een soort zaak of een thema uit de lijst.")

    def parsed(self) -> tuple[str, str]:
        kind, _sep, code = self.cleaned_data["item"].partition(":")
        return kind, code


class HandoverForm(forms.Form):
    to_user: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Aan collega"),
        queryset=None,
        empty_label="—",
        error_messages={"required": _("Kies de collega die de zaak overneemt.")},
    )
    note = forms.CharField(label=_("Toelichting voor je collega"), max_length=300, required=False)

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = colleagues
        self.fields["to_user"].label_from_instance = lambda u: f"{u} ({u.get_role_display()})"


class AbsenceForm(forms.Form):
    start_date = forms.DateField(label=_("Afwezig van"), error_messages=DATE_ERRORS, **DATE_WIDGET)
    end_date = forms.DateField(label=_("Tot en met"), error_messages=DATE_ERRORS, **DATE_WIDGET)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("De einddatum ligt op of na de begindatum."))
        return data


class VisitRoundForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de ronde"),
        max_length=120,
        error_messages={"required": _("Geef de ronde een naam, bijvoorbeeld: 75-plussers Bloemhof.")},
    )
    criterion = forms.ChoiceField(
        label=_("Wie bezoeken we?"),
        choices=RoundCriterion.choices,
        widget=forms.RadioSelect,
        initial=RoundCriterion.COMPLEX,
    )
    complex: forms.ModelChoiceField[Complex] = forms.ModelChoiceField(
        label=_("Complex"),
        queryset=None,
        required=False,
        empty_label=_("— alle complexen van het team —"),
        help_text=_("Nodig bij 'alle huishoudens van een complex'; bij de andere keuzes beperkt het de ronde."),
    )
    start_date = forms.DateField(label=_("Start"), error_messages=DATE_ERRORS, **DATE_WIDGET)
    end_date = forms.DateField(label=_("Klaar op"), error_messages=DATE_ERRORS, **DATE_WIDGET)
    minutes_per_visit = forms.IntegerField(
        label=_("Minuten per bezoek"),
        initial=30,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een heel getal in."), "required": _("Vul het aantal minuten in.")},
    )

    def __init__(self, *args, complexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["complex"].queryset = complexes
        if not self.is_bound:
            today = clock.today()
            self.initial.setdefault("start_date", today)
            self.initial.setdefault("end_date", today + dt.timedelta(days=27))


class VisitRecordForm(IdempotentFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=VisitOutcome.choices,
        initial=VisitOutcome.VISITED,
        required=False,  # none chosen: a visit (the common case)
        widget=forms.RadioSelect,
    )
    occurred_at = LocalDateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={"invalid": _("Vul een geldige datum en tijd in."), "required": _("Vul de datum en tijd in.")},
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul de duur in als een heel getal minuten."),
            "required": _("Vul de duur in minuten in."),
        },
    )
    process_note = LimitedCharField(
        label=_("Wat is besproken of geregeld"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    beyond_note = LimitedCharField(
        label=_("Verder dan het proces"),
        help_text=_("Hoe gaat het met de bewoner? Wat speelt er?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("occurred_at", clock.localtime().replace(second=0, microsecond=0))

    def clean_outcome(self):
        return self.cleaned_data.get("outcome") or VisitOutcome.VISITED

    def clean(self):
        data = super().clean()
        visited = data.get("outcome") == VisitOutcome.VISITED
        if visited and data.get("duration_minutes") is None and "duration_minutes" not in self.errors:
            self.add_error("duration_minutes", _("Vul de duur in minuten in."))
        return data


class WeekQuery(forms.Form):
    week = forms.CharField(required=False, max_length=10)  # "2025-W07", as an <input type=week> sends it

    def clean_week(self):
        value = self.cleaned_data["week"]
        if not value:
            return None
        from frontlijn.teams.selectors import parse_week

        start = parse_week(value, default=None)
        if start is None or not MIN_YEAR <= start.year <= MAX_YEAR:
            raise forms.ValidationError(_("Ongeldige week: gebruik bijvoorbeeld 2026-W07."))
        return start
