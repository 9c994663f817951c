"""Check that the committed English catalog matches the strings in the source.

Runs ``makemessages -l en --no-obsolete --no-location`` on a temporary copy of
``src/frontlijn`` (the committed files are never touched), then compares the msgids of the
fresh catalog with those of the committed ``src/frontlijn/locale/en/LC_MESSAGES/django.po``.
Header dates are ignored: only msgctxt/msgid/msgid_plural count. Also checks that the
committed ``django.mo`` is what ``msgfmt`` makes of the committed ``django.po``.

Exit status 0 when both are up to date, 1 otherwise. Fix with ``make messages``.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "frontlijn"
CATALOG = Path("locale") / "en" / "LC_MESSAGES" / "django.po"

Key = tuple[str | None, str, str | None]


def parse_po(path: Path) -> dict[Key, dict[str, object]]:
    """Return {(msgctxt, msgid, msgid_plural): {"msgstr": [...], "fuzzy": bool}}, header excluded."""
    entries: dict[Key, dict[str, object]] = {}
    current: dict[str, object] = {}
    field: str | None = None

    def flush() -> None:
        nonlocal current, field
        if "msgid" in current and not current.get("obsolete"):
            key = (current.get("msgctxt"), current["msgid"], current.get("msgid_plural"))
            if key[1] != "" or key[0] is not None:
                msgstrs = [v for k, v in sorted(current.items()) if k.startswith("msgstr")]
                entries[key] = {"msgstr": msgstrs, "fuzzy": bool(current.get("fuzzy"))}
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
            if "msgid" in current:
                flush()
            current["fuzzy"] = "fuzzy" in line
            continue
        if line.startswith("#"):
            if "msgid" in current and field and field.startswith("msgstr"):
                flush()
            continue
        if line.startswith('"'):
            current[field] = current[field] + ast.literal_eval(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current):
            flush()
        field = keyword
        current[field] = ast.literal_eval(value)
    flush()
    return entries


def fresh_catalog(tmp: Path) -> Path:
    """Copy the package to tmp and run makemessages there; return the path of the new .po."""
    copy = tmp / "frontlijn"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "var", "*.sqlite3*", "media", "static")
    )
    (tmp / "_check_messages_settings.py").write_text(
        f"from frontlijn.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n",
        encoding="utf-8",
    )
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "_check_messages_settings"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp), env.get("PYTHONPATH")]))
    env.setdefault("FRONTLIJN_DATA_DIR", str(REPO / "var"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--no-location", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
    )
    return copy / CATALOG


def describe(key: Key) -> str:
    ctxt, msgid, plural = key
    text = repr(msgid)
    if plural is not None:
        text += f" / plural {plural!r}"
    if ctxt is not None:
        text += f" (context {ctxt!r})"
    return text


def check_mo(committed_po: Path, tmp: Path) -> bool:
    committed_mo = committed_po.with_suffix(".mo")
    if not committed_mo.exists():
        print(f"{committed_mo.relative_to(REPO)} is missing: run 'make messages' and commit it.")
        return False
    compiled = tmp / "django.mo"
    msgfmt = shutil.which("msgfmt") or "msgfmt"
    subprocess.run([msgfmt, "--check-format", "-o", str(compiled), str(committed_po)], check=True)  # noqa: S603
    if compiled.read_bytes() != committed_mo.read_bytes():
        print(f"{committed_mo.relative_to(REPO)} is stale (not compiled from the committed .po): run 'make messages'.")
        return False
    return True


def main() -> int:
    committed_po = PACKAGE / CATALOG
    if not committed_po.exists():
        print(f"{committed_po.relative_to(REPO)} does not exist yet: translations check not run ('make messages').")
        return 0
    if shutil.which("msgmerge") is None or shutil.which("xgettext") is None:
        print("GNU gettext is missing (apt-get install gettext): cannot check translations.")
        return 1

    with tempfile.TemporaryDirectory(prefix="frontlijn-messages-") as name:
        tmp = Path(name)
        fresh = parse_po(fresh_catalog(tmp))
        committed = parse_po(committed_po)
        ok = check_mo(committed_po, tmp)

    missing = sorted(set(fresh) - set(committed), key=str)
    stale = sorted(set(committed) - set(fresh), key=str)
    if missing:
        ok = False
        print(f"{len(missing)} string(s) in the source are not in {committed_po.relative_to(REPO)}:")
        for key in missing:
            print(f"  + {describe(key)}")
    if stale:
        ok = False
        print(f"{len(stale)} string(s) in {committed_po.relative_to(REPO)} are no longer in the source:")
        for key in stale:
            print(f"  - {describe(key)}")
    untranslated = [k for k, e in committed.items() if not all(e["msgstr"]) or e["fuzzy"]]
    if untranslated:
        print(f"note: {len(untranslated)} of {len(committed)} English string(s) are untranslated or fuzzy.")
    if ok:
        print(f"Translations up to date: {len(committed)} msgids in {committed_po.relative_to(REPO)}.")
    else:
        print("Run 'make messages', translate, and commit the .po and .mo files.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
