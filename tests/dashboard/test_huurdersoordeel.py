"""The huurdersoordeel letter against worked examples computed by hand.

Rules (Aedes-benchmark): letters A/B/C score 1/0/-1, weights HUN 25%, REP 55%, HUV 20%; total
>= 0.50 is A, <= -0.50 is C. Assumed grade-to-letter rule: A at sector average + 0.4 or more,
C at sector average - 0.4 or less (averages 7.7 / 7.7 / 7.4).
"""

from decimal import Decimal

import pytest

from frontlijn.dashboard import huurdersoordeel as h


@pytest.mark.parametrize(
    ("kind", "grade", "letter"),
    [
        ("HUN", 8.1, "A"),  # 7.7 + 0.4
        ("HUN", 8.0, "B"),
        ("HUN", 7.3, "C"),  # 7.7 - 0.4
        ("HUN", 7.4, "B"),
        ("REP", 8.14, "A"),  # reported as 8.1
        ("REP", 8.04, "B"),  # reported as 8.0
        ("HUV", 7.8, "A"),  # 7.4 + 0.4
        ("HUV", 7.0, "C"),
        ("HUV", 7.1, "B"),
    ],
)
def test_grade_to_letter(kind, grade, letter):
    assert h.grade_letter(kind, grade) == letter


def test_worked_example_b():
    # HUN 8.2 -> A (+1 x 0.25), REP 7.5 -> B (0 x 0.55), HUV 6.9 -> C (-1 x 0.20): 0.25 - 0.20 = 0.05 -> B
    result = h.compute({"HUN": (8.2, 40), "REP": (7.5, 300), "HUV": (6.9, 25)})
    assert [k.letter for k in result.kinds] == ["A", "B", "C"]
    assert result.score == Decimal("0.05")
    assert result.letter == "B"


def test_worked_example_a():
    # HUN 8.1 A (0.25) + REP 8.3 A (0.55) + HUV 7.0 C (-0.20) = 0.60 -> A
    result = h.compute({"HUN": (8.1, 10), "REP": (8.3, 10), "HUV": (7.0, 10)})
    assert result.score == Decimal("0.60")
    assert result.letter == "A"


def test_worked_example_c():
    # HUN 7.5 B (0) + REP 7.2 C (-0.55) + HUV 6.8 C (-0.20) = -0.75 -> C
    result = h.compute({"HUN": (7.5, 10), "REP": (7.2, 10), "HUV": (6.8, 10)})
    assert result.score == Decimal("-0.75")
    assert result.letter == "C"


def test_boundary_is_inclusive():
    # REP A alone: 0.55 >= 0.50 -> A; REP C alone: -0.55 <= -0.50 -> C
    assert h.compute({"HUN": (7.7, 5), "REP": (8.1, 5), "HUV": (7.4, 5)}).letter == "A"
    assert h.compute({"HUN": (7.7, 5), "REP": (7.3, 5), "HUV": (7.4, 5)}).letter == "C"


def test_too_few_answers_gives_no_letter():
    result = h.compute({"HUN": (9.0, 4), "REP": (9.0, 50), "HUV": (9.0, 50)})
    assert result.kinds[0].letter is None
    assert result.letter is None and result.score is None


def test_sector_averages_are_a_setting(settings):
    settings.FRONTLIJN_SECTOR_AVERAGES = {"HUN": 8.0}
    assert h.grade_letter("HUN", 8.1) == "B"
    assert h.grade_letter("HUN", 8.4) == "A"
