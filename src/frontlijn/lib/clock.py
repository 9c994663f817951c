"""The one notion of "now" and "today" for Frontlijn: the association's wall clock.

Every service, selector, form, demo loader, task and command asks this module for the time:

* ``now()`` is the current instant (aware, UTC): store and compare instants with it.
* ``today()`` is the date on the association's wall clock (``settings.TIME_ZONE``,
  Europe/Amsterdam): compare dates (deadlines, due dates, periods, month boundaries) with it.
  Never ``datetime.date.today()`` (the server's zone) nor ``now().date()`` (the UTC date, a day
  behind between 00:00 and 01:00/02:00 in Amsterdam).
* ``localtime(value)`` and ``localdate(value)`` put an instant on that wall clock.
* ``start_of_day(day)`` is the instant a local date begins (a month boundary is the start of its
  first day).
* ``from_wall_clock(naive)`` reads a time someone typed (a ``datetime-local`` field, an import
  row) as wall-clock time in the association's zone. The rule for the two nights a year the
  clock changes: a time in the hour that happens twice (last Sunday of October, 02:00-03:00)
  is the first occurrence (still summer time, ``fold=0``); a time in the hour that does not
  exist (last Sunday of March, 02:00-03:00) is refused with a Dutch ``ValidationError``.

``LocalDateTimeField`` is the form field that applies that rule to a ``datetime-local`` input.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The formats a typed date and time is read in: the browser's ``datetime-local`` value first.
WALL_CLOCK_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]
WALL_CLOCK_WIDGET_FORMAT = "%Y-%m-%dT%H:%M"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone() -> ZoneInfo:
    """The association's time zone (``settings.TIME_ZONE``)."""
    return _zone(settings.TIME_ZONE)


def now() -> dt.datetime:
    """The current instant, aware (UTC)."""
    return timezone.now()


def localtime(value: dt.datetime | None = None) -> dt.datetime:
    """``value`` (an aware datetime; default: now) on the association's wall clock."""
    value = now() if value is None else value
    if timezone.is_naive(value):
        raise ValueError("localtime() needs an aware datetime; read typed times with from_wall_clock()")
    return value.astimezone(zone())


def localdate(value: dt.datetime | None = None) -> dt.date:
    """The association's date at instant ``value`` (default: now)."""
    return localtime(value).date()


def today() -> dt.date:
    """Today's date on the association's wall clock."""
    return localdate()


def start_of_day(day: dt.date) -> dt.datetime:
    """The instant ``day`` begins on the association's wall clock (aware, in that zone).

    Use ``start_of_day(day + timedelta(days=n))`` for a later boundary: a day is 23 or 25 hours
    long on the nights the clock changes.
    """
    # Midnight always exists in Europe/Amsterdam (the clock changes at 02:00/03:00).
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone())


def month_start(day: dt.date | None = None) -> dt.date:
    """The first day of the month of ``day`` (default: today)."""
    return (day or today()).replace(day=1)


def is_nonexistent(naive: dt.datetime) -> bool:
    """True when ``naive`` is a wall-clock time skipped when the clock moves forward."""
    aware = naive.replace(tzinfo=zone(), fold=0)
    return aware.astimezone(dt.UTC).astimezone(zone()).replace(tzinfo=None) != naive.replace(fold=0)


def is_ambiguous(naive: dt.datetime) -> bool:
    """True when ``naive`` happens twice (the hour repeated when the clock moves back)."""
    first, second = (naive.replace(tzinfo=zone(), fold=f) for f in (0, 1))
    return not is_nonexistent(naive) and first.utcoffset() != second.utcoffset()


def _gap(naive: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The wall-clock times at which the clock jumps forward around the non-existent ``naive``."""
    start = naive.replace(second=0, microsecond=0, fold=0)
    step = dt.timedelta(minutes=1)
    while is_nonexistent(start - step):
        start -= step
    before, after = (start.replace(tzinfo=zone(), fold=f).utcoffset() for f in (0, 1))
    assert before is not None and after is not None  # an aware time in a zone has an offset
    return start, start + abs(after - before)


def nonexistent_message(naive: dt.datetime) -> str:
    start, end = _gap(naive)
    return _(
        "Dit tijdstip bestaat niet: op %(date)s gaat de klok van %(start)s naar %(end)s. Kies een ander tijdstip."
    ) % {
        "date": formats.date_format(start.date(), "j F Y"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


def from_wall_clock(value: dt.datetime) -> dt.datetime:
    """A typed date and time read on the association's wall clock (aware).

    Returns the instant in UTC; an aware ``value`` is returned unchanged. In the repeated
    October hour the first occurrence
    (summer time) is taken; a time in the missing March hour raises a ``ValidationError``
    (code ``nonexistent``) that says when the clock jumps.
    """
    if timezone.is_aware(value):
        return value
    if is_nonexistent(value):
        raise ValidationError(nonexistent_message(value), code="nonexistent")
    # Returned in UTC: an aware datetime in the repeated hour never compares equal (==) to one
    # in another zone (PEP 495), so the instant is normalised before anyone compares it.
    return value.replace(tzinfo=zone(), fold=0).astimezone(dt.UTC)


def parse_wall_clock(raw: str, formats_: list[str] | None = None) -> dt.datetime | None:
    """Parse ``raw`` (one of ``formats_``, or ISO 8601) to a naive or aware datetime; None if unreadable."""
    raw = raw.strip()
    for fmt in formats_ or WALL_CLOCK_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
    try:
        return parse_datetime(raw)
    except ValueError:
        return None


class LocalDateTimeField(forms.DateTimeField):
    """A ``datetime-local`` input read on the association's wall clock (see ``from_wall_clock``).

    Unlike Django's ``DateTimeField``, which refuses every time in the repeated October hour as
    "ambiguous", this takes the first occurrence, and it explains a time in the missing March
    hour in Dutch.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WALL_CLOCK_WIDGET_FORMAT)
    input_formats = WALL_CLOCK_INPUT_FORMATS
    default_error_messages = {"invalid": gettext_lazy("Vul een geldige datum en tijd in.")}

    def prepare_value(self, value):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return localtime(value).replace(tzinfo=None)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            parsed = value
        elif isinstance(value, dt.date):
            parsed = dt.datetime.combine(value, dt.time.min)
        else:
            parsed = parse_wall_clock(str(value), list(self.input_formats))
            if parsed is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return from_wall_clock(parsed)
