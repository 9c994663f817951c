"""Turning figures into what people see: month labels, charts, tables and a summary."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from frontlijn.dashboard import periods
from frontlijn.dashboard.indicators import Figure, Scope
from frontlijn.dashboard.rollup import Freshness
from frontlijn.lib import charts, clock


def month_label(month: dt.date) -> str:
    return _month_label(month, translation.get_language())


@functools.lru_cache(maxsize=512)
def _month_label(month: dt.date, language: str | None) -> str:
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


def running_short_label(month: dt.date) -> str:
    """The running month's slot on a chart: "dec 2026 (t/m 2 dec)"."""
    return _("%(month)s (t/m %(date)s)") % {"month": month_label(month), "date": date_format(clock.today(), "j b")}


def _running(figure: Figure, running: dict[str, Figure] | None) -> Figure | None:
    """The running month's figure, if there is one to show beside ``figure``."""
    if not running or figure.key not in running:
        return None
    return running[figure.key]


def chart_for(
    figure: Figure,
    scope: Scope,
    *,
    as_text: bool = False,
    width: int = 480,
    running: dict[str, Figure] | None = None,
):
    """The trend of the complete months; the running month, if given, as an open end: a dashed
    line from the last complete month to a hollow ring, in its own series "lopende maand, t/m
    <datum>". A figure that grows during a month (counts, hours) gets no open end: part of a
    month drawn beside whole months would look like a fall."""
    labels = [month_label(m) for m in scope.months]
    series = [charts.Series(figure.label, list(figure.values))]
    now = _running(figure, running)
    if now is not None and not figure.grows_in_month:
        labels.append(running_short_label(periods.running_month()))
        series[0] = charts.Series(figure.label, [*figure.values, None])
        tail = [None] * (len(scope.months) - 1) + [figure.values[-1], now.values[-1]]
        series.append(charts.Series(running_series_label(), tail, extra={"open_end": True}))
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


def running_series_label() -> str:
    return periods.running_label()


def format_change(figure: Figure, change: float | None) -> str:
    """A change with its sign: "+2,5%" (percentage points for shares), "−0,3"."""
    if change is None:
        return "\u2013"
    text = charts.fmt(abs(change), figure.decimals)
    sign = "+" if change > 0 else ("\u2212" if change < 0 else "")
    return f"{sign}{text}{'%' if figure.unit == '%' else ''}"


def sparkline_for(figure: Figure, scope: Scope, *, title: str, running: Figure | None = None):
    """A row's small trend (comparison view); the running month as an open end, unless the
    figure grows during a month."""
    open_end = None
    if running is not None and not figure.grows_in_month:
        open_end = running.values[-1]
    return charts.sparkline(
        title=f"{figure.label}: {title}",
        labels=[month_label(m) for m in scope.months],
        values=figure.values,
        open_end=open_end,
        open_label=periods.running_label(),
        y_min=figure.y_min,
        y_max=figure.y_max,
        decimals=figure.decimals,
        unit="%" if figure.unit == "%" else "",
    )


def table_for(figure: Figure, scope: Scope, running: dict[str, Figure] | None = None, caption: str = ""):
    """The figures under the chart: one row per complete month, then the running month, labelled
    "lopende maand, t/m <datum>" (also for figures that grow during a month: the table says
    how far the month has come)."""
    labels = [month_label(m) for m in scope.months]
    values, numerators, denominators = list(figure.values), list(figure.numerators), list(figure.denominators)
    now = _running(figure, running)
    if now is not None:
        labels.append(f"{month_label(periods.running_month())}: {periods.running_label()}")
        values.append(now.values[-1])
        numerators.append(now.numerators[-1])
        denominators.append(now.denominators[-1])
    series = [
        charts.Series(_("Waarde"), values),
        charts.Series(_("Teller"), numerators),
        charts.Series(_("Noemer"), denominators),
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
        caption=_("Cijfers onder de grafiek: %(label)s")
        % {"label": f"{figure.label}, {caption}" if caption else figure.label},
        labels=labels,
        series=series,
        row_header=_("Maand"),
        formatter=formatter,
    )


CARD_CACHE_SECONDS = 24 * 3600


def comparison_cards(rows, *, first_month: str, last_month: str, running_label: str) -> list[str]:
    """The comparison view's cards as HTML, one per row (dashboard/_compare_card.html).

    A card is a pure function of its figures and labels, so it is kept in Django's cache under a
    hash of exactly those (content-addressed: a changed figure is another key, never a stale
    card); all cards of a page are fetched in one ``get_many``.
    """
    from django.core.cache import cache
    from django.template.loader import render_to_string

    from frontlijn.dashboard import comparison

    def content(row) -> tuple:
        f, r = row.figure, row.running
        return (
            translation.get_language(),
            row.kind,
            row.name,
            f.key,
            f.label,
            f.values,
            f.numerators,
            f.denominators,
            f.target,
            f.available,
            f.note,
            f.decimals,
            f.unit,
            f.grows_in_month,
            (r.values, r.numerators, r.denominators) if r is not None else None,
            row.scope.months,
            first_month,
            last_month,
            running_label,
        )

    keys = ["dashboard-card:" + hashlib.sha256(repr(content(row)).encode()).hexdigest() for row in rows]
    found = cache.get_many(keys)
    missing = {}
    cards = []
    for key, row in zip(keys, rows, strict=True):
        html = found.get(key)
        if html is None:
            f = row.figure
            html = render_to_string(
                "dashboard/_compare_card.html",
                {
                    "row": row,
                    "kind": comparison.KIND_LABELS[row.kind],
                    "latest": format_value(f, row.latest),
                    "change": format_change(f, row.change),
                    "running": format_value(f, row.running_value) if row.running is not None else "",
                    "spark": sparkline_for(f, row.scope, title=row.name, running=row.running) if f.available else "",
                    "table": table_for(
                        f,
                        row.scope,
                        running={f.key: row.running} if row.running is not None else None,
                        caption=row.name,
                    )
                    if f.available
                    else "",
                    "first_month": first_month,
                    "last_month": last_month,
                    "running_label": running_label,
                },
            )
            missing[key] = html
        cards.append(mark_safe(html))  # rendered by the template above, autoescaped
    if missing:
        cache.set_many(missing, CARD_CACHE_SECONDS)
    return cards
