"""Benchmark of the bulk import and the API list (not a timed test; ``make bench`` runs it).

``run(size)`` measures, in one transaction that is rolled back at the end (the database is left
as it was):

- importing N contact moments from CSV with ``frontlijn import`` (N = 1,000,000 for ``large``,
  20,000 for ``small``), and the ratio to the database's own bulk load of the same file in the
  same run: PostgreSQL ``COPY`` into an unlogged table; on SQLite a plain ``executemany`` insert;
- peak Python memory (tracemalloc) of the import for two file sizes, to show it stays flat;
- p95 of ``GET /api/v1/contactmomenten/`` (first pages and a resumed sync) with everything in the
  database at that moment.

    python -m bench.api small
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SIZES = {"small": 20_000, "large": 1_000_000}
MEMORY_SIZES = {"small": (10_000, 40_000), "large": (20_000, 200_000)}
HOUSEHOLDS = 1_000
BATCH = 10_000  # rows per batch in the import (staging table on PostgreSQL)
COLUMNS = ["idExtern", "kanaal", "richting", "datum", "duur", "onderwerp", "omschrijving", "medewerker", "huishouden"]


def _setup():
    from frontlijn.register.models import Buurt, Household, Unit, Wijk
    from frontlijn.teams.models import Role, User

    wijk = Wijk.objects.create(id_extern="BENCH-W", name="Benchwijk", place="Utrecht")
    buurt = Buurt.objects.create(id_extern="BENCH-B", name="Benchbuurt", wijk=wijk)
    units = Unit.objects.bulk_create(
        Unit(
            id_extern=f"BENCH-E{n}",
            buurt=buurt,
            street="Benchstraat",
            house_number=n + 1,
            postcode="3511 AB",
            place="Utrecht",
        )
        for n in range(HOUSEHOLDS)
    )
    Household.objects.bulk_create(
        Household(id_extern=f"BENCH-H{n}", name=f"Huishouden {n}", unit_id=unit.pk) for n, unit in enumerate(units)
    )
    staff = User.objects.create(username="bench-kcc", role=Role.KCC_MEDEWERKER)
    admin = User.objects.create(username="bench-beheer", role=Role.BEHEERDER)
    return staff, admin


def write_csv(path: Path, rows: int, *, start: int = 0, changed_every: int = 0, bad_at: int | None = None) -> None:
    """N contact moments; with ``changed_every=10`` every tenth row has another subject (10 % changed);
    with ``bad_at=k`` the k-th row (file line k + 2) has a duration of 0 minutes."""
    base = dt.datetime(2015, 1, 1, 8, 0, tzinfo=dt.UTC)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(COLUMNS)
        for n in range(start, start + rows):
            writer.writerow(
                [
                    f"BENCH-C{n}",
                    ("TEL", "BEZ", "BAL", "EMA")[n % 4],
                    "INK",
                    (base + dt.timedelta(minutes=5 * (n % 1_000_000))).isoformat(),
                    0 if bad_at is not None and n - start == bad_at else 5 + n % 40,
                    "Vraag over de servicekosten" if changed_every and n % changed_every == 0 else "Vraag over de huur",
                    "Uitgelegd hoe de huurverhoging werkt.",
                    "bench-kcc",
                    f"BENCH-H{n % HOUSEHOLDS}",
                ]
            )


def _import(path: Path, *, fast: bool = True, report_out: dict | None = None) -> tuple[float, int]:
    from frontlijn.api.exchange.files import import_file
    from frontlijn.api.exchange.kinds import get_kind

    started = time.perf_counter()
    report = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=BATCH, fast=fast)
    if not report.ok:
        raise RuntimeError(f"bench import rejected rows: {report.errors[:5]}")
    if report_out is not None:
        report_out.update(created=report.created, updated=report.updated, unchanged=report.unchanged)
    return time.perf_counter() - started, report.rows


def _native_load(path: Path, floor: dict | None = None) -> tuple[float, str]:
    """The database's own bulk load of the same file, into a plain table. With ``floor``:
    also the time of a bare ``INSERT ... SELECT`` of those rows into the contact moments table (its
    indexes and foreign keys, no checks, no upsert), rolled back: what any import must at least pay."""
    from django.db import connection

    with connection.cursor() as cursor:
        columns = ", ".join(f'"{c}" text' for c in COLUMNS)
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE UNLOGGED TABLE bench_copy ({columns})")
            started = time.perf_counter()
            with (
                path.open("rb") as fh,
                cursor.cursor.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')") as copy,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
            method = "PostgreSQL COPY"
            copied = time.perf_counter() - started
            if floor is not None:
                floor["seconds"] = _bare_insert_select(cursor, "b.datum::timestamptz", "b.duur::int", "'[]'::jsonb")
        else:
            cursor.execute(f"CREATE TABLE bench_copy ({columns})")
            started = time.perf_counter()
            placeholders = ", ".join("%s" for _ in COLUMNS)
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh, delimiter=";")
                next(reader)
                batch: list[list[str]] = []
                for row in reader:
                    batch.append(row)
                    if len(batch) == 5000:
                        cursor.executemany(f"INSERT INTO bench_copy VALUES ({placeholders})", batch)  # noqa: S608
                        batch = []
                if batch:
                    cursor.executemany(f"INSERT INTO bench_copy VALUES ({placeholders})", batch)  # noqa: S608
            copied = time.perf_counter() - started
            method = "SQLite executemany"
            if floor is not None:  # datetime(): the naive UTC text Django's SQLite backend stores
                floor["seconds"] = _bare_insert_select(cursor, "datetime(b.datum)", "CAST(b.duur AS integer)", "'[]'")
        cursor.execute("DROP TABLE bench_copy")
    return copied, method


def _bare_insert_select(cursor, occurred: str, duration: str, tags: str) -> float:
    """The bare write of the rows in ``bench_copy`` into the contact moments table (its indexes,
    constraints and foreign keys; casts and the two joins, no checks, no upsert), rolled back:
    what writing the rows costs, the floor of any import. Returns the seconds it took."""
    cursor.execute("SAVEPOINT bench_floor")
    now = "now()" if cursor.db.vendor == "postgresql" else "datetime('now')"
    started = time.perf_counter()
    cursor.execute(
        "INSERT INTO contacts_contactmoment (id_extern, channel, direction, occurred_at, "  # noqa: S608
        "duration_minutes, subject, process_note, beyond_note, beyond_tags, staff_id, household_id, "
        f'unit_id, created_at, updated_at) SELECT b."idExtern", b.kanaal, b.richting, {occurred}, '
        f"{duration}, b.onderwerp, b.omschrijving, '', {tags}, u.id, h.id, h.unit_id, {now}, {now} "
        "FROM bench_copy b JOIN teams_user u ON u.username = b.medewerker "
        "JOIN register_household h ON h.id_extern = b.huishouden"
    )
    seconds = time.perf_counter() - started
    cursor.execute("ROLLBACK TO SAVEPOINT bench_floor")
    return seconds


def _one_bad_row(tmp: Path, rows: int) -> dict:
    """A file of N new rows with one bad row near its end: nothing is stored and that row is named."""
    from frontlijn.api.exchange.files import import_file
    from frontlijn.api.exchange.kinds import get_kind
    from frontlijn.contacts.models import ContactMoment

    path = tmp / "one-bad-row.csv"
    bad_at = rows - rows // 10 - 1
    write_csv(path, rows, start=70_000_000, bad_at=bad_at)
    present = ContactMoment.objects.count()
    started = time.perf_counter()
    report = import_file(kind=get_kind("contactmomenten"), path=path, batch_size=BATCH)
    seconds = time.perf_counter() - started
    path.unlink()
    stored = ContactMoment.objects.count() - present
    result = {"rows": rows, "seconds": round(seconds, 2), "errors": [list(e) for e in report.errors[:3]]}
    result["stored_nothing_and_named_the_row"] = (
        not report.ok and report.rejected == 1 and report.errors[0][0] == bad_at + 2 and stored == 0
    )
    return result


def _peak_memory(path: Path) -> int:
    tracemalloc.start()
    try:
        _import(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def _api_p95(admin, requests: int = 40) -> dict:
    from django.test import Client

    from frontlijn.api.tokens import api_token_create

    _row, token = api_token_create(owner=admin, name="bench", scope="sync")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    client.get("/api/v1/contactmomenten/?page_size=100")  # warm-up: URL conf, imports
    first, resumed = [], []
    since = "2020-01-01T00:00:00Z"
    url = "/api/v1/contactmomenten/?page_size=100"
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get("/api/v1/contactmomenten/?page_size=100")
        first.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        started = time.perf_counter()
        page = client.get(url).json()
        resumed.append(time.perf_counter() - started)
        url = page["next"] or f"/api/v1/contactmomenten/?page_size=100&updated_since={since}"
    return {"first_page_p95_ms": round(_p95(first) * 1000, 1), "next_page_p95_ms": round(_p95(resumed) * 1000, 1)}


def _maxrss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def run_import(rows: int, *, memory_sizes: tuple[int, ...] = (10_000, 100_000), row_by_row: bool = True) -> dict:
    """Issue 20's figures for ``rows`` contact moments, each with its same-run baseline (rolled back):

    - import of N new rows next to the database's own bulk load of the same file (PostgreSQL:
      ``COPY`` into an unlogged table with the file's columns; SQLite: a bare ``executemany``);
    - import of a second file of N rows of which 10 % changed (the rest identical: not rewritten);
    - on PostgreSQL also the row-by-row path (``fast=False``) on the same new rows, as a reference;
    - peak Python memory (tracemalloc) of the import at two sizes, and the process's peak RSS.
    """
    from django.db import connection, transaction

    result: dict = {"database": connection.vendor, "rows": rows, "batch": BATCH}
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        _setup()
        path = Path(tmp) / "contactmomenten.csv"
        write_csv(path, rows)
        result["file_mb"] = round(path.stat().st_size / 2**20, 1)
        floor: dict = {}
        native_s, method = _native_load(path, floor)
        counts: dict = {}
        import_s, _n = _import(path, report_out=counts)
        changed = Path(tmp) / "changed.csv"
        write_csv(changed, rows, changed_every=10)
        native_changed_s, _m = _native_load(changed)
        changed_counts: dict = {}
        changed_s, _n = _import(changed, report_out=changed_counts)
        result.update(
            {
                "native_method": method,
                "native_seconds": round(native_s, 3),
                "import_new_seconds": round(import_s, 2),
                "import_new_rows_per_second": round(rows / import_s),
                "import_new_to_native_ratio": round(import_s / native_s, 1),
                "import_new_counts": counts,
                **(
                    {
                        "bare_insert_select_seconds": round(floor["seconds"], 3),
                        "bare_insert_select_to_native_ratio": round(floor["seconds"] / native_s, 1),
                        "import_new_to_bare_insert_ratio": round(import_s / floor["seconds"], 1),
                    }
                    if floor
                    else {}
                ),
                "native_changed_seconds": round(native_changed_s, 3),
                "import_10pct_changed_seconds": round(changed_s, 2),
                "import_10pct_changed_to_native_ratio": round(changed_s / native_changed_s, 1),
                "import_10pct_changed_counts": changed_counts,
            }
        )
        result["one_bad_row"] = _one_bad_row(Path(tmp), rows)
        if row_by_row and connection.vendor == "postgresql":
            other = Path(tmp) / "row-by-row.csv"  # the same shape of file, other keys: new rows again
            write_csv(other, rows, start=90_000_000)
            slow_s, _n = _import(other, fast=False)
            other.unlink()
            result["row_by_row_new_seconds"] = round(slow_s, 2)
            result["row_by_row_to_staging_ratio"] = round(slow_s / import_s, 1)
        for n in memory_sizes:
            small = Path(tmp) / f"memory-{n}.csv"
            write_csv(small, n, start=50_000_000 + n)
            result[f"peak_python_memory_{n}_rows_mb"] = round(_peak_memory(small) / 2**20, 1)
            small.unlink()
        result["peak_rss_mb"] = _maxrss_mb()
        transaction.set_rollback(True)
    return result


def run(size: str = "small") -> dict:
    """Run the benchmark; returns the figures (and leaves the database unchanged)."""
    from django.db import connection, transaction

    from frontlijn.contacts.models import ContactMoment

    rows = SIZES[size]
    result: dict = {"size": size, "database": connection.vendor, "rows": rows}
    with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
        _staff, admin = _setup()
        small_n, large_n = MEMORY_SIZES[size]
        for label, n, start in (("memory_small", small_n, 10_000_000), ("memory_large", large_n, 20_000_000)):
            path = Path(tmp) / f"{label}.csv"
            write_csv(path, n, start=start)
            result[f"peak_python_memory_{n}_rows_mb"] = round(_peak_memory(path) / 2**20, 1)
        path = Path(tmp) / "contactmomenten.csv"
        write_csv(path, rows)
        result["file_mb"] = round(path.stat().st_size / 2**20, 1)
        native_s, method = _native_load(path)
        import_s, imported = _import(path)
        result.update(
            {
                "import_seconds": round(import_s, 2),
                "import_rows_per_second": round(imported / import_s),
                "native_method": method,
                "native_seconds": round(native_s, 2),
                "import_to_native_ratio": round(import_s / native_s, 1),
                "contact_moments_in_db": ContactMoment.objects.count(),
            }
        )
        result.update(_api_p95(admin))
        transaction.set_rollback(True)
    return result


def main() -> None:
    """``python -m bench.api small|large`` or
    ``python -m bench.api import --rows N [--memory 10000,100000] [--no-row-by-row]``."""
    import argparse

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontlijn.settings")
    os.environ.setdefault("DEBUG", "0")  # DEBUG keeps every SQL statement in memory
    import django

    django.setup()
    if len(sys.argv) > 1 and sys.argv[1] == "import":
        parser = argparse.ArgumentParser(prog="python -m bench.api import")
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--memory", default="10000,100000", help="two file sizes for the memory figure")
        parser.add_argument("--no-row-by-row", action="store_true", help="skip the row-by-row reference (PostgreSQL)")
        args = parser.parse_args(sys.argv[2:])
        figures = run_import(
            args.rows,
            memory_sizes=tuple(int(n) for n in args.memory.split(",") if n),
            row_by_row=not args.no_row_by_row,
        )
    else:
        figures = run(sys.argv[1] if len(sys.argv) > 1 else "small")
    for key, value in figures.items():
        print(f"{key:>40}: {value}")


if __name__ == "__main__":
    main()
