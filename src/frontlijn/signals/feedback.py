"""The handler's own answer to the raiser of a signal: start texts and what is refused.

A form may offer a start text to edit, but the raiser must get a real answer: an empty text, a
start text left as it is, or one of the canned phrases ("Dank voor je signaal, we hebben het
opgepakt") is refused with a Dutch message (``feedback_problem``). Used by ``signals.services``
for picking up, closing and taking a signal into a plan.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def start_pick_up() -> str:
    return str(gettext_lazy("Ik heb je signaal opgepakt. Wat ik ga doen: "))


def start_close() -> str:
    return str(gettext_lazy("Dank voor je signaal. Wat er is gebeurd: "))


# Phrases that say nothing about this signal (also in older data and the demo).
CANNED = (
    "Dank voor uw signaal: we hebben het opgepakt.",
    "Dank voor je signaal, we hebben het opgepakt.",
    "Dank voor je signaal.",
    "Dank voor uw signaal.",
    "Bedankt voor je signaal.",
    "We hebben het opgepakt.",
    "Opgepakt.",
)


def _normal(text: str) -> str:
    return re.sub(r"[\s.,:;!–—-]+", " ", (text or "").lower()).strip()


def _canned() -> set[str]:
    # Both the Dutch source and the active language's start texts count as "unchanged".
    texts = {*CANNED, start_pick_up(), start_close(), "Ik heb je signaal opgepakt. Wat ik ga doen: "}
    texts.add("Dank voor je signaal. Wat er is gebeurd: ")
    return {_normal(t) for t in texts}


def feedback_problem(text: str) -> str | None:
    """A Dutch message when ``text`` is no real answer to the raiser, else None."""
    if not (text or "").strip():
        return _("Schrijf de melder een antwoord: wat gebeurt er met het signaal?")
    if _normal(text) in _canned():
        return _(
            "Schrijf de melder een echt antwoord: wat gebeurt er met dit signaal, door wie en wanneer? "
            "Een starttekst of standaardzin alleen is niet genoeg."
        )
    return None
