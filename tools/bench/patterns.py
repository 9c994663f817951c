"""Benchmark of pattern detection (not a timed test): ``run(size) -> dict``, run by ``make bench``.

Builds its own synthetic area (a wijk with N/50 complexes in buurten of 20) with N signals of
noise over three years (uniform over complexes, themes and time) and planted clusters, then
measures ``patterns_detect`` (each repetition in a transaction that is rolled back, so every
repetition does the same work: raising every planted pattern; then, once they are stored, the
daily run that finds nothing new) against a same-run baseline: the plain grouped count of the same
window (signal-theme pairs per theme and complex, one query) and the bare ``COUNT(*)`` of the
window. It also checks what was found: planted clusters found, vulnerability clusters with fewer
than 5 addresses not found, and how many unplanted groups the noise alone pushed over the rule.
The synthetic data is deleted afterwards.

N: 20,000 ("small"), 1,000,000 ("large"), or ``FRONTLIJN_BENCH_PATTERN_SIGNALS``.
On its own: ``python -m bench.patterns large`` (against ``DATABASE_URL``).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from typing import cast

from django.db import connection, transaction
from django.db.models import Count

from frontlijn.lib import clock

SIZES = {"small": 20_000, "large": 1_000_000}
REPEATS = {"small": 5, "large": 3}
PREFIX = "PatternBench"


class _Rollback(Exception):
    pass


def _timed(fn) -> tuple[float, float, object]:
    cpu, wall = time.thread_time(), time.perf_counter()
    value = fn()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000, value


def _in_rollback(fn):
    def run():
        box = {}
        try:
            with transaction.atomic():
                box["value"] = fn()
                raise _Rollback
        except _Rollback:
            pass
        return box.get("value")

    return run


def _clusters(complexes, rng):
    from bench.pattern_data import Cluster

    picks = rng.sample(complexes, 30)
    place_themes = ["vocht-schimmel", "geluid", "vervuiling", "onderhoud", "veiligheid", "tocht-energie"]
    found = [Cluster(c.pk, rng.choice(place_themes), rng.randint(5, 9), days=rng.randint(10, 55)) for c in picks[:20]]
    found += [Cluster(c.pk, "eenzaamheid", 6, days=40, with_units=True) for c in picks[20:25]]
    hidden = [Cluster(c.pk, "zorg", 7, days=40) for c in picks[25:]]  # no addresses: under k = 5
    return found, hidden


def _cleanup() -> None:
    from frontlijn.register.models import Buurt, Complex, Unit, Wijk
    from frontlijn.signals.models import Pattern, PatternSignal, Signal

    wijken = Wijk.objects.filter(name__startswith=PREFIX)
    signals = Signal.objects.filter(wijk__in=wijken)
    PatternSignal.objects.filter(pattern__buurt__wijk__in=wijken)._raw_delete(connection.alias)
    Pattern.objects.filter(buurt__wijk__in=wijken)._raw_delete(connection.alias)
    Signal.themes.through.objects.filter(signal__in=signals)._raw_delete(connection.alias)
    signals._raw_delete(connection.alias)
    Unit.objects.filter(buurt__wijk__in=wijken)._raw_delete(connection.alias)
    Complex.objects.filter(buurt__wijk__in=wijken)._raw_delete(connection.alias)
    Buurt.objects.filter(wijk__in=wijken)._raw_delete(connection.alias)
    wijken._raw_delete(connection.alias)


def _figures(samples: list[tuple[float, float]]) -> dict[str, float]:
    """Median and minimum wall time and median CPU time (ms) of (wall, cpu) samples."""
    return {
        "wall_ms_median": round(statistics.median(w for w, _c in samples), 1),
        "wall_ms_min": round(min(w for w, _c in samples), 1),
        "cpu_ms_median": round(statistics.median(c for _w, c in samples), 1),
    }


def _result(
    *,
    size: str,
    signals: int,
    window_signals: int,
    complexes: int,
    figures: dict[str, dict[str, float]],
    repeat: int,
    raised: list[tuple[str, int | None, int | None, str]],
    planted: list,
    hidden: list,
    build_s: float,
) -> dict:
    """The benchmark's figures: timings relative to the baselines, and which planted clusters were found."""
    found_complex = {(c, t) for level, c, _b, t in raised if level == "complex"}
    planted_keys = {(c.complex_id, c.theme_code) for c in planted}
    hidden_keys = {(c.complex_id, c.theme_code) for c in hidden}
    return {
        "size": size,
        "signals": signals,
        "window_signals": window_signals,
        "complexes": complexes,
        "detect_ms_median": figures["detect"]["wall_ms_median"],
        "ratio_to_grouped_count": round(
            figures["detect"]["wall_ms_median"] / max(figures["grouped_count"]["wall_ms_median"], 0.001), 2
        ),
        "ratio_to_plain_count": round(
            figures["detect"]["wall_ms_median"] / max(figures["plain_count"]["wall_ms_median"], 0.001), 2
        ),
        "detect_nothing_new_ms_median": figures["detect_nothing_new"]["wall_ms_median"],
        "ratio_nothing_new_to_grouped_count": round(
            figures["detect_nothing_new"]["wall_ms_median"] / max(figures["grouped_count"]["wall_ms_median"], 0.001), 2
        ),
        "repeat": repeat,
        "figures": figures,
        "planted": len(planted_keys),
        "planted_found": len(planted_keys & found_complex),
        "under_k_found": len(hidden_keys & found_complex),
        "unplanted_complex_patterns": len(found_complex - planted_keys),
        "buurt_patterns": sum(1 for level, *_r in raised if level == "buurt"),
        "build_s": round(build_s, 1),
        "database": connection.vendor,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def run(size: str = "small") -> dict:
    from django.contrib.auth import get_user_model

    from bench.pattern_data import build_area, build_signals
    from frontlijn.signals.models import Pattern, Signal
    from frontlijn.signals.patterns import AREA_FIELD, Rules, patterns_detect

    n = int(os.environ.get("FRONTLIJN_BENCH_PATTERN_SIGNALS") or SIZES.get(size, SIZES["small"]))
    repeat = REPEATS.get(size, 5)
    rng = random.Random(19)
    now = clock.now()
    rules = Rules.from_settings()
    _cleanup()
    started = time.monotonic()
    raiser, _created = get_user_model().objects.get_or_create(
        username="pattern-bench", defaults={"role": "wijkbeheerder"}
    )
    complexes = build_area(prefix=PREFIX, n_complexes=max(100, n // 50), complexes_per_buurt=20)
    planted, hidden = _clusters(complexes, rng)
    built = build_signals(
        raiser=raiser, complexes=complexes, now=now, noise=n, noise_days=3 * 365, clusters=planted + hidden, seed=19
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE signals_signal; ANALYZE signals_signal_themes")
    build_s = time.monotonic() - started
    start = now - dt.timedelta(days=rules.window_days)
    through = Signal.themes.through

    def detect():
        result = patterns_detect(now=now, rules=rules)
        return list(
            Pattern.objects.filter(pk__in=result.raised).values_list("level", "complex_id", "buurt_id", "theme__code")
        )

    def grouped_count():
        area = AREA_FIELD["complex"]
        return len(
            list(
                through.objects.filter(signal__created_at__gte=start, signal__created_at__lte=now)
                .values("theme_id", area)
                .annotate(n=Count("signal_id"))
            )
        )

    def plain_count():
        return Signal.objects.filter(created_at__gte=start, created_at__lte=now).count()

    subjects = {"detect": _in_rollback(detect), "grouped_count": grouped_count, "plain_count": plain_count}
    samples: dict[str, list[tuple[float, float]]] = {k: [] for k in subjects}
    raised: list[tuple[str, int | None, int | None, str]] | None = None
    for fn in subjects.values():  # warm-up
        fn()
    for _ in range(repeat):  # interleaved: subject and baselines under the same load
        for key, fn in subjects.items():
            wall, cpu, value = _timed(fn)
            samples[key].append((wall, cpu))
            if key == "detect":
                raised = cast("list[tuple[str, int | None, int | None, str]]", value)
    figures = {key: _figures(s) for key, s in samples.items()}
    # The daily run afterwards: the patterns exist, nothing new to raise (the usual case).
    patterns_detect(now=now, rules=rules)
    steady = [_timed(_in_rollback(detect))[:2] for _ in range(repeat)]
    figures["detect_nothing_new"] = _figures(steady)
    result = _result(
        size=size,
        signals=built["signals"],
        window_signals=plain_count(),
        complexes=len(complexes),
        figures=figures,
        repeat=repeat,
        raised=raised or [],
        planted=planted,
        hidden=hidden,
        build_s=build_s,
    )
    _cleanup()
    return result


if __name__ == "__main__":
    import json
    import sys

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontlijn.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "small"), indent=2))
