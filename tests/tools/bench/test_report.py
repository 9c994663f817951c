"""docs/BENCHMARKS.md: the generated block is replaced, the rest of the file is kept."""

import json

from bench.report import BEGIN, END, write_report

RESULTS = {
    "size": "small",
    "repeat": 3,
    "machine": {"date": "2026-11-27T10:00:00", "nproc": 2, "python": "3.11", "django": "5.2", "database": "sqlite"},
    "data": {"contacts": 1234},
    "targets_ms": {"search": 100, "timeline": 100, "log_contact": 150},
    "selectors": {
        "timeline": {
            "subject": {"median_ms": 12.0, "p95_ms": 150.0, "cpu_median_ms": 10.0},
            "baseline": {"median_ms": 3.0},
            "ratio": 4.0,
            "queries": 6,
            "baseline_label": "same SQL on a bare cursor",
        }
    },
    "log_contact": {
        "subject": {"median_ms": 5.0, "p95_ms": 9.0},
        "baseline": {"median_ms": 1.0},
        "ratio": 5.0,
    },
    "requests": {"teams": {"skipped": "HTTP 302 for the area user"}},
}


def test_report_replaces_only_the_generated_block(tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps(RESULTS))
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text(f"# Benchmarks\n\nintro\n\n{BEGIN}\nold table\n{END}\n\n## Signals classifier\n\ntheirs\n")

    write_report(results_path=results, doc_path=doc)

    text = doc.read_text()
    assert "old table" not in text
    assert text.startswith("# Benchmarks\n\nintro\n")
    assert text.rstrip().endswith("## Signals classifier\n\ntheirs")
    assert "| Household timeline (selector), 6 queries | 12.0 | 150.0 |" in text
    assert "100 ms: **missed**" in text  # p95 150 ms over the 100 ms target
    assert "150 ms: met" in text
    assert "1,234 contacts" in text
