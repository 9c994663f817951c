"""Logging helpers that keep resident-identifying text out of logs."""

import logging
import re
import traceback

_QUERY = re.compile(r"\?[^\s\"']*")
_POSTCODE = re.compile(r"\b[1-9][0-9]{3}\s?[A-Za-z]{2}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+31|0)[\s-]?(?:\d[\s-]?){8,9}\d")
# A resident's single-use feedback link (/r/<token>/): whoever reads the log could answer for them.
_FEEDBACK_LINK = re.compile(r"/r/(?!bedankt/)[A-Za-z0-9_-]{6,}")


def scrub(text: str) -> str:
    """Remove query strings, feedback links, postcodes, e-mail addresses and phone numbers from a log text."""
    text = _QUERY.sub("?[…]", text)
    text = _FEEDBACK_LINK.sub("/r/[…]", text)
    text = _EMAIL.sub("[e-mail]", text)
    text = _PHONE.sub("[telefoon]", text)
    return _POSTCODE.sub("[postcode]", text)


class ResidentDataFilter(logging.Filter):
    """Scrub every log record before it is written.

    Request paths can carry search terms (a name, a postcode); exceptions can carry form
    values.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = scrub(message)
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None:
            # Keep the traceback's shape (files, lines, code) and the exception type, but not the
            # exception's message: it can hold form values (a resident's name, a note).
            exc_type, _exc, tb = record.exc_info
            frames = "".join(traceback.format_tb(tb))
            name = f"{exc_type.__module__}.{exc_type.__qualname__}"
            record.exc_text = f"Traceback (most recent call last):\n{frames}{name}: [melding weggelaten]"
            record.exc_info = None
        return True
