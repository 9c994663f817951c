"""Synthetic signals for the pattern tests and benchmark: noise spread over many complexes and
themes, plus planted clusters (one theme in one complex, within the window).

Writes in bulk (``bulk_create`` in batches), so a million signals take minutes, not hours. Used
only by tests and ``bench.patterns``; never by the product.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from frontlijn.register.models import Buurt, Complex, Unit, Wijk
from frontlijn.signals.models import Sensitivity, Signal, Theme

SignalTheme = Signal.themes.through
BATCH = 5000


@dataclass(frozen=True)
class Cluster:
    complex_id: int
    theme_code: str
    count: int
    days: int = 40  # spread over the last ``days`` days
    with_units: bool = False  # each signal on its own unit (a distinct address)


@contextmanager
def _keep_created_at():
    """Let bulk_create store the given created_at instead of "now" (auto_now_add)."""
    field = Signal._meta.get_field("created_at")
    before = field.auto_now_add
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = before


def build_area(*, prefix: str, n_complexes: int, complexes_per_buurt: int = 20) -> list[Complex]:
    """A wijk with buurten and ``n_complexes`` complexes (no units)."""
    wijk = Wijk.objects.create(name=f"{prefix} wijk", code="", place="Benchstad")
    n_buurten = max(1, -(-n_complexes // complexes_per_buurt))
    buurten = Buurt.objects.bulk_create(
        [Buurt(name=f"{prefix} buurt {i}", code="", wijk=wijk) for i in range(n_buurten)]
    )
    complexes = Complex.objects.bulk_create(
        [
            Complex(code=f"{prefix}-{i}", name=f"{prefix} complex {i}", buurt=buurten[i // complexes_per_buurt])
            for i in range(n_complexes)
        ],
        batch_size=BATCH,
    )
    return complexes


def _insert(rows: list[tuple[Signal, int]]) -> None:
    with _keep_created_at():
        signals = Signal.objects.bulk_create([s for s, _t in rows], batch_size=BATCH)
    SignalTheme.objects.bulk_create(
        [SignalTheme(signal_id=s.pk, theme_id=t) for s, (_s, t) in zip(signals, rows, strict=True)], batch_size=BATCH
    )


def build_signals(
    *,
    raiser,
    complexes: list[Complex],
    now: dt.datetime,
    noise: int,
    noise_days: int,
    clusters: Sequence[Cluster] = (),
    seed: int = 19,
    themes: list[str] | None = None,
    person_level_every: int = 0,
) -> dict:
    """``noise`` signals at random complexes, themes and times in the last ``noise_days`` days,
    and the planted ``clusters``. Returns counts."""
    rng = random.Random(seed)
    theme_ids = dict(Theme.objects.values_list("code", "id"))
    codes = themes or sorted(theme_ids)
    by_id = {c.pk: c for c in complexes}
    wijk_of = dict(Buurt.objects.filter(id__in={c.buurt_id for c in complexes}).values_list("id", "wijk_id"))
    rows: list[tuple[Signal, int]] = []
    made = 0

    def add(complex: Complex, code: str, when: dt.datetime, unit_id=None, person=False) -> None:
        nonlocal made
        rows.append(
            (
                Signal(
                    raised_by=raiser,
                    complex=complex,
                    unit_id=unit_id,
                    buurt_id=complex.buurt_id,
                    wijk_id=wijk_of[complex.buurt_id],
                    text="Synthetisch signaal",
                    sensitivity=Sensitivity.PERSON if person else Sensitivity.PLACE,
                    created_at=when,
                    updated_at=when,
                ),
                theme_ids[code],
            )
        )
        made += 1
        if len(rows) >= BATCH:
            _insert(rows)
            rows.clear()

    for i in range(noise):
        when = now - dt.timedelta(seconds=rng.uniform(0, noise_days * 86400))
        add(
            rng.choice(complexes),
            rng.choice(codes),
            when,
            person=bool(person_level_every and i % person_level_every == 0),
        )
    for cluster in clusters:
        complex = by_id[cluster.complex_id]
        units = []
        if cluster.with_units:
            units = Unit.objects.bulk_create(
                [
                    Unit(
                        complex=complex, buurt_id=complex.buurt_id, street="Benchlaan", house_number=n + 1, postcode=""
                    )
                    for n in range(cluster.count)
                ]
            )
        for n in range(cluster.count):
            when = now - dt.timedelta(days=cluster.days * (n + 0.5) / cluster.count)
            add(complex, cluster.theme_code, when, unit_id=units[n].pk if units else None)
    if rows:
        _insert(rows)
    return {"signals": made, "noise": noise, "planted": sum(c.count for c in clusters)}
