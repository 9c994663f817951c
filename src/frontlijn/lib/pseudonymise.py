"""Remove what identifies a resident from free text before it leaves its protected context.

Used for quotes in plan briefings (and reusable for exports and reports). It replaces, in this
order: e-mail addresses, phone numbers, Dutch postcodes with or without a house number, street +
house number of known streets (also abbreviated: "Kerkstr. 12") and of any word that reads as a
street ("Molenweg 3a"), anything that looks like a BSN or another long number, the known names of
residents (full names, surnames with or without tussenvoegsels, first names; with or without
their accents: "Brese" for "Brésé"), a capitalised word after a form of address ("mevrouw
Jansen", "dhr. De Vries") and the names of relatives and others who are not residents ("zoon
Pieter", "haar vriendin Sanne de Boer").

``deduce`` (a Dutch de-identification library for medical text) was tried for this (issue 14,
docs/security.md): it installs, but it builds its lookup structures for 1-2 minutes on first use
and its rules target clinical notes (patients, doctors, hospitals); these hand-written rules cover
the probe's cases and know the residents' own names and streets.

It errs on the side of removing too much. It is not a guarantee: text that identifies someone
in another way ("the man with the red scooter on the corner") stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

NAME = "[bewoner]"
PHONE = "[telefoonnummer]"
EMAIL = "[e-mailadres]"
ADDRESS = "[adres]"
NUMBER = "[nummer]"
PERSON = "[persoon]"

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 1234 AB, 1234AB, optionally followed by a house number (+ letter / addition).
# Lower-case letters only count when attached ("1234ab"): "2024 om 14" is a year, not an address.
_POSTCODE_RE = re.compile(r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b(?:[\s,]+\d{1,5}(?:\s?[A-Za-z]\b)?(?:-\w{1,4})?)?")
# Phone numbers: +31 / 0031 / 0 followed by 9 digits, with up to three spaces, dashes, dots or
# brackets between digits ("010 - 123 45 67", "(010) 123 45 67").
_PHONE_RE = re.compile(r"(?<![\w+/-])(?:\+31|0031|\+\d{2}|\(?0)[\s().-]*(?:\d[\s().-]{0,3}){8,10}\d(?!\w)")
# A word that reads as a street, with a house number: "Molenweg 3a", "Kerkstr. 12", "Gracht 14".
_STREET_SUFFIXES = "straat|str\\.|laan|ln\\.|weg|plein|pln\\.|gracht|kade|singel|dreef|steeg|pad|dijk|hof|markt|park"
_STREET_RE = re.compile(
    rf"\b(?:[A-Z\u00c0-\u00de][\w\u00c0-\u017f-]*?(?:{_STREET_SUFFIXES})|(?:Straat|Laan|Weg|Plein|Gracht|Kade|Singel|"
    rf"Dreef|Steeg|Pad|Dijk|Hof|Markt|Park))\s*\d{{1,5}}(?:\s?[A-Za-z]\b)?(?:-\w{{1,4}})?"
)
# Any remaining run of 7+ digits (a BSN, a client number), also written as 123.456.789.
_LONG_NUMBER_RE = re.compile(r"(?<![\d.])(?:\d{7,}|\d{3,4}[.\s]\d{2,3}[.\s]\d{3})(?![\d])")
_ADDRESS_WORDS = (
    r"(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de heer|familie|fam\.?|buurman|buurvrouw|bewoner|bewoonster)"
)
_TUSSENVOEGSELS = r"(?:(?:van|de|der|den|het|ter|ten|te|in|'t|von|da|du|le|la|el|al|op|vd)\s+){0,3}"
_TITLED_NAME_RE = re.compile(
    rf"\b((?i:{_ADDRESS_WORDS}))\s+((?i:{_TUSSENVOEGSELS}))?[A-Z\u00c0-\u00de][\w\u00c0-\u017f'-]+"
)
# Relatives and others around a resident who are not residents themselves: "zoon Pieter",
# "dochter Sanne de Boer". Only a capitalised word after the word counts ("de zoon van de buren" stays).
_KIN_WORDS = (
    r"(?:(?:klein|schoon|stief|half|achter)?(?:zoon|dochter|kind|moeder|vader|broer|zus|zuster)|"
    r"oom|tante|neef|nicht|opa|oma|man|vrouw|echtgenoot|echtgenote|partner|vriend|vriendin|ex|zwager|"
    r"mantelzorger|verzorger|buurjongen|buurmeisje|kennis)"
)
_CAPITALISED = r"[A-Z\u00c0-\u00de][\w\u00c0-\u017f'-]+"
_KIN_NAME_RE = re.compile(
    rf"\b((?i:{_KIN_WORDS}))\s+(?:(?i:{_TUSSENVOEGSELS}))?{_CAPITALISED}"
    rf"(?:\s+(?:(?i:{_TUSSENVOEGSELS}))?{_CAPITALISED})?"
)


# Dutch surnames and first names that are also everyday words.
_COMMON_WORDS = """
    zwart wit groen bruin rood blauw grijs bos berg vos visser bakker kok boer koning schaap haan brouwer
    molenaar timmerman smid kuiper dekker jong oud klein groot lange kort hoek dijk veen beek brink kamp
    dam laan straat kerk huis hof tuin wal vliet water zee land veld horst broek bloem roos lelie winter
    zomer mei april juni juli augustus vrij blij goed snel stil sterk zoet hart bruggen brug poort vink
    mees kraai duif zwaan leeuw wolf beer bakkers kramer schipper slager schilder snijder post haas
    hoop geluk vrede
