"""A contact moment's rules, declared once (see ``frontlijn.lib.rules``).

Read by the web form (through ``validate_contact``), the API serializer (the duration's bounds),
the API's writes and the import (row by row on SQLite, set-wise in SQL on PostgreSQL).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from frontlijn.lib.rules import AtLeastOne, Between, NoBsn, NotFuture

MAX_DURATION_MINUTES = 8 * 60
TEXT_FIELDS = ("subject", "process_note", "beyond_note")

CONTACT_RULES = (
    NotFuture("occurred_at", _("Een contactmoment kan niet in de toekomst liggen.")),
    Between(
        "duration_minutes",
        1,
        MAX_DURATION_MINUTES,
        missing=_("Vul de duur in minuten in."),
        too_small=_("De duur is minimaal 1 minuut."),
        too_large=_("De duur is hoogstens %(max)s minuten (8 uur). Klopt het getal?"),
    ),
    AtLeastOne(TEXT_FIELDS, _("Schrijf iets op: wat er is afgehandeld, of wat er verder speelt.")),
    NoBsn(TEXT_FIELDS),
)
