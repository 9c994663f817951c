"""Checks that libfaketime reaches Python, Django's clock and SQLite before CI trusts a night run.

Run under faketime with the expected instant (UTC) as the argument:

    faketime '2026-10-25 00:30:00 UTC' .venv/bin/python .ci/check_faketime.py '2026-10-25 00:30:00'

Exits non-zero when any of them still sees the real time.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import time

SLACK = dt.timedelta(minutes=10)


def main(expected_text: str) -> int:
    expected = dt.datetime.fromisoformat(expected_text).replace(tzinfo=dt.UTC)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontlijn.settings")
    import django

    django.setup()
    from frontlijn.lib import clock

    sqlite_now = sqlite3.connect(":memory:").execute("SELECT CURRENT_TIMESTAMP").fetchone()[0]
    seen = {
        "time.time()": dt.datetime.fromtimestamp(time.time(), dt.UTC),
        "datetime.now()": dt.datetime.now(dt.UTC),
        "clock.now()": clock.now(),
        "SQLite CURRENT_TIMESTAMP": dt.datetime.fromisoformat(sqlite_now).replace(tzinfo=dt.UTC),
    }
    bad = {name: value for name, value in seen.items() if not expected <= value < expected + SLACK}
    for name, value in seen.items():
        print(f"  {name:26} {value:%Y-%m-%d %H:%M:%S} UTC{'  <- NOT FAKED' if name in bad else ''}")
    print(f"  association's wall clock   {clock.localtime():%Y-%m-%d %H:%M %Z} (today: {clock.today()})")
    if bad:
        print(f"libfaketime did not reach: {', '.join(bad)} (expected {expected:%Y-%m-%d %H:%M} UTC)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
