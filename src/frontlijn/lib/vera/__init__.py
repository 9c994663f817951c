"""VERA reference data (code lists) used by Frontlijn.

``referentiedata.csv`` is a subset of ``Referentiedata.csv`` from the repository
Aedes-datastandaarden/vera-referentiedata at commit 92ae24c, licensed CC0 (``LICENSE-CC0.txt``).
Only the lists Frontlijn uses are kept; rows are unchanged.

Where VERA has no value for something Frontlijn needs (a street contact, a proactive contact),
Frontlijn adds its own code, marked ``frontlijn`` in :data:`EXTENSIONS` and in the glossary.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_CSV = Path(__file__).with_name("referentiedata.csv")


@dataclass(frozen=True)
class Code:
    soort: str
    code: str
    naam: str
    omschrijving: str
    einddatum: str
    parent: str

    @property
    def label(self):
        """The name for people: VERA's Dutch name, translated lazily (English UI); the API keeps ``naam``."""
        return _label(self.naam)


@cache
def _all() -> dict[str, dict[str, Code]]:
    lists: dict[str, dict[str, Code]] = {}
    with _CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            code = Code(
                soort=row["Soort"],
                code=row["Code"],
                naam=row["Naam"],
                omschrijving=row["Omschrijving"],
                einddatum=row["Einddatum"],
                parent=row["Parent"],
            )
            lists.setdefault(code.soort, {})[code.code] = code
    return lists


def codes(soort: str, *, include_ended: bool = False) -> list[Code]:
    """The codes of one VERA list, in CSV order; ended codes are left out unless asked."""
    return [c for c in _all()[soort].values() if include_ended or not c.einddatum]


def naam(soort: str, code: str) -> str:
    """The VERA name of a code, or of a Frontlijn extension; the code itself when unknown."""
    ext = EXTENSIONS.get(soort, {})
    if code in ext:
        return ext[code]
    found = _all().get(soort, {}).get(code)
    return found.naam if found else code


def _label(name: str):
    from django.utils.translation import gettext_lazy

    return gettext_lazy(name)


def label(soort: str, code: str):
    """:func:`naam` translated for the page's language (lazily): names are listed in labels.py."""
    return _label(naam(soort, code))


def as_object(soort: str, code: str | None) -> dict | None:
    """VERA's shape for a code-list field: ``{"code": ..., "naam": ...}``."""
    if not code:
        return None
    return {"code": code, "naam": naam(soort, code)}


# Frontlijn's own codes where VERA has none (documented in docs/glossary.md).
EXTENSIONS: dict[str, dict[str, str]] = {
    "COMMUNICATIEKANAAL": {"STR": "Op straat / wijkronde"},
    "COMMUNICATIERICHTING": {"PRO": "Proactief"},
}
