"""The month a report opens on: the last complete month on the association's wall clock."""

import datetime as dt

import pytest

from frontlijn.dashboard.periods import is_running_month, last_complete_month


@pytest.mark.parametrize(
    ("today", "month"),
    [
        (dt.date(2026, 12, 1), dt.date(2026, 11, 1)),  # the 1st: the month just ended
        (dt.date(2026, 12, 31), dt.date(2026, 11, 1)),
        (dt.date(2027, 1, 1), dt.date(2026, 12, 1)),  # across the year
        (dt.date(2026, 3, 1), dt.date(2026, 2, 1)),  # after a short February
        (dt.date(2024, 3, 1), dt.date(2024, 2, 1)),  # leap year
        (dt.date(2026, 3, 29), dt.date(2026, 2, 1)),
    ],
)
def test_last_complete_month(today, month):
    assert last_complete_month(today) == month


def test_the_running_month_is_the_month_of_today():
    today = dt.date(2026, 12, 1)
    assert is_running_month(dt.date(2026, 12, 1), today)
    assert not is_running_month(dt.date(2026, 11, 1), today)
    assert not is_running_month(dt.date(2025, 12, 1), today)
