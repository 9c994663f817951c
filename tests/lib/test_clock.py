"""The association's clock: today, now, and how a typed wall-clock time is read."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from frontlijn.lib import clock
from tests.nights import NIGHTS, at

UTC = dt.UTC
SRC = Path(__file__).resolve().parents[2] / "src" / "frontlijn"


def test_today_is_the_date_in_amsterdam_also_when_the_utc_date_differs(night):
    assert clock.today() == night.local_date
    assert clock.now().tzinfo is not None and clock.now().utcoffset() == dt.timedelta(0)
    assert clock.localtime().strftime("%H:%M") == night.local_time
    assert clock.localdate(night.instant) == night.local_date


@pytest.mark.parametrize("night", NIGHTS, ids=[n.name for n in NIGHTS])
def test_the_frozen_clock_stands_still_at_the_instant(night):
    with at(night.instant):
        assert clock.now() == night.instant
        assert clock.today() == night.local_date


def test_localtime_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        clock.localtime(dt.datetime(2026, 1, 1, 12, 0))


def test_a_time_in_the_repeated_october_hour_is_its_first_occurrence_summer_time():
    typed = dt.datetime(2026, 10, 25, 2, 30)
    assert clock.is_ambiguous(typed) and not clock.is_nonexistent(typed)
    instant = clock.from_wall_clock(typed)
    # In UTC, so == works (a zoned datetime in the fold never equals one in another zone).
    assert instant == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC) and instant.utcoffset() == dt.timedelta(0)
    assert clock.localtime(instant).utcoffset() == dt.timedelta(hours=2)
    # Just outside the repeated hour nothing is ambiguous.
    assert clock.from_wall_clock(dt.datetime(2026, 10, 25, 1, 59)).hour == 23
    assert clock.from_wall_clock(dt.datetime(2026, 10, 25, 3, 0)).hour == 2


@pytest.mark.parametrize("typed", ["2026-03-29T02:00", "2026-03-29T02:30", "2026-03-29T02:59"])
def test_a_time_in_the_missing_march_hour_is_refused_in_dutch_saying_when_the_clock_jumps(typed):
    naive = dt.datetime.fromisoformat(typed)
    assert clock.is_nonexistent(naive) and not clock.is_ambiguous(naive)
    with translation.override("nl"), pytest.raises(ValidationError) as exc:
        clock.from_wall_clock(naive)
    assert exc.value.code == "nonexistent"
    assert exc.value.messages == [
        "Dit tijdstip bestaat niet: op 29 maart 2026 gaat de klok van 02:00 naar 03:00. Kies een ander tijdstip."
    ]


def test_the_minutes_around_the_missing_march_hour_exist():
    assert clock.from_wall_clock(dt.datetime(2026, 3, 29, 1, 59)).hour == 0
    assert clock.from_wall_clock(dt.datetime(2026, 3, 29, 3, 0)) == dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_an_aware_datetime_is_taken_as_is():
    instant = dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert clock.from_wall_clock(instant) is instant


def test_days_and_months_begin_at_midnight_in_amsterdam_also_on_the_nights_the_clock_changes():
    assert clock.start_of_day(dt.date(2026, 12, 1)).astimezone(UTC) == dt.datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert clock.start_of_day(dt.date(2026, 7, 1)).astimezone(UTC) == dt.datetime(2026, 6, 30, 22, 0, tzinfo=UTC)

    def hours(day: dt.date) -> float:
        start, end = (clock.start_of_day(d).astimezone(UTC) for d in (day, day + dt.timedelta(days=1)))
        return (end - start) / dt.timedelta(hours=1)

    assert hours(dt.date(2026, 3, 29)) == 23
    assert hours(dt.date(2026, 10, 25)) == 25
    assert hours(dt.date(2026, 12, 2)) == 24
    with at(dt.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)):
        assert clock.month_start() == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "expected_utc"),
    [
        ("2026-10-25T02:30", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("25-10-2026 02:30", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("2026-12-02T00:30", dt.datetime(2026, 12, 1, 23, 30, tzinfo=UTC)),
        ("2026-07-15 00:30", dt.datetime(2026, 7, 14, 22, 30, tzinfo=UTC)),
    ],
)
def test_the_form_field_reads_a_typed_time_on_the_amsterdam_wall_clock(typed, expected_utc):
    assert clock.LocalDateTimeField().clean(typed) == expected_utc


def test_the_form_field_explains_the_missing_hour_and_an_unreadable_value():
    field = clock.LocalDateTimeField(required=False)
    with translation.override("nl"):
        with pytest.raises(ValidationError, match="Dit tijdstip bestaat niet"):
            field.clean("2026-03-29T02:15")
        with pytest.raises(ValidationError, match="Vul een geldige datum en tijd in"):
            field.clean("29-03-2026 kwart over twee")
    assert field.clean("") is None


def test_the_form_field_shows_an_instant_on_the_amsterdam_wall_clock():
    field = clock.LocalDateTimeField()
    second_pass = dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET, the second 02:30
    assert field.widget.format_value(field.prepare_value(second_pass)) == "2026-10-25T02:30"
    assert field.widget.input_type == "datetime-local"


# Ways to get "today" or "now" that are not the association's wall clock. Found in src/, they
# are the bugs this module exists for: use clock.today() / clock.now() / clock.localdate(x).
FORBIDDEN = [
    (re.compile(r"\bdate\.today\(\)"), "date.today() is the server's zone"),
    (re.compile(r"\bdatetime\.(now|today|utcnow)\("), "datetime.now()/today()/utcnow() bypass the clock"),
    (re.compile(r"\bnow\(\)\.date\(\)"), "now().date() is the UTC date"),
    (re.compile(r"\bctx\.now\.date\(\)"), "ctx.now.date() is the UTC date: ctx.today"),
    (re.compile(r"\btime\.(time|localtime|gmtime)\(\)"), "time.time() is no date: clock.now()"),
]


def test_no_code_in_src_reads_the_date_or_time_past_the_clock():
    offences = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts or path.name == "clock.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for pattern, why in FORBIDDEN:
                if pattern.search(line):
                    offences.append(f"{path.relative_to(SRC)}:{number}: {why}: {line.strip()}")
    assert offences == []
