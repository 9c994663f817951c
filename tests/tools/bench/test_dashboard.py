"""The dashboard benchmark runs end to end on a tiny association and its checks hold."""

import pytest

from bench import dashboard as bench
from bench.generate import generate


@pytest.mark.django_db
def test_bench_serves_the_page_from_the_rollup_with_the_reference_figures(monkeypatch):
    generate(size="tiny", seed=11)
    monkeypatch.setitem(bench.REPEATS, "tiny", 2)
    result = bench.run("tiny")
    assert result["synthetic_responses_added"] > 0
    assert result["rolled_up_months"] == 12 and result["live_months"] == []
    assert result["figures_agree"], result["agreement"]
    assert result["rollup_equals_live"], result["rollup_differs"]
    assert result["refresh_12_months"]["rows"] > 0
    assert result["page"]["subject"]["n"] == 2
    comparison = result["comparison"]
    assert comparison["figures_agree"], comparison["agreement"]
    assert comparison["live_months"] == [] and comparison["rolled_up_months"] == 13
    assert comparison["default_refresh"]["months"] == 25  # from an empty roll-up: every month shown
    assert comparison["rows"] > 1 and comparison["ratio_to_reference"] and comparison["ratio_to_bare"]
