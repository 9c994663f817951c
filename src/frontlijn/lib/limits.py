"""How long free text may be, and the form field that says so.

Every free-text field has a maximum: a 108,000-character note once made a household page 77,000 px
tall. :class:`LimitedCharField` sets the limit (``maxlength`` in the page, so the browser stops
there), marks the field for the counter (``static/frontlijn/counter.js`` shows "12 van 4000
tekens" under it) and answers a longer POST with a clear Dutch message while the form keeps what
was typed. The API serializers and the import columns carry their own limits
(``api/serializers.py``, ``api/exchange/kinds.py``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

NOTE = 4000  # contact notes, signals, case descriptions, plan texts, inbreng
SUBJECT = 200
REASON = 1000  # a reason or explanation next to a decision
COMPLIMENT = 2000

TOO_LONG = _(
    "Deze tekst is te lang: hoogstens %(limit_value)s tekens, en het zijn er nu %(show_value)s. "
    "Maak hem korter; wat je typte staat er nog."
)
COUNTER = _("{n} van {max} tekens")


class LimitedCharField(forms.CharField):
    """A free-text field with a maximum length (default :data:`NOTE`) and a visible counter."""

    default_error_messages = {"max_length": TOO_LONG}

    def __init__(self, *, max_length: int = NOTE, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs["data-counter"] = COUNTER
        return attrs
