"""Which months the dashboard shows: complete months first, the running month apart.

One rule for the dashboard page, the comparison view and the exports (PDF, XLSX, CSV):

- a view *ends on the last complete month* (:func:`last_complete_month`) unless an earlier
  month is chosen; a later choice (the running month) is moved back to the last complete one,
  so a month that has just begun is never the headline;
- the *running month* (:func:`running_month`) is shown next to it, apart, as "lopende maand,
  t/m <datum>" (:func:`running_label`), when the view ends on the last complete month.

"Today" is the date in the association's time zone (:func:`frontlijn.lib.clock.today`): at 00:30
on 1 December in Amsterdam the running month is December and November is complete, while UTC
still says 30 November.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frontlijn.lib import clock


def _month_before(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)


def running_month(today: dt.date | None = None) -> dt.date:
    """The first day of the month that is still running (today's month)."""
    return (today or clock.today()).replace(day=1)


def last_complete_month(today: dt.date | None = None) -> dt.date:
    """The first day of the last complete month: the month before today's (the default month)."""
    return _month_before(running_month(today))


def view_end(chosen: dt.date | None = None, today: dt.date | None = None) -> dt.date:
    """The last (complete) month a view ends on: the chosen month, at most the last complete one."""
    last = last_complete_month(today)
    if chosen is None:
        return last
    return min(chosen.replace(day=1), last)


def shows_running_month(end: dt.date, today: dt.date | None = None) -> bool:
    """Whether a view ending on ``end`` shows the running month beside it."""
    return end == last_complete_month(today)


def running_label(today: dt.date | None = None) -> str:
    """ "lopende maand, t/m 2 december": the running month and the last day counted in it."""
    day = today or clock.today()
    return _("lopende maand, t/m %(date)s") % {"date": date_format(day, "j F")}


def is_running_month(month: dt.date, today: dt.date) -> bool:
    """True if ``month`` (any day in it) is the month ``today`` falls in: not complete yet."""
    return (month.year, month.month) == (today.year, today.month)
