"""The dashboard's filter: team, wijk, last month and how many months."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from frontlijn.dashboard import selectors
from frontlijn.lib import clock

MONTH_CHOICES = [(6, _("6 maanden")), (12, _("12 maanden")), (24, _("24 maanden"))]


class DashboardFilterForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("Alle teams"))
    wijk = forms.ModelChoiceField(label=_("Wijk"), queryset=None, required=False, empty_label=_("Alle wijken"))
    month = forms.DateField(
        label=_("Tot en met maand"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Kies een maand, bijvoorbeeld 2026-03.")},
    )
    months = forms.TypedChoiceField(label=_("Periode"), choices=MONTH_CHOICES, coerce=int, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = selectors.dashboard_teams(user=user)
        self.fields["wijk"].queryset = selectors.dashboard_wijken(user=user)
        self.fields["month"].initial = clock.today().replace(day=1)
        self.fields["months"].initial = 12
        if not selectors.sees_whole_association(user):
            self.fields["team"].required = True
            self.fields["team"].empty_label = None

    def clean_month(self) -> dt.date | None:
        """The month asked for, or None: the view then chooses (exports: the last complete month)."""
        value = self.cleaned_data.get("month")
        today = clock.today()
        if value is None:
            return None
        if value > today:
            raise forms.ValidationError(_("Kies een maand die al begonnen is."))
        return value.replace(day=1)

    def clean_months(self) -> int:
        return self.cleaned_data.get("months") or 12
