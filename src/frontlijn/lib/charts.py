"""Server-side SVG charts: line and bar charts with a text alternative, and the figures as a table.

Plain Python, no JavaScript, no network. Every chart is an ``<svg role="img">`` with a ``<title>``
and a ``<desc>`` (a short summary of every series in words) so a screen reader gets the content.
The figures themselves belong under the chart as a table: :func:`figures_table`.

Colours are a dark palette with at least 4.5:1 contrast against white (WCAG 1.4.11 asks 3:1 for
graphics). Colour is never the only difference: lines also differ by dash pattern and marker shape,
bars carry a pattern-free legend *and* their values are in the table under the chart.

The SVG uses presentation attributes only (no CSS classes), so it renders the same in a browser,
in a PDF (fpdf2 can embed it) and in a saved file.

Usage::

    from frontlijn.lib import charts
    svg = charts.line_chart(title="Rapportcijfer", labels=["jan", "feb"],
                            series=[charts.Series("Team Noord", [7.4, 7.9])], y_min=1, y_max=10)
    table = charts.figures_table(caption="Rapportcijfer per maand", labels=[...], series=[...])

Both return ``SafeString`` for templates; pass ``as_text=True`` to get a plain ``str``.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Contrast against white: #0b5d4b 7.6, #1d4ed8 6.7, #8a3b00 7.9, #6b21a8 8.6, #a1161b 7.5, #374151 10.3
PALETTE: tuple[str, ...] = ("#0b5d4b", "#1d4ed8", "#8a3b00", "#6b21a8", "#a1161b", "#374151")
DASHES: tuple[str, ...] = ("", "6 4", "2 3", "10 3 2 3", "1 4", "8 2")
MARKERS: tuple[str, ...] = ("circle", "square", "diamond", "triangle", "circle", "square")
INK = "#1b1f24"
MUTED = "#4a5360"
GRID = "#d5d8dc"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif"


@dataclass
class Series:
    """One named row of values, aligned with the chart's labels; ``None`` is a gap (no data)."""

    label: str
    values: Sequence[float | int | None]
    colour: str | None = None
    extra: dict = field(default_factory=dict)  # line_chart: {"open_end": True} draws the last point hollow


def fmt(value: float | int | None, decimals: int = 1) -> str:
    """A number in the active locale (7,5 in Dutch); an en dash for no data.

    The same text as Django's ``number_format``, with the locale's separators looked up once
    per language (a comparison page formats thousands of numbers)."""
    if value is None:
        return "\u2013"
    decimal_sep, grouping, thousand_sep = _separators(get_language())
    if decimals == 0:
        return numberformat.format(round(float(value)), decimal_sep, 0, grouping, thousand_sep, use_l10n=True)
    return numberformat.format(
        round(float(value), decimals), decimal_sep, decimals, grouping, thousand_sep, use_l10n=True
    )


@functools.lru_cache(maxsize=32)
def _separators(language: str | None) -> tuple:
    return (
        get_format("DECIMAL_SEPARATOR", language, use_l10n=True),
        get_format("NUMBER_GROUPING", language, use_l10n=True),
        get_format("THOUSAND_SEPARATOR", language, use_l10n=True),
    )


def _id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{prefix}-{digest}"


