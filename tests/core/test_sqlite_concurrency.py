"""The embedded SQLite database under concurrent use (settings: WAL, IMMEDIATE transactions, busy timeout).

Separate processes on one SQLite file, as `frontlijn serve` workers and an import would be: a long write
transaction neither blocks readers nor makes another writer fail with "database is locked".
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

SETUP = (
    "import os, sys, time, django\n"
    "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'frontlijn.settings')\n"
    "django.setup()\n"
    "from django.db import connection, transaction\n"
)


def start(code: str, data_dir) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["FRONTLIJN_DATA_DIR"] = str(data_dir)
    return subprocess.Popen(
        [sys.executable, "-c", SETUP + code],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def when_told(code: str) -> str:
    """``code`` runs once Django is set up and the test writes a line to the process."""
    return "connection.ensure_connection()\nprint('ready', flush=True)\nsys.stdin.readline()\n" + code


def go(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()


def finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=60)
    out = out.removeprefix("ready\n")
    assert process.returncode == 0, err
    return out.strip()


def test_a_long_write_blocks_neither_readers_nor_another_writer(tmp_path):
    journal = finish(
        start(
            "with connection.cursor() as c:\n"
            "    c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')\n"
            "    c.execute(\"INSERT INTO t (v) VALUES ('eerst')\")\n"
            "    print(c.execute('PRAGMA journal_mode').fetchone()[0])\n",
            tmp_path,
        )
    )
    assert journal == "wal"
    assert (tmp_path / "frontlijn.sqlite3").exists()
    reader = start(
        when_told(
            "t0 = time.monotonic()\n"
            "with connection.cursor() as c:\n"
            "    n = c.execute('SELECT count(*) FROM t').fetchone()[0]\n"
            "print(n, round(time.monotonic() - t0, 2))\n"
        ),
        tmp_path,
    )
    other_writer = start(
        when_told(
            "t0 = time.monotonic()\n"
            "with transaction.atomic():\n"
            "    with connection.cursor() as c:\n"
            "        c.execute(\"INSERT INTO t (v) VALUES ('pagina')\")\n"
            "print(round(time.monotonic() - t0, 2))\n"
        ),
        tmp_path,
    )
    assert reader.stdout.readline().strip() == "ready" and other_writer.stdout.readline().strip() == "ready"
    # A long import: one write transaction held for 4 seconds.
    writer = start(
        "with transaction.atomic():\n"
        "    with connection.cursor() as c:\n"
        "        c.executemany('INSERT INTO t (v) VALUES (%s)', [('import',)] * 1000)\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(4)\n",
        tmp_path,
    )
    assert writer.stdout.readline().strip() == "locked"
    go(reader, other_writer)
    started = time.monotonic()
    count, read_seconds = finish(reader).split()
    reader_done = time.monotonic() - started
    waited = float(finish(other_writer))
    finish(writer)
    # The reader saw the data committed before the import, without waiting for it.
    assert count == "1"
    assert float(read_seconds) < 2, f"the read waited {read_seconds} s for the import"
    assert reader_done < 3.5
    # The other writer waited for the lock (busy timeout) instead of failing.
    assert waited > 0.5
    final = finish(start("print(connection.cursor().execute('SELECT count(*) FROM t').fetchone()[0])", tmp_path))
    assert final == "1002"
