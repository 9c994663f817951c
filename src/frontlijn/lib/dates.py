"""Dates that speak: how every due or target date is shown (promises, cases, rounds).

One helper for every "uiterlijk op" / "streefdatum" in the UI:

- the year only when it is not this year ("4 december", "10 januari 2025");
- "vandaag" / "morgen" for the nearest days, the weekday within the coming week;
- "te laat sinds N dagen" once the date has passed (unless the item is closed).

Month and weekday names come from Django's date formatting in the active language (``F``, ``l``):
never ``strftime`` (English names) and never ``M`` (Django title-cases it: "Dec" in Dutch too).
"Today" is the association's today (``clock.today()``, settings.TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontlijn.lib import clock


@dataclass(frozen=True)
class DueDate:
    day: dt.date
    text: str  # "vrijdag 4 december", "10 januari 2025", "vandaag"
    days_late: int  # 0 when not late
    late_text: str  # "te laat sinds 3 dagen" or ""

    @property
    def is_late(self) -> bool:
        return self.days_late > 0

    @property
    def iso(self) -> str:
        return self.day.isoformat()


def date_text(day: dt.date, *, today: dt.date | None = None) -> str:
    """The date in words, with the year only when it is not this year (a datetime: its local date)."""
    if isinstance(day, dt.datetime):
        day = clock.localtime(day).date() if timezone.is_aware(day) else day.date()
    today = today or clock.today()
    return date_format(day, "j F" if day.year == today.year else "j F Y")


def moment_text(value: dt.datetime, *, today: dt.date | None = None) -> str:
    """A point in time in words: "2 december 01:30", "10 januari 2025 14:05" (local time)."""
    local = clock.localtime(value) if timezone.is_aware(value) else value
    return f"{date_text(local.date(), today=today)} {local:%H:%M}"


def due_date(day: dt.date | dt.datetime | None, *, today: dt.date | None = None, closed: bool = False):
    """A :class:`DueDate` for a due or target date (``None`` for no date)."""
    if day is None or day == "":
        return None
    if isinstance(day, dt.datetime):
        day = clock.localtime(day).date() if timezone.is_aware(day) else day.date()
    today = today or clock.today()
    delta = (day - today).days
    if delta == 0:
        text = _("vandaag")
    elif delta == 1:
        text = _("morgen")
    elif 1 < delta < 7:
        text = date_format(day, "l j F")
    else:
        text = date_text(day, today=today)
    days_late = 0 if closed else max(0, -delta)
    late_text = (
        ngettext("te laat sinds %(n)s dag", "te laat sinds %(n)s dagen", days_late) % {"n": days_late}
        if days_late
        else ""
    )
    return DueDate(day=day, text=text, days_late=days_late, late_text=late_text)


def next_weekday(today: dt.date, weekday: int) -> dt.date:
    """The next ``weekday`` (Monday 0 … Sunday 6) after today: on a Friday, "vrijdag" is next week's."""
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def quick_dates(today: dt.date | None = None) -> list[tuple[str, str, dt.date]]:
    """The quick choices for a promise: (key, label, date) for vandaag, morgen, vrijdag, volgende week."""
    today = today or clock.today()
    return [
        ("vandaag", _("vandaag"), today),
        ("morgen", _("morgen"), today + dt.timedelta(days=1)),
        ("vrijdag", _("vrijdag"), next_weekday(today, 4)),
        ("volgende-week", _("volgende week"), today + dt.timedelta(days=7)),
    ]
