"""Render tools/bench/results/results.json as Markdown between markers in docs/BENCHMARKS.md.

Only the block between ``<!-- bench:results:begin -->`` and ``<!-- bench:results:end -->`` is
replaced; everything else in the file (the how-to, the load test, other apps' sections) is kept.
"""

from __future__ import annotations

import json
from pathlib import Path

BEGIN = "<!-- bench:results:begin -->"
END = "<!-- bench:results:end -->"

LABELS = {
    "search_postcode": "Search household: postcode + number (wijkbeheerder)",
    "search_street": "Search household: street + number (wijkbeheerder)",
    "search_name": "Search household: resident name (wijkbeheerder)",
    "search_name_kcc": "Search household: resident name (KCC, whole register)",
    "timeline": "Household timeline (selector)",
}
TARGET_KEYS = {
    "search_postcode": "search",
    "search_street": "search",
    "search_name": "search",
    "search_name_kcc": "search",
    "timeline": "timeline",
    "log_contact": "log_contact",
}


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _row(label: str, figure: dict, target: int | None) -> str:
    subject, base = figure["subject"], figure.get("baseline", {})
    verdict = ""
    if target is not None:
        verdict = f"{target} ms: " + ("met" if subject["p95_ms"] < target else "**missed**")
    return (
        f"| {label} | {_fmt(subject['median_ms'])} | {_fmt(subject['p95_ms'])} | "
        f"{_fmt(subject.get('cpu_median_ms'))} | {figure.get('baseline_label', '')} | "
        f"{_fmt(base.get('median_ms'))} | {_fmt(figure.get('ratio'))}x | {verdict} |"
    )


def render_run(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"### Run: size `{results['size']}`, {m.get('database_version', m.get('database'))}, {m['date']}",
        "",
        f"- Machine: {m.get('nproc')} processors ({m.get('cpu', '?')}), {m.get('memory_gb', '?')} GB memory, "
        f"{m.get('platform', '')}; Python {m['python']}, Django {m['django']}.",
        f"- Load average at start / end of the run: {m.get('load_average_start')} / {m.get('load_average_end')} "
        "(the machine is shared: compare ratios, not absolute times).",
        f"- Repeats per figure: {results['repeat']} (subject and baseline interleaved A B A B …, after a warm-up).",
    ]
    data = results.get("data", {})
    lines.append("- Data: " + ", ".join(f"{_fmt(v)} {k}" for k, v in data.items() if v is not None) + ".")
    if "generation" in results:
        g = results["generation"]
        t = g.get("timings", {})
        lines.append(
            f"- Generated in {_fmt(t.get('total'))} s on {g.get('vendor')} "
            f"({', '.join(f'{k} {v} s' for k, v in t.items() if k != 'total')})."
        )
    lines += [
        "",
        "In-process server time, ms. *CPU* is the Python thread's own CPU time (leaves out waiting for a "
        "processor and, on PostgreSQL, the database process's work). *Ratio* = median / baseline median.",
        "",
        "| benchmark | median | p95 | CPU median | same-run baseline | baseline median | ratio | target (p95) |",
        "|---|---:|---:|---:|---|---:|---:|---|",
    ]
    targets = results.get("targets_ms", {})
    for key, figure in results.get("selectors", {}).items():
        label = LABELS.get(key, key)
        if key == "timeline" and "contacts_in_household" in figure:
            label += f" ({figure['contacts_in_household']} contacts)"
        lines.append(_row(label + f", {figure.get('queries', '?')} queries", figure, targets.get(TARGET_KEYS[key])))
    if "log_contact" in results:
        lines.append(_row("Log a contact (service)", results["log_contact"], targets.get("log_contact")))
    lines += [
        "",
        "Whole requests through Django's test client (no network), logged in as the area's wijkbeheerder:",
        "",
        "| page | queries | median | p95 | CPU median | same-run baseline | baseline median | ratio |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for name, figure in results.get("requests", {}).items():
        if "skipped" in figure:
            lines.append(f"| {name} | - | - | - | - | {figure['skipped']} | - | - |")
            continue
        s, b = figure["subject"], figure.get("baseline", {})
        lines.append(
            f"| {name} | {_fmt(figure.get('queries'))} | {_fmt(s['median_ms'])} | {_fmt(s['p95_ms'])} | "
            f"{_fmt(s.get('cpu_median_ms'))} | {figure.get('baseline_label', '')} | {_fmt(b.get('median_ms'))} | "
            f"{_fmt(figure.get('ratio'))}x |"
        )
    apps = results.get("apps", {})
    if apps:
        lines += ["", "Other apps' `bench.run(size)`:", ""]
        for key, figure in apps.items():
            flat = {k: v for k, v in figure.items() if k != "traceback"}
            lines.append(f"- `{key}`: `{json.dumps(flat, default=str)[:600]}`")
        if "learning" in apps.get("signals", {}):
            from bench.signals import markdown

            lines += ["", markdown(apps["signals"])]
    return "\n".join(lines)


SKELETON = """# Benchmarks

{block}
"""


def write_report(*, results_path: Path | list[Path], doc_path: Path) -> None:
    paths = results_path if isinstance(results_path, list) else [results_path]
    runs = [render_run(json.loads(p.read_text())) for p in paths]
    block = "\n".join([BEGIN, "<!-- Generated by `python -m bench report`: do not edit by hand. -->", ""])
    block += "\n\n".join(runs) + "\n\n" + END
    if doc_path.exists():
        text = doc_path.read_text()
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            _old, tail = rest.split(END, 1)
            text = head + block + tail
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
    else:
        text = SKELETON.format(block=block)
    doc_path.parent.mkdir(parents=True, exist_ok=True)
    doc_path.write_text(text)
