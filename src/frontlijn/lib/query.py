"""Query-string parameters, parsed through a form: a bad value is a 400 with a Dutch message.

Every view that reads ``request.GET`` does so through :func:`parse_query` with a small form; a
value that does not fit raises :class:`BadQuery`, which ``frontlijn.core.middleware.BadQueryMiddleware``
answers with a 400 page that says which parameter was wrong. A parameter that is simply absent
takes the form's default (``initial``), so links without a query string keep working.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import BadRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Dates far outside the association's history are not dates a user means; far-off years also
# overflow when converted between time zones (year 1 in Amsterdam is year 0 in UTC).
MIN_YEAR, MAX_YEAR = 1900, 9998
# Primary keys and ids fit in a 64-bit signed integer on every database.
MAX_ID = 2**63 - 1


class BadQuery(BadRequest):
    """A query parameter that does not fit; ``errors``: parameter -> Dutch messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))


class IdField(forms.IntegerField):
    """A record id in a query string: a positive integer that fits the database."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


def check_year(value: dt.date | dt.datetime | None, field: str = "") -> None:
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise forms.ValidationError(
            _("Ongeldige datum: kies een jaar tussen %(min)s en %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )


class BoundedDateField(forms.DateField):
    def clean(self, value):
        value = super().clean(value)
        check_year(value)
        return value


class BoundedDateTimeField(forms.DateTimeField):
    """ISO 8601 date and time (with or without offset); naive values are in the association's zone."""

    default_error_messages = {"invalid": _("Ongeldige datum en tijd: gebruik bijvoorbeeld 2026-03-01T09:30.")}

    def to_python(self, value):
        result = super().to_python(value)
        check_year(result)
        if result is not None:
            try:
                result.astimezone(dt.UTC)
            except (OverflowError, ValueError) as exc:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return result


def parse_query(form_class: type[forms.Form], request, *, data=None, **kwargs) -> dict:
    """The cleaned query parameters (or ``data``, e.g. a hidden POST field); absent ones fall back
    to the field's ``initial``."""
    source = request.GET if data is None else data
    form = form_class(source, **kwargs)
    if not form.is_valid():
        raise BadQuery({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    data = dict(form.cleaned_data)
    for name, field in form.fields.items():
        if name not in source and field.initial is not None:
            data[name] = field.initial() if callable(field.initial) else field.initial
    return data


def aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value
