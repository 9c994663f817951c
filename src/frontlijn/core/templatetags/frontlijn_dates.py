"""``{% load frontlijn_dates %}``: ``{{ promise.due_date|due }}`` for every due or target date.

Renders ``<time>`` with the date in words (see :mod:`frontlijn.lib.dates`) and, once passed, a
"te laat sinds N dagen" badge. ``|due:"closed"`` for an item that is done (no lateness shown).
"""

from django import template
from django.utils.html import format_html

from frontlijn.lib import dates

register = template.Library()


@register.filter
def due(day, arg: str = ""):
    info = dates.due_date(day, closed=arg == "closed")
    if info is None:
        return ""
    html = format_html('<time datetime="{}">{}</time>', info.iso, info.text)
    if info.is_late:
        html = format_html('{} <span class="badge warn">{}</span>', html, info.late_text)
    return html


@register.filter
def date_text(day):
    """A date without lateness: the year only when not this year."""
    return dates.date_text(day) if day else ""


@register.filter
def moment(value):
    """A date and time in words, in the association's time zone: "2 december 01:30" (the year
    only when not this year)."""
    return dates.moment_text(value) if value else ""
