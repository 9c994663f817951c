"""``python -m bench``: generate the benchmark association, run the benchmarks, report.

    python -m bench generate --size large     # into the (empty, migrated) database
    python -m bench run --size small           # benchmarks -> tools/bench/results/results.json + docs
    python -m bench report                     # regenerate docs/BENCHMARKS.md's table
    python -m bench loadtest-users             # accounts + households for loadtest/
    python -m bench http --size large          # doorstep requests through gunicorn
    python -m bench dashboard --size large     # only the dashboard benchmark (current database)

``make bench`` (SIZE=small by default) runs ``all``: a fresh SQLite database under
var/bench/ (or DATABASE_URL when set), generate, run, report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontlijn.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _fresh_sqlite(size: str) -> None:
    """Point Django at a fresh SQLite file for this size (when no DATABASE_URL is given)."""
    if os.environ.get("DATABASE_URL"):
        return
    data = Path(os.environ.get("FRONTLIJN_DATA_DIR", Path.cwd() / "var")) / "bench"
    data.mkdir(parents=True, exist_ok=True)
    db = data / f"bench-{size}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"


def _require_empty() -> None:
    from frontlijn.register.models import Wijk

    if Wijk.objects.exists():
        raise SystemExit(
            "The database already holds an association: generate needs an empty, migrated database "
            "(or leave DATABASE_URL unset for a fresh SQLite file under var/bench/)."
        )


def _http(*, size: str, repeat: int | None, out: Path, doc: Path | None) -> None:
    """The end-to-end doorstep benchmark through gunicorn, written to ``out`` and ``doc``."""
    from django.db import connection

    from bench import http
    from bench.runner import data_counts, machine

    info = machine()
    info["load_average_start"] = [round(x, 2) for x in os.getloadavg()]
    results = http.run(size, repeat=repeat)
    info["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    results["machine"] = info
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    database = f"{connection.vendor} {connection.Database.__name__}"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("select version()")
            database = "PostgreSQL " + cursor.fetchone()[0].split()[1]
    text = http.render(
        results, machine=info | {"cpus": info.get("nproc")}, data=data_counts(), database=database, when=info["date"]
    )
    print(text)
    if doc is not None:
        http.write_doc(text, doc)
    print(f"Wrote {out}" + (f" and {doc}" if doc else ""))


def _parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per step (generate, run, dashboard, report, ...) and all."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    gen = sub.add_parser("generate", help="build the benchmark association into an empty database")
    gen.add_argument("--size", default="small", choices=["tiny", "small", "large"])
    gen.add_argument("--seed", type=int, default=2021)
    gen.add_argument("--migrate", action="store_true", help="run migrate first")
    gen.add_argument("--with-apps", action="store_true", help="also load the other apps' demo data")
    run = sub.add_parser("run", help="run the benchmarks against the current database")
    run.add_argument("--size", default="small", choices=["tiny", "small", "large"])
    run.add_argument("--repeat", type=int, default=None)
    run.add_argument("--out", default="tools/bench/results/results.json")
    run.add_argument("--generation", default=None, help="JSON file with the generator's figures to include")
    run.add_argument("--skip-apps", action="store_true", help="do not run the other apps' benchmarks")
    dash = sub.add_parser("dashboard", help="only the dashboard benchmark, against the current database")
    dash.add_argument("--size", default="small", choices=["tiny", "small", "large"])
    dash.add_argument("--out", default="tools/bench/results/results-dashboard.json")
    rep = sub.add_parser(
        "report", help="regenerate the table in docs/BENCHMARKS.md from tools/bench/results/results.json"
    )
    rep.add_argument(
        "--results", nargs="+", default=["tools/bench/results/results.json"], help="one or more results files"
    )
    rep.add_argument("--doc", default="docs/BENCHMARKS.md")
    users = sub.add_parser("loadtest-users", help="write the load test's accounts and households (JSON)")
    users.add_argument("--out", default="var/loadtest-users.json")
    users.add_argument("--count", type=int, default=400)
    web = sub.add_parser("http", help="the doorstep requests through gunicorn vs a bare view (issue 15)")
    web.add_argument("--size", default="small", choices=["tiny", "small", "large"])
    web.add_argument("--repeat", type=int, default=None)
    web.add_argument("--out", default="tools/bench/results/results-http.json")
    web.add_argument("--doc", default="docs/BENCHMARKS.md")
    everything = sub.add_parser("all", help="fresh database, generate, run, report (make bench)")
    everything.add_argument("--size", default=os.environ.get("SIZE", "small"), choices=["tiny", "small", "large"])
    everything.add_argument("--out", default="tools/bench/results/results.json")
    everything.add_argument("--doc", default="docs/BENCHMARKS.md")
    everything.add_argument("--skip-apps", action="store_true", help="do not run the other apps' benchmarks")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command = args.command or "all"
    if command == "all" and args.command is None:
        args = parser.parse_args(["all", *(argv or [])])

    if command == "all":
        _fresh_sqlite(args.size)
    _setup()
    if command == "generate":
        from bench.generate import generate

        if args.migrate:
            _migrate()
        _require_empty()
        result = generate(size=args.size, seed=args.seed, stdout=sys.stdout, with_apps=args.with_apps)
        print(json.dumps(result))
        return 0
    if command == "run":
        from bench.runner import run_all

        generation = json.loads(Path(args.generation).read_text()) if args.generation else None
        results = run_all(
            size=args.size, repeat=args.repeat, stdout=sys.stdout, generation=generation, apps=not args.skip_apps
        )
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, indent=2, default=str) + "\n")
        print(f"Wrote {args.out}")
        return 0
    if command == "dashboard":
        from bench.dashboard import run as dashboard_run

        result = dashboard_run(args.size)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=2, default=str) + "\n")
        print(json.dumps(result["comparison"], indent=1, default=str))
        print(f"Wrote {args.out}")
        return 0
    if command == "report":
        from bench.report import write_report

        write_report(results_path=[Path(p) for p in args.results], doc_path=Path(args.doc))
        print(f"Updated {args.doc}")
        return 0
    if command == "loadtest-users":
        from bench.loadtest import write_users

        n = write_users(out=Path(args.out), count=args.count)
        print(f"Wrote {n} accounts to {args.out}")
        return 0
    if command == "http":
        _http(size=args.size, repeat=args.repeat, out=Path(args.out), doc=Path(args.doc))
        return 0
    # all
    from bench.generate import generate
    from bench.report import write_report
    from bench.runner import run_all

    _migrate()
    _require_empty()
    generation = generate(size=args.size, stdout=sys.stdout)
    results = run_all(size=args.size, stdout=sys.stdout, generation=generation, apps=not args.skip_apps)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    write_report(results_path=out, doc_path=Path(args.doc))
    # The doc's gunicorn section records the large run; smaller runs write their JSON only.
    http_doc = Path(args.doc) if args.size == "large" else None
    _http(size=args.size, repeat=None, out=out.with_name(f"results-http-{args.size}.json"), doc=http_doc)
    print(f"Wrote {out} and {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
