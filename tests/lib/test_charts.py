"""The SVG charts carry a text alternative and the figures table holds every value."""

import itertools
import xml.etree.ElementTree as ET

from django.utils import translation

from frontlijn.lib import charts

SVG = "{http://www.w3.org/2000/svg}"
LABELS = ["jan", "feb", "mrt"]


def _series():
    return [charts.Series("Noord", [7.1, None, 8.0]), charts.Series("Zuid", [6.5, 7.3, 7.0])]


def test_line_chart_is_valid_svg_with_title_and_desc():
    with translation.override("nl"):
        svg = charts.line_chart(title="Rapportcijfer", labels=LABELS, series=_series(), y_min=1, y_max=10)
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Rapportcijfer"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Noord: van 7,1 (jan) naar 8,0 (mrt)" in desc.text
    assert "laagste 6,5 (jan)" in desc.text


def test_line_chart_breaks_the_line_at_a_gap():
    svg = charts.line_chart(title="x", labels=LABELS, series=[charts.Series("Noord", [1, None, 3])], as_text=True)
    root = ET.fromstring(svg)
    # Two isolated points, no segment joins them across the gap.
    assert root.findall(f".//{SVG}polyline") == []
    assert len(root.findall(f".//{SVG}circle")) == 2


def test_lines_differ_by_dash_pattern_not_only_colour():
    series = [charts.Series("Noord", [7.1, 7.5, 8.0]), charts.Series("Zuid", [6.5, 7.3, 7.0])]
    root = ET.fromstring(charts.line_chart(title="x", labels=LABELS, series=series, as_text=True))
    lines = root.findall(f".//{SVG}polyline")
    assert {ln.get("stroke-dasharray") for ln in lines} == {None, "6 4"}


def test_bar_chart_draws_one_bar_per_value():
    root = ET.fromstring(charts.bar_chart(title="Aantal", labels=LABELS, series=_series(), as_text=True))
    bars = [r for r in root.findall(f".//{SVG}rect") if r.get("fill") in charts.PALETTE and r.get("width") != "14"]
    assert len(bars) == 5  # six values, one missing


def test_bar_height_is_proportional_to_value():
    root = ET.fromstring(
        charts.bar_chart(
            title="x", labels=["a", "b"], series=[charts.Series("s", [10, 20])], y_min=0, y_max=20, as_text=True
        )
    )
    bars = [r for r in root.findall(f".//{SVG}rect") if r.get("fill") == charts.PALETTE[0]]
    heights = [float(b.get("height")) for b in bars]
    assert abs(heights[1] - 2 * heights[0]) < 0.5


def test_text_is_escaped():
    svg = charts.line_chart(title="<script>", labels=["a&b"], series=[charts.Series("<x>", [1])], as_text=True)
    assert "<script>" not in svg
    ET.fromstring(svg)


def test_figures_table_has_every_value_in_dutch_format():
    with translation.override("nl"):
        html = charts.figures_table(caption="Cijfer per maand", labels=LABELS, series=_series(), row_header="Maand")
    assert "<caption>Cijfer per maand</caption>" in html
    assert '<th scope="col">Noord</th>' in html
    assert '<th scope="row">feb</th><td>\u2013</td><td>7,3</td>' in html
    assert "<td>8,0</td>" in html


def test_nice_ticks_cover_the_range():
    ticks = charts.nice_ticks(0, 37)
    assert ticks[0] <= 0 and ticks[-1] >= 37
    assert len({round(b - a, 6) for a, b in itertools.pairwise(ticks)}) == 1


def test_fixed_bounds_are_the_first_and_last_tick():
    root = ET.fromstring(charts.line_chart(title="x", labels=LABELS, series=_series(), y_min=1, y_max=10, as_text=True))
    tick_texts = [t.text for t in root.findall(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert tick_texts[0] == "1" and tick_texts[-1] == "10"