def nice_ticks(lo: float, hi: float, count: int = 6) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2, 5 times a power of ten apart; 2.5 below 1)."""
    if hi < lo:
        lo, hi = hi, lo
    if math.isclose(lo, hi):
        hi = lo + 1
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 2.5, 5, 10) if power < 1 else (1, 2, 5, 10)
    step = next(m * power for m in steps if m * power >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    value = start
    while value < hi + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _bounds(series: Sequence[Series], y_min: float | None, y_max: float | None) -> tuple[list[float], float, float]:
    values = [float(v) for s in series for v in s.values if v is not None]
    lo = y_min if y_min is not None else min([0.0, *values])
    hi = y_max if y_max is not None else max([*values, lo + 1])
    ticks = nice_ticks(lo, hi)
    if y_min is not None:
        step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
        # Drop a round tick that would sit too close above a fixed lower bound (1, 2, 4... not 1, 2).
        ticks = [t for t in ticks if t > y_min + step / 2]
        ticks.insert(0, y_min)
    if y_max is not None:
        ticks = [t for t in ticks if t <= y_max]
        if not ticks or ticks[-1] < y_max:
            ticks.append(y_max)
    return ticks, ticks[0], ticks[-1]


def describe(*, labels: Sequence[str], series: Sequence[Series], decimals: int = 1, unit: str = "") -> str:
    """A sentence per series in Dutch: first and last value, highest and lowest, with their labels."""
    sentences = []
    for s in series:
        points = [(lab, v) for lab, v in zip(labels, s.values, strict=False) if v is not None]
        if not points:
            sentences.append(_("%(series)s: geen gegevens.") % {"series": s.label})
            continue
        first, last = points[0], points[-1]
        high = max(points, key=lambda p: p[1])
        low = min(points, key=lambda p: p[1])
        sentences.append(
            _(
                "%(series)s: van %(first)s%(unit)s (%(first_label)s) naar %(last)s%(unit)s (%(last_label)s); "
                "hoogste %(high)s%(unit)s (%(high_label)s), laagste %(low)s%(unit)s (%(low_label)s)."
            )
            % {
                "series": s.label,
                "unit": unit,
                "first": fmt(first[1], decimals),
                "first_label": first[0],
                "last": fmt(last[1], decimals),
                "last_label": last[0],
                "high": fmt(high[1], decimals),
                "high_label": high[0],
                "low": fmt(low[1], decimals),
                "low_label": low[0],
            }
        )
    return " ".join(sentences)


def _marker(shape: str, x: float, y: float, colour: str, size: float = 4.0) -> str:
    if shape == "square":
        side = 2 * size
        return f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{side:.1f}" height="{side:.1f}" fill="{colour}"/>'
    if shape == "diamond":
        d = size + 1
        pts = f"{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} {x - d:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - size - 1:.1f} {x + size + 1:.1f},{y + size:.1f} {x - size - 1:.1f},{y + size:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'


class _Frame:
    """Geometry shared by line and bar charts."""

    def __init__(self, *, width: int, height: int, n_labels: int, n_series: int, ticks: list[float]):
        self.width, self.height = width, height
        self.left, self.right, self.top = 48, 12, 12
        legend_rows = n_series if n_series > 1 else 0  # one series a row: long Dutch labels
        self.bottom = 34 + legend_rows * 20
        self.plot_w = width - self.left - self.right
        self.plot_h = height - self.top - self.bottom
        self.n = max(n_labels, 1)
        self.lo, self.hi = ticks[0], ticks[-1]
        self.ticks = ticks

    def y(self, value: float) -> float:
        span = (self.hi - self.lo) or 1
        return self.top + self.plot_h - (float(value) - self.lo) / span * self.plot_h

    def slot(self, i: int) -> tuple[float, float]:
        """Left edge and width of the i-th category slot."""
        w = self.plot_w / self.n
        return self.left + i * w, w

    def axes(self, labels: Sequence[str], decimals: int) -> list[str]:
        out = []
        tick_decimals = 0 if all(float(t).is_integer() for t in self.ticks) else max(decimals, 1)
        for t in self.ticks:
            y = self.y(t)
            out.append(
                f'<line x1="{self.left}" y1="{y:.1f}" x2="{self.width - self.right}" y2="{y:.1f}" '
                f'stroke="{GRID}" stroke-width="1"/>'
            )
            out.append(
                f'<text x="{self.left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="13" '
                f'fill="{MUTED}" font-family="{FONT}">{escape(fmt(t, tick_decimals))}</text>'
            )
        base = self.top + self.plot_h
        out.append(
            f'<line x1="{self.left}" y1="{base:.1f}" x2="{self.width - self.right}" y2="{base:.1f}" '
            f'stroke="{INK}" stroke-width="1"/>'
        )
        # Thin the category labels so they never overlap (about 7.5 px per character at 13 px).
        label_w = max((len(lab) for lab in labels), default=1) * 7.5 + 10
        every = max(1, math.ceil(len(labels) * label_w / max(self.plot_w, 1)))
        for i, lab in enumerate(labels):
            last = len(labels) - 1
            if i != last and (i % every or last - i < every):
                continue
            x0, w = self.slot(i)
            out.append(
                f'<text x="{x0 + w / 2:.1f}" y="{base + 16:.1f}" text-anchor="middle" font-size="13" '
                f'fill="{INK}" font-family="{FONT}">{escape(lab)}</text>'
            )
        return out

    def legend(self, series: Sequence[Series], *, lines: bool) -> list[str]:
        if len(series) < 2:
            return []
        out = []
        y0 = self.top + self.plot_h + 34
        for i, s in enumerate(series):
            colour = s.colour or PALETTE[i % len(PALETTE)]
            x = self.left
            y = y0 + i * 20
            if lines:
                dash = DASHES[i % len(DASHES)]
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 24:.1f}" y2="{y - 4:.1f}" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
                out.append(_marker(MARKERS[i % len(MARKERS)], x + 12, y - 4, colour, 3.5))
            else:
                out.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="14" height="14" fill="{colour}"/>')
            out.append(
                f'<text x="{x + 30:.1f}" y="{y:.1f}" font-size="13" fill="{INK}" '
                f'font-family="{FONT}">{escape(s.label)}</text>'
            )
        return out


def _wrap(
    body: list[str], *, title: str, desc: str, width: int, height: int, chart_id: str, as_text: bool
) -> SafeString | str:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'class="chart" style="max-width:{width}px;height:auto">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )
    return svg if as_text else mark_safe(svg)  # every piece of text is escaped above


def line_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    desc: str | None = None,
    y_min: float | None = None,
    y_max: float | None = None,
    decimals: int = 1,
    unit: str = "",
    width: int = 640,
    height: int = 260,
    as_text: bool = False,
) -> SafeString | str:
    """A trend line per series over the labels (e.g. months). Gaps where a value is ``None``."""
    labels = [str(lab) for lab in labels]
    ticks, _lo, _hi = _bounds(series, y_min, y_max)
    frame = _Frame(width=width, height=height, n_labels=len(labels), n_series=len(series), ticks=ticks)
    body = frame.axes(labels, decimals)
    for i, s in enumerate(series):
        colour = s.colour or PALETTE[i % len(PALETTE)]
        dash = DASHES[i % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        points = []
        for j, v in enumerate(s.values[: len(labels)]):
            if v is None:
                if len(segment) > 1:
                    body.append(
                        f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" '
                        f'stroke-width="2.5"{dash_attr}/>'
                    )
                segment = []
                continue
            x0, w = frame.slot(j)
            x, y = x0 + w / 2, frame.y(v)
            segment.append(f"{x:.1f},{y:.1f}")
            points.append((x, y))
        if len(segment) > 1:
            body.append(
                f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            )
        if s.extra.get("open_end") and points:
            # An open end (a period still running): the last point is a hollow ring, not a value.
            *points, (ox, oy) = points
            body.append(
                f'<circle cx="{ox:.1f}" cy="{oy:.1f}" r="5" fill="#ffffff" stroke="{colour}" stroke-width="2.5"/>'
            )
        body.extend(_marker(MARKERS[i % len(MARKERS)], x, y, colour) for x, y in points)
    body.extend(frame.legend(series, lines=True))
    desc = desc or describe(labels=labels, series=series, decimals=decimals, unit=unit)
    return _wrap(
        body,
        title=title,
        desc=desc,
        width=width,
        height=height,
        chart_id=_id("chart", "line", title, labels, [s.label for s in series]),
        as_text=as_text,
    )


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    desc: str | None = None,
    y_min: float | None = None,
    y_max: float | None = None,
    decimals: int = 1,
    unit: str = "",
    width: int = 640,
    height: int = 260,
    as_text: bool = False,
) -> SafeString | str:
    """Grouped vertical bars: one group per label, one bar per series. ``None`` draws no bar."""
    labels = [str(lab) for lab in labels]
    ticks, _lo, _hi = _bounds(series, y_min, y_max)
    frame = _Frame(width=width, height=height, n_labels=len(labels), n_series=len(series), ticks=ticks)
    body = frame.axes(labels, decimals)
    n_series = max(len(series), 1)
    base_value = 0.0 if frame.lo <= 0 <= frame.hi else frame.lo
    for j in range(len(labels)):
        x0, w = frame.slot(j)
        inner = w * 0.8
        bar_w = inner / n_series
        for i, s in enumerate(series):
            v = s.values[j] if j < len(s.values) else None
            if v is None:
                continue
            colour = s.colour or PALETTE[i % len(PALETTE)]
            y_v, y_b = frame.y(v), frame.y(base_value)
            top, h = min(y_v, y_b), abs(y_b - y_v)
            bx = x0 + w * 0.1 + i * bar_w
            body.append(
                f'<rect x="{bx:.1f}" y="{top:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{max(h, 0.5):.1f}" '
                f'fill="{colour}"/>'
            )
    body.extend(frame.legend(series, lines=False))
    desc = desc or describe(labels=labels, series=series, decimals=decimals, unit=unit)
    return _wrap(
        body,
        title=title,
        desc=desc,
        width=width,
        height=height,
        chart_id=_id("chart", "bar", title, labels, [s.label for s in series]),
        as_text=as_text,
    )


def figures_table(
    *,
    caption: str,
    labels: Sequence[str],
    series: Sequence[Series],
    row_header: str = "",
    decimals: int = 1,
    formatter: Callable[[float | int | None], str] | None = None,
    as_text: bool = False,
) -> SafeString | str:
    """The figures under a chart as an accessible HTML table: labels as rows, one column per series.

    Rows (not columns) are the labels so a long series of months stays readable on a phone.
    Wrapped in ``.table-wrap`` so it scrolls sideways instead of breaking the page.
    """
    formatter = formatter or (lambda v: fmt(v, decimals))
    head = "".join(f'<th scope="col">{escape(s.label)}</th>' for s in series)
    rows = []
    for j, lab in enumerate(labels):
        cells = "".join(f"<td>{escape(formatter(s.values[j] if j < len(s.values) else None))}</td>" for s in series)
        rows.append(f'<tr><th scope="row">{escape(str(lab))}</th>{cells}</tr>')
    html = (
        # A focusable, labelled region: keyboard users can scroll a wide table (WCAG 2.1.1).
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f'<table class="figures"><caption>{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{escape(row_header or _("Periode"))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return html if as_text else mark_safe(html)  # every piece of text is escaped above


def sparkline(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | int | None],
    open_end: float | None = None,
    open_label: str = "",
    y_min: float | None = None,
    y_max: float | None = None,
    decimals: int = 1,
    unit: str = "",
    width: int = 140,
    height: int = 36,
    as_text: bool = False,
) -> SafeString | str:
    """A small trend line without axes, for a row of a comparison table (small multiples).

    ``role="img"`` with a ``<title>`` and a ``<desc>`` in words; the values themselves belong in a
    table next to it. Gaps where a value is ``None``; the last value is a filled dot. ``open_end``
    (a period still running, e.g. the current month) is drawn after the last label as a dashed
    line to a hollow ring, so it never reads as a fall or rise of a whole period.
    """
    labels = [str(lab) for lab in labels]
    present = [v for v in [*values, open_end] if v is not None]
    lo = y_min if y_min is not None else min(present, default=0)
    hi = y_max if y_max is not None else max(present, default=1)
    if hi <= lo:
        hi = lo + 1
    slots = len(labels) + (1 if open_end is not None else 0)
    pad = 5.0

    def x(i: int) -> float:
        return pad + (width - 2 * pad) * (i / max(slots - 1, 1))

    def y(v: float) -> float:
        v = min(max(v, lo), hi)
        return height - pad - (height - 2 * pad) * (v - lo) / (hi - lo)

    colour = PALETTE[0]
    body: list[str] = []
    segment: list[str] = []
    last: tuple[float, float] | None = None
    for i, v in enumerate(values[: len(labels)]):
        if v is None:
            if len(segment) > 1:
                body.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2"/>')
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(v):.1f}")
        last = (x(i), y(v))
    if len(segment) > 1:
        body.append(f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2"/>')
    if last is not None and values and values[len(labels) - 1] is not None:
        body.append(f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="3" fill="{colour}"/>')
    if open_end is not None:
        ox, oy = x(slots - 1), y(open_end)
        if last is not None and values and values[len(labels) - 1] is not None:
            body.append(
                f'<line x1="{last[0]:.1f}" y1="{last[1]:.1f}" x2="{ox:.1f}" y2="{oy:.1f}" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="2 3"/>'
            )
        body.append(f'<circle cx="{ox:.1f}" cy="{oy:.1f}" r="3.5" fill="#ffffff" stroke="{colour}" stroke-width="2"/>')
    desc = describe(labels=labels, series=[Series(title, values)], decimals=decimals, unit=unit)
    if open_end is not None:
        desc += " " + _("%(label)s: %(value)s%(unit)s.") % {
            "label": open_label,
            "value": fmt(open_end, decimals),
            "unit": unit,
        }
    chart_id = _id("spark", title, labels, list(values), open_end)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="sparkline">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )
    return svg if as_text else mark_safe(svg)  # every piece of text is escaped above
