"""The sector's huurdersoordeel letter (Aedes-benchmark), computed from residents' report grades.

Facts (Aedes-benchmark, see /work/shared/vera/README.md and docs/dashboard.md):

- three report grades (1-10): nieuwe huurders (HUN), huurders met een reparatieverzoek (REP),
  vertrokken huurders (HUV);
- each grade becomes a letter A, B or C, scored 1, 0 and -1;
- the scores are weighted 25% (HUN), 55% (REP), 20% (HUV);
- a weighted total of at least 0.50 is an A, at most -0.50 is a C, and B in between;
- sector averages 2023: 7.7 (HUN), 7.7 (REP), 7.4 (HUV); top performers about 8.1-8.3.

ASSUMPTION (the published facts do not say how one grade becomes a letter): a grade at least
:data:`BAND` (0.4) above the sector average of its kind is an A, a grade at least :data:`BAND` below
it is a C, anything in between a B. With the 2023 averages: HUN/REP A from 8.1 (the low end of
the top performers), C at 7.3 or lower; HUV A from 7.8, C at 7.0 or lower. Both the band and the
averages are settings (``FRONTLIJN_HUURDERSOORDEEL_BAND``, ``FRONTLIJN_SECTOR_AVERAGES``) so an
association can follow the benchmark's own yearly thresholds.

A kind with fewer than :data:`MIN_ANSWERS` answers gets no letter, and then the total has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

WEIGHTS = {"HUN": Decimal("0.25"), "REP": Decimal("0.55"), "HUV": Decimal("0.20")}
SECTOR_AVERAGES = {"HUN": Decimal("7.7"), "REP": Decimal("7.7"), "HUV": Decimal("7.4")}
BAND = Decimal("0.4")
LETTER_SCORE = {"A": 1, "B": 0, "C": -1}
MIN_ANSWERS = 5
KINDS = ("HUN", "REP", "HUV")


def _sector_averages() -> dict[str, Decimal]:
    custom = getattr(settings, "FRONTLIJN_SECTOR_AVERAGES", None) or {}
    return {k: Decimal(str(custom.get(k, v))) for k, v in SECTOR_AVERAGES.items()}


def _band() -> Decimal:
    return Decimal(str(getattr(settings, "FRONTLIJN_HUURDERSOORDEEL_BAND", BAND)))


def grade_letter(kind: str, grade: float | Decimal | None) -> str | None:
    """A, B or C for one kind's average grade (rounded to one decimal first, as reported)."""
    if grade is None:
        return None
    reported = Decimal(str(grade)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    average = _sector_averages()[kind]
    band = _band()
    if reported >= average + band:
        return "A"
    if reported <= average - band:
        return "C"
    return "B"


def total_letter(score: Decimal) -> str:
    if score >= Decimal("0.50"):
        return "A"
    if score <= Decimal("-0.50"):
        return "C"
    return "B"


@dataclass
class KindResult:
    kind: str
    grade: float | None
    answers: int
    sector_average: Decimal
    letter: str | None
    weight: Decimal


@dataclass
class Huurdersoordeel:
    kinds: list[KindResult]
    score: Decimal | None
    letter: str | None


def compute(grades: dict[str, tuple[float | None, int]], *, min_answers: int = MIN_ANSWERS) -> Huurdersoordeel:
    """``grades``: kind -> (average grade, number of answers). Returns the letters and the total."""
    averages = _sector_averages()
    results = []
    for kind in KINDS:
        grade, answers = grades.get(kind, (None, 0))
        usable = grade if grade is not None and answers >= min_answers else None
        results.append(
            KindResult(
                kind=kind,
                grade=round(float(grade), 1) if grade is not None else None,
                answers=answers,
                sector_average=averages[kind],
                letter=grade_letter(kind, usable),
                weight=WEIGHTS[kind],
            )
        )
    weighted = [WEIGHTS[r.kind] * LETTER_SCORE[r.letter] for r in results if r.letter is not None]
    if len(weighted) < len(results):
        return Huurdersoordeel(kinds=results, score=None, letter=None)
    score = sum(weighted, Decimal("0"))
    return Huurdersoordeel(kinds=results, score=score, letter=total_letter(score))
