"""Turning figures into what people see: month labels, charts, tables and a summary."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frontlijn.dashboard.indicators import Figure, Scope
from frontlijn.dashboard.rollup import Freshness
from frontlijn.lib import charts, clock


def month_label(month: dt.date) -> str:
    return date_format(month, "b Y")


def running_month_note(month: dt.date, today: dt.date | None = None) -> str:
    """ "lopende maand, t/m <datum>" when ``month`` has not ended yet, else ""."""
    from frontlijn.dashboard.periods import is_running_month

    today = clock.today() if today is None else today
    if not is_running_month(month, today):
        return ""
    return _("lopende maand, t/m %(date)s") % {"date": date_format(today, "DATE_FORMAT")}


def scope_label(scope: Scope) -> str:
    parts = []
    parts.append(str(scope.team) if scope.team else _("alle teams"))
    parts.append(str(scope.wijk) if scope.wijk else _("alle wijken"))
    return ", ".join(parts)


def freshness_lines(freshness: Freshness | None) -> list[str]:
    """How fresh the figures are, in one or two sentences for under the scope line."""
    if freshness is None:
        return []
    if not freshness.rolled:
        return [_("Alle maanden zijn actueel berekend.")]
    newest, oldest = (clock.localtime(t) for t in (freshness.refreshed_at, freshness.oldest_refresh))
    lines = [
        _("Bijgewerkt op %(when)s: %(first)s tot en met %(last)s uit het maandoverzicht.")
        % {
            "when": date_format(newest, "DATETIME_FORMAT"),
            "first": month_label(freshness.rolled[0]),
            "last": month_label(freshness.rolled[-1]),
        }
    ]
    if newest - oldest >= dt.timedelta(hours=1):
        lines.append(
            _("Eerdere maanden zijn het laatst bijgewerkt op %(when)s.")
            % {"when": date_format(oldest, "DATETIME_FORMAT")}
        )
    if freshness.live:
        lines.append(_("Actueel berekend: %(months)s.") % {"months": ", ".join(month_label(m) for m in freshness.live)})
    return lines


def format_value(figure: Figure, value: float | None) -> str:
    text = charts.fmt(value, figure.decimals)
    if value is not None and figure.unit == "%":
        return f"{text}%"
    return text


def chart_for(figure: Figure, scope: Scope, *, as_text: bool = False, width: int = 480):
    labels = [month_label(m) for m in scope.months]
    series = [charts.Series(figure.label, figure.values)]
    if figure.target is not None:
        series.append(charts.Series(_("Doel"), [figure.target] * len(labels)))
    y_max = figure.y_max
    unit = "%" if figure.unit == "%" else ""
    return charts.line_chart(
        title=f"{figure.label} ({scope_label(scope)})",
        labels=labels,
        series=series,
        y_min=figure.y_min,
        y_max=y_max,
        decimals=figure.decimals,
        unit=unit,
        as_text=as_text,
        width=width,
    )


def table_for(figure: Figure, scope: Scope):
    labels = [month_label(m) for m in scope.months]
    series = [
        charts.Series(_("Waarde"), figure.values),
        charts.Series(_("Teller"), figure.numerators),
        charts.Series(_("Noemer"), figure.denominators),
    ]
    if figure.target is not None:
        series.append(charts.Series(_("Doel"), [figure.target] * len(labels)))

    def formatter(value):
        if value is None:
            return "\u2013"
        if float(value).is_integer():
            return charts.fmt(value, 0)
        return charts.fmt(value, figure.decimals)

    return charts.figures_table(
        caption=_("Cijfers onder de grafiek: %(label)s") % {"label": figure.label},
        labels=labels,
        series=series,
        row_header=_("Maand"),
        formatter=formatter,
    )
