"""Dates that speak (issue 15): the one helper for every due and target date."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from frontlijn.lib import dates

WED = dt.date(2026, 12, 2)  # a Wednesday


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_this_year_without_the_year_other_years_with_it_in_dutch_month_names():
    assert dates.date_text(dt.date(2026, 12, 1), today=WED) == "1 december"
    assert dates.date_text(dt.date(2025, 1, 10), today=WED) == "10 januari 2025"
    assert dates.date_text(dt.date(2027, 3, 5), today=WED) == "5 maart 2027"


def test_english_ui_gets_english_month_names():
    with translation.override("en"):
        assert dates.date_text(dt.date(2025, 1, 10), today=WED) == "10 January 2025"


def test_late_since_n_days_once_passed_and_not_for_closed_items():
    late = dates.due_date(dt.date(2025, 1, 10), today=WED)
    assert late.days_late == (WED - dt.date(2025, 1, 10)).days == 691
    assert late.late_text == "te laat sinds 691 dagen"
    assert late.text == "10 januari 2025"
    assert dates.due_date(WED - dt.timedelta(days=1), today=WED).late_text == "te laat sinds 1 dag"
    assert dates.due_date(dt.date(2025, 1, 10), today=WED, closed=True).late_text == ""
    assert dates.due_date(WED, today=WED).late_text == ""


def test_near_dates_in_words():
    assert dates.due_date(WED, today=WED).text == "vandaag"
    assert dates.due_date(WED + dt.timedelta(days=1), today=WED).text == "morgen"
    assert dates.due_date(dt.date(2026, 12, 4), today=WED).text == "vrijdag 4 december"
    assert dates.due_date(dt.date(2026, 12, 20), today=WED).text == "20 december"


def test_friday_is_next_weeks_friday_on_a_friday():
    assert dates.next_weekday(WED, 4) == dt.date(2026, 12, 4)
    assert dates.next_weekday(dt.date(2026, 12, 4), 4) == dt.date(2026, 12, 11)
    assert dates.next_weekday(dt.date(2026, 12, 5), 4) == dt.date(2026, 12, 11)
    keys = {key: day for key, _label, day in dates.quick_dates(WED)}
    assert keys == {
        "vandaag": WED,
        "morgen": dt.date(2026, 12, 3),
        "vrijdag": dt.date(2026, 12, 4),
        "volgende-week": dt.date(2026, 12, 9),
    }


def test_today_is_the_associations_today_at_half_past_one_at_night(settings):
    """00:30 UTC on 2 Dec is 01:30 in Amsterdam; 23:30 UTC on 1 Dec is already 2 Dec there."""
    late_evening_utc = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
    with timezone.override("Europe/Amsterdam"):
        assert dates.due_date(late_evening_utc, today=WED).text == "vandaag"


def test_the_template_filter_renders_a_time_element_and_the_lateness_badge():
    template = Template('{% load frontlijn_dates %}{{ day|due }}|{{ day|due:"closed" }}')
    today = timezone.localdate()
    html = template.render(Context({"day": today - dt.timedelta(days=3)}))
    open_part, closed_part = html.split("|")
    assert f'<time datetime="{(today - dt.timedelta(days=3)).isoformat()}">' in open_part
    assert '<span class="badge warn">te laat sinds 3 dagen</span>' in open_part
    assert "te laat" not in closed_part
    assert Template("{% load frontlijn_dates %}{{ day|due }}").render(Context({"day": None})) == ""


def test_a_moment_in_local_time_without_this_years_year():
    with timezone.override("Europe/Amsterdam"):
        at = dt.datetime(2026, 12, 2, 0, 30, tzinfo=dt.UTC)
        assert dates.moment_text(at, today=WED) == "2 december 01:30"
        assert dates.moment_text(dt.datetime(2025, 1, 10, 13, 5, tzinfo=dt.UTC), today=WED) == "10 januari 2025 14:05"


def test_a_datetime_shows_its_local_date_not_the_utc_one():
    with timezone.override("Europe/Amsterdam"):
        assert dates.date_text(dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC), today=WED) == "2 december"
