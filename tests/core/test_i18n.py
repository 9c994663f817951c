"""Dutch is the source language of the UI; English comes from the committed ``en`` catalog.

See docs/decisions/0001-dutch-source-strings.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import frontlijn

CATALOG = Path(frontlijn.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def parse_po(path: Path) -> list[dict]:
    """A small .po parser: one dict per entry with msgctxt/msgid/msgid_plural/msgstr[n] and its flags."""
    entries: list[dict] = []
    current: dict = {}
    field = None

    def flush() -> None:
        nonlocal current, field
        if "msgid" in current and not current.get("obsolete"):
            entries.append(current)
        current, field = {}, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            current["obsolete"] = True
            continue
        if line.startswith("#,"):
            current.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            current[field] += ast.literal_eval(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current):
            flush()
        field = "msgstr[0]" if keyword == "msgstr" else keyword
        current[field] = ast.literal_eval(value)
    flush()
    return entries


def test_settings_make_dutch_the_source_and_english_a_translation():
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _name in settings.LANGUAGES] == ["nl", "en"]


@pytest.mark.django_db
def test_login_page_is_dutch_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen bij Frontlijn" in html
    assert "Log in to Frontlijn" not in html


@pytest.mark.django_db
def test_login_page_is_english_after_switching_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    assert "Log in to Frontlijn" in html
    assert "Inloggen" not in html

    # And back to Dutch.
    client.post("/i18n/setlang/", {"language": "nl", "next": "/accounts/login/"})
    assert "Inloggen bij Frontlijn" in client.get("/accounts/login/").content.decode()


def test_english_catalog_is_complete():
    entries = parse_po(CATALOG)
    header = [e for e in entries if e["msgid"] == "" and "msgctxt" not in e]
    assert header and "fuzzy" not in header[0].get("flags", set()), "the catalog header is fuzzy"
    assert "Language: en\n" in header[0]["msgstr[0]"]
    messages = [e for e in entries if e["msgid"] != "" or "msgctxt" in e]
    assert len(messages) > 100

    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e.get("flags", set())]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries, e.g. {fuzzy[:5]}"
    untranslated = [e["msgid"] for e in messages if not all(v for k, v in e.items() if k.startswith("msgstr"))]
    assert not untranslated, f"{len(untranslated)} untranslated entries, e.g. {untranslated[:5]}"
    plurals = [e for e in messages if "msgid_plural" in e]
    assert all("msgstr[0]" in e and "msgstr[1]" in e for e in plurals)


def test_compiled_catalog_translates_glossary_terms():
    with translation.override("en"):
        assert translation.gettext("Verder dan het proces") == "Beyond the process"
        assert translation.gettext("Wijkbeheerder") == "Neighbourhood manager"
        assert translation.gettext("Ingelogd als %(name)s") % {"name": "Anna"} == "Logged in as Anna"
        assert translation.ngettext("%(n)s bewoner", "%(n)s bewoners", 1) % {"n": 1} == "1 resident"
        assert translation.ngettext("%(n)s bewoner", "%(n)s bewoners", 3) % {"n": 3} == "3 residents"
    with translation.override("nl"):
        assert translation.gettext("Verder dan het proces") == "Verder dan het proces"
