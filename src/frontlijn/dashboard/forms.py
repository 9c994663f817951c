"""The dashboard's filter: team, wijk, last month and how many months."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.dashboard import periods, selectors
from frontlijn.lib import clock

if TYPE_CHECKING:
    from frontlijn.register.models import Wijk
    from frontlijn.teams.models import Team, User

MONTH_CHOICES = [(6, _("6 maanden")), (12, _("12 maanden")), (24, _("24 maanden"))]


def month_field() -> forms.DateField:
    """The month a view ends on (``2026-03``), for the dashboard filter and the comparison."""
    return forms.DateField(
        label=_("Tot en met maand"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Kies een maand, bijvoorbeeld 2026-03.")},
    )


class DashboardFilterForm(forms.Form):
    team: forms.ModelChoiceField[Team] = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("Alle teams")
    )
    wijk: forms.ModelChoiceField[Wijk] = forms.ModelChoiceField(
        label=_("Wijk"), queryset=None, required=False, empty_label=_("Alle wijken")
    )
    month = month_field()
    months = forms.TypedChoiceField(label=_("Periode"), choices=MONTH_CHOICES, coerce=int, required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        team = cast("forms.ModelChoiceField[Team]", self.fields["team"])
        team.queryset = selectors.dashboard_teams(user=user)
        cast("forms.ModelChoiceField[Wijk]", self.fields["wijk"]).queryset = selectors.dashboard_wijken(user=user)
        self.fields["month"].initial = periods.last_complete_month()
        self.fields["months"].initial = 12
        if not selectors.sees_whole_association(user):
            team.required = True
            team.empty_label = None

    def clean_month(self) -> dt.date | None:
        """The month asked for, or None: the view then chooses (exports: the last complete month)."""
        value = self.cleaned_data.get("month")
        today = clock.today()
        if value is None:
            return periods.last_complete_month(today)
        if value > today:
            raise forms.ValidationError(_("Kies een maand die al begonnen is."))
        return value.replace(day=1)

    def clean_months(self) -> int:
        return self.cleaned_data.get("months") or 12


class ComparisonForm(forms.Form):
    """The comparison's choices: which indicator, how many months, up to which month, the order."""

    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    months = forms.TypedChoiceField(
        label=_("Periode"), choices=[c for c in MONTH_CHOICES if c[0] != 6], coerce=int, required=False
    )
    month = month_field()
    sort = forms.ChoiceField(label=_("Sorteer op"), required=False)
    richting = forms.ChoiceField(
        label=_("Volgorde"), choices=[("op", _("oplopend")), ("af", _("aflopend"))], required=False
    )

    def __init__(self, *args, **kwargs):
        from frontlijn.dashboard import comparison, indicators

        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(key, indicators.LABELS[key]) for key in comparison.INDICATORS]
        self.fields["sort"].choices = list(comparison.SORTS.items())
        self.fields["month"].initial = periods.last_complete_month()
        self.fields["months"].initial = 12

    def clean_indicator(self) -> str:
        from frontlijn.dashboard import comparison

        return self.cleaned_data.get("indicator") or next(iter(comparison.INDICATORS))

    def clean_months(self) -> int:
        return self.cleaned_data.get("months") or 12

    def clean_month(self) -> dt.date:
        value = self.cleaned_data.get("month")
        if value is not None and value > clock.today():
            raise forms.ValidationError(_("Kies een maand die al begonnen is."))
        return periods.view_end(value)

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or "naam"