"""
COMMON_WORD_NAMES = frozenset(_COMMON_WORDS.split())


def _base(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0]


# Each letter -> every letter with the same base ("e" -> "eéèêë"), so a name matches with or
# without its accents, whichever way round it was written.
_VARIANTS: dict[str, str] = {}
for _code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)]:
    _ch = chr(_code)
    if _ch.isalpha() and _base(_ch).isascii():
        _VARIANTS[_base(_ch)] = _VARIANTS.get(_base(_ch), "") + _ch


def _accent_pattern(word: str) -> str:
    out = []
    for ch in word:
        variants = _VARIANTS.get(_base(ch), "")
        out.append(f"[{re.escape(variants)}]" if len(variants) > 1 else re.escape(ch))
    return "".join(out)


def _word_pattern(words: Iterable[str], *, case_sensitive: bool) -> re.Pattern | None:
    items = sorted({w for w in words if w}, key=len, reverse=True)
    if not items:
        return None
    body = "|".join(r"\s+".join(_accent_pattern(part) for part in w.split()) for w in items)
    flags = re.UNICODE if case_sensitive else re.UNICODE | re.IGNORECASE
    return re.compile(rf"(?<![\w\u00c0-\u017f])(?:{body})(?![\w\u00c0-\u017f])", flags)


class Pseudonymiser:
    """Built once per set of names/streets (compiling the patterns), then applied to many texts."""

    def __init__(self, *, names: Iterable[str] = (), streets: Iterable[str] = ()) -> None:
        long_names: set[str] = set()
        short_names: set[str] = set()
        for name in names:
            name = " ".join((name or "").split())
            if len(name) < 2:
                continue
            # Short names ("Li", "Bas") and surnames that are also everyday words ("Zwart",
            # "Bakker") only match capitalised, so "zwart uitgeslagen" keeps its meaning.
            if len(name) < 4 or name.lower() in COMMON_WORD_NAMES:
                short_names.add(name[0].upper() + name[1:])
            else:
                long_names.add(name)
        self._long = _word_pattern(long_names, case_sensitive=False)
        self._short = _word_pattern(short_names, case_sensitive=True)
        street_items = sorted(
            {" ".join(s.split()) for s in streets if s and len(s.strip()) >= 3}, key=len, reverse=True
        )
        if street_items:
            body = "|".join(re.escape(s) for s in street_items)
            self._street: re.Pattern[str] | None = re.compile(
                rf"\b(?:{body})\s*\d{{1,5}}(?:\s?[A-Za-z]\b)?(?:-\w{{1,4}})?", re.IGNORECASE | re.UNICODE
            )
        else:
            self._street = None

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        text = _EMAIL_RE.sub(EMAIL, text)
        text = _PHONE_RE.sub(PHONE, text)
        text = _POSTCODE_RE.sub(ADDRESS, text)
        if self._street is not None:
            text = self._street.sub(ADDRESS, text)
        text = _STREET_RE.sub(ADDRESS, text)
        text = _LONG_NUMBER_RE.sub(NUMBER, text)
        text = _TITLED_NAME_RE.sub(lambda m: f"{m.group(1)} {NAME}", text)
        text = _KIN_NAME_RE.sub(lambda m: f"{m.group(1)} {PERSON}", text)
        if self._long is not None:
            text = self._long.sub(NAME, text)
        if self._short is not None:
            text = self._short.sub(NAME, text)
        # "[bewoner] [bewoner]" (first name + surname) reads as one person.
        text = re.sub(rf"(?:{re.escape(NAME)}\s+)+{re.escape(NAME)}", NAME, text)
        return text


def resident_name_parts(*, first_name: str, prefix: str, last_name: str) -> list[str]:
    """The forms in which a resident's name can appear in a note."""
    parts = [first_name, last_name]
    if prefix:
        parts.append(f"{prefix} {last_name}")
        parts.append(f"{first_name} {prefix} {last_name}")
    parts.append(f"{first_name} {last_name}")
    return [p for p in parts if p and p.strip()]


def pseudonymise(text: str, *, names: Iterable[str] = (), streets: Iterable[str] = ()) -> str:
    """One-off convenience: ``Pseudonymiser(names=..., streets=...)(text)``."""
    return Pseudonymiser(names=names, streets=streets)(text)
