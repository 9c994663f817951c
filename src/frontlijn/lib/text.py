"""Text normalisation for search: case- and accent-insensitive on every database.

SQLite's LIKE folds only ASCII letters and PostgreSQL's ILIKE keeps accents, so a KCC-medewerker
typing "ozturk" would not find "Öztürk". Names are therefore stored once more as a search key.
"""

import re
import unicodedata

_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "ł": "l", "Ł": "l", "đ": "d"})
_SPACES = re.compile(r"\s+")


def search_key(*parts: str) -> str:
    """'Ayşe  Öztürk-İnce' -> 'ayse ozturk-ince'."""
    text = " ".join(p for p in parts if p).translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.casefold()).strip()
