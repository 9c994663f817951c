"""A service's ValidationError on a form: messages about a field go on that field, the rest above it.

Services raise ``ValidationError`` either with a dict (``{"title": [...]}``) or with plain messages.
:func:`add_service_error` puts either kind on a form the same way in every view.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def names_fields(exc: ValidationError) -> bool:
    """Whether the error was raised with a dict of field names (else it has plain messages)."""
    return hasattr(exc, "error_dict")


def service_errors(exc: ValidationError) -> dict[str, list[str]]:
    """The messages per field name; plain messages under ``"__all__"``."""
    return exc.message_dict if names_fields(exc) else {NON_FIELD_ERRORS: exc.messages}


def add_errors(form: forms.BaseForm, errors: Mapping[str, list[str]]) -> None:
    """Messages for a field of ``form`` go on that field; the others (``"__all__"``, or a name the
    form does not have) become non-field errors."""
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on ``form`` (see :func:`add_errors`)."""
    add_errors(form, service_errors(exc))
