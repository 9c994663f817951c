"""The benchmark suite: each figure next to a baseline measured in the same run.

- household search and timeline: the selector vs the very SQL it sends, run on a bare DB-API cursor;
- logging a contact: the service vs one bare ``INSERT`` of the same row;
- request overhead: each main page vs a bare Django view behind the same middleware;
- the other apps' ``frontlijn.<app>.bench.run(size) -> dict`` when they exist.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import time
import traceback

import django
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.pages import main_pages
from bench.timing import compare
from frontlijn.lib import clock

REPEATS = {"tiny": 5, "small": 30, "large": 50}
OTHER_BENCHES = [
    "bench.signals",
    "bench.dashboard",
    "bench.api",
    "bench.patterns",
]
# Targets of issue 9 (server time, p95, large size on PostgreSQL).
TARGETS_MS = {"search": 100, "timeline": 100, "log_contact": 150}


def machine() -> dict:
    info = {
        "date": clock.now().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "platform": platform.platform(),
        "database": connection.vendor,
    }
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
        with open("/proc/meminfo") as f:
            kb = int(next(line.split()[1] for line in f if line.startswith("MemTotal")))
            info["memory_gb"] = round(kb / 1024 / 1024, 1)
    except OSError:
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            info["database_version"] = "PostgreSQL " + cursor.fetchone()[0]
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            info["database_version"] = "SQLite " + cursor.fetchone()[0]
    return info


def data_counts() -> dict:
    tables = {
        "units": "register_unit",
        "households": "register_household",
        "residents": "register_resident",
        "staff": "teams_user",
        "contacts": "contacts_contactmoment",
        "cases": "cases_case",
        "promises": "contacts_promise",
        "signals": "signals_signal",
    }
    counts = {}
    with connection.cursor() as cursor:
        for key, table in tables.items():
            try:
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                counts[key] = cursor.fetchone()[0]
            except Exception:  # a table that does not exist (yet)
                counts[key] = None
    return counts


def _captured_sql(fn) -> list[str]:
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries]


def _raw_runner(statements: list[str]):
    """Run the statements on the bare DB-API cursor: the database's own time plus the driver."""
    raw = connection.connection

    def run():
        cursor = raw.cursor()
        try:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
        finally:
            cursor.close()

    return run


class Fixture:
    """The people and households the benchmarks act on, picked from the generated data."""

    def __init__(self):
        from django.db.models import Count

        from frontlijn.register.models import Household, Resident
        from frontlijn.teams.models import User

        self.area_user = User.objects.get(username="wijkbeheerder")
        self.org_user = User.objects.get(username="kcc")
        from frontlijn.privacy import scoping

        in_area = scoping.scope_households(self.area_user, Household.objects.filter(unit__isnull=False))
        # A household with a typical (median) history, in the area user's area.
        candidates = list(in_area.annotate(n=Count("contact_moments")).order_by("id").values_list("id", "n")[:200])
        candidates.sort(key=lambda pair: pair[1])
        self.household = Household.objects.select_related("unit").get(pk=candidates[len(candidates) // 2][0])
        self.contacts_in_household = candidates[len(candidates) // 2][1]
        unit = self.household.unit
        self.query_postcode = f"{unit.postcode} {unit.house_number}"
        self.query_street = f"{unit.street} {unit.house_number}"
        resident = Resident.objects.filter(household=self.household).order_by("-is_main_tenant").first()
        self.query_name = resident.last_name if resident else self.household.name.split()[-1]


def bench_selectors(fx: Fixture, *, repeat: int) -> dict:
    from frontlijn.register import selectors
    from frontlijn.register.timeline import household_timeline

    results = {}
    searches = {
        "search_postcode": (fx.area_user, fx.query_postcode),
        "search_street": (fx.area_user, fx.query_street),
        "search_name": (fx.area_user, fx.query_name),
        "search_name_kcc": (fx.org_user, fx.query_name),
    }
    for key, (user, query) in searches.items():

        def subject(user=user, query=query):
            user.__dict__.pop("_frontlijn_buurt_ids", None)  # per request in real life
            return selectors.household_search(user=user, query=query)

        statements = _captured_sql(subject)
        results[key] = compare(subject, _raw_runner(statements), repeat=repeat)
        results[key]["queries"] = len(statements)
        results[key]["baseline_label"] = "same SQL on a bare cursor"

    def timeline():
        fx.area_user.__dict__.pop("_frontlijn_buurt_ids", None)
        return household_timeline(user=fx.area_user, household=fx.household)

    statements = _captured_sql(timeline)
    results["timeline"] = compare(timeline, _raw_runner(statements), repeat=repeat)
    results["timeline"]["queries"] = len(statements)
    results["timeline"]["baseline_label"] = "same SQL on a bare cursor"
    results["timeline"]["contacts_in_household"] = fx.contacts_in_household
    return results


def bench_log_contact(fx: Fixture, *, repeat: int) -> dict:
    from frontlijn.contacts.models import ContactMoment
    from frontlijn.contacts.services import contact_moment_create

    first_new = (ContactMoment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    household = fx.household
    now = clock.now() - dt.timedelta(minutes=1)

    def service():
        fx.area_user.__dict__.pop("_frontlijn_buurt_ids", None)
        contact_moment_create(
            staff=fx.area_user,
            household=household,
            channel="BEZ",
            direction="UIT",
            occurred_at=now,
            duration_minutes=12,
            subject="Huisbezoek",
            process_note="Even bijgepraat over de reparatie.",
            beyond_note="Gaat goed, blij met de nieuwe keuken.",
            beyond_tags=["welzijn"],
        )

    table = connection.ops.quote_name(ContactMoment._meta.db_table)
    insert = (
        f"INSERT INTO {table} (channel, direction, staff_id, household_id, unit_id, occurred_at, "  # noqa: S608
        "duration_minutes, subject, process_note, beyond_note, beyond_tags, created_at, updated_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    params = [
        "BEZ", "UIT", fx.area_user.pk, household.pk, household.unit_id, now, 12, "Huisbezoek",
        "Even bijgepraat over de reparatie.", "Gaat goed, blij met de nieuwe keuken.", '["welzijn"]', now, now,
    ]  # fmt: skip

    def bare_insert():
        with connection.cursor() as cursor:  # autocommit: one statement, one commit
            cursor.execute(insert, params)

    result = compare(service, bare_insert, repeat=repeat)
    result["baseline_label"] = "one bare INSERT of the same row"
    ContactMoment.objects.filter(pk__gte=first_new).delete()
    return result


def _db_cpu_ms() -> float | None:
    """CPU time used so far by this connection's PostgreSQL backend process, in ms.

    Only when the database runs on this machine (``/proc/<backend pid>``); else ``None``.
    """
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _db_cpu_per_call(fn, *, repeat: int) -> float | None:
    """The database's CPU time per call of ``fn`` (clock ticks of 10 ms: needs many calls)."""
    start = _db_cpu_ms()
    if start is None:
        return None
    for _ in range(repeat):
        fn()
    end = _db_cpu_ms()
    return None if end is None else round((end - start) / repeat, 2)


def bench_requests(fx: Fixture, *, repeat: int) -> dict:
    """Each main page through the full Django stack (test client, no network) vs a bare view.

    Logged in as the area's wijkbeheerder, plus the name search as a KCC colleague (whole
    register). Next to the Python thread's CPU time, ``db_cpu_ms`` is the PostgreSQL backend's
    CPU time per request (same machine only): both count for the server's capacity.
    """
    from frontlijn.contacts.models import ContactMoment

    results = {}
    with override_settings(ROOT_URLCONF="bench.pages", DEBUG=False):
        area, kcc = Client(), Client()
        area.force_login(fx.area_user)
        kcc.force_login(fx.org_user)
        pages = [(name, area, url) for name, url in main_pages(household=fx.household, query=fx.query_name)]
        search = next(url for name, _client, url in pages if name == "search")
        pages.insert(2, ("search-kcc", kcc, search))
        urls = {name: url for name, _client, url in pages}

        for name, client, url in pages:
            status = client.get(url).status_code
            if status != 200:
                results[name] = {"skipped": f"HTTP {status} for the {'KCC' if client is kcc else 'area'} user"}
                continue

            def page(client=client, url=url):
                return client.get(url)

            def bare(client=client):
                response = client.get("/__bench__/bare/")
                assert response.status_code == 200

            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                page()
            queries = len(ctx.captured_queries)  # now: the next request clears the query log
            results[name] = compare(page, bare, repeat=repeat)
            results[name]["queries"] = queries
            results[name]["baseline_label"] = "bare Django view, same middleware"
            results[name]["db_cpu_ms"] = _db_cpu_per_call(page, repeat=repeat)
            results[name]["baseline_db_cpu_ms"] = _db_cpu_per_call(bare, repeat=repeat)
        # Logging a contact through the form (POST + redirect target not followed).
        first_new = (ContactMoment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        url = urls["contact-form"]
        when = clock.localtime(clock.now() - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
        data = {
            "channel": "TEL",
            "direction": "INK",
            "occurred_at": when,
            "duration_minutes": "7",
            "subject": "Vraag over de huur",
            "process_note": "Uitgelegd hoe de huurverhoging werkt.",
            "beyond_note": "",
            "promise_kind": "terugbellen",
        }

        def post():
            response = area.post(url, data)
            assert response.status_code == 302, response.status_code

        def bare_area():
            area.get("/__bench__/bare/")

        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            post()
        queries = len(ctx.captured_queries)  # now: the next request clears the query log
        results["contact-post"] = compare(post, bare_area, repeat=repeat)
        results["contact-post"]["queries"] = queries
        results["contact-post"]["baseline_label"] = "bare Django view, same middleware"
        results["contact-post"]["db_cpu_ms"] = _db_cpu_per_call(post, repeat=repeat)
        ContactMoment.objects.filter(pk__gte=first_new).delete()
        results.update(_bench_doorstep(area, url=url, when=when, household=fx.household, repeat=repeat))
    return results


DOORSTEP_NOTE = "Mevrouw voelt zich erg alleen sinds haar man overleed en krijgt bijna nooit bezoek."


def doorstep_post_data(when: str) -> dict:
    """The canonical doorstep form: a home visit with a beyond-the-process note raised as a
    person-level signal and a promise for Friday (the bench in-process and through gunicorn)."""
    from frontlijn.lib.dates import next_weekday

    return {
        "channel": "BEZ",
        "direction": "UIT",
        "occurred_at": when,
        "duration_minutes": "15",
        "beyond_note": DOORSTEP_NOTE,
        "raise_signal": "on",
        "signal_theme": "eenzaamheid",
        "signal_sensitivity": "persoon",
        "promise_description": "Ik kom vrijdag langs met de folder",
        "promise_kind": "langskomen",
        "promise_quick": next_weekday(clock.today(), 4).isoformat(),
    }


def _bench_doorstep(client, *, url: str, when: str, household, repeat: int) -> dict:
    """Issue 15: the doorstep form — a home visit POSTed with a promise and a signal from the note
    (one transaction), and the suggestion while the note is typed — each vs the bare view."""
    from django.urls import reverse

    from frontlijn.contacts.models import ContactMoment
    from frontlijn.signals.models import Signal

    results = {}
    first_contact = (ContactMoment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    first_signal = (Signal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    data = doorstep_post_data(when)

    def bare():
        client.get("/__bench__/bare/")

    def post():
        response = client.post(url, data)
        assert response.status_code == 302, response.status_code

    offer_url = reverse("contacts:signal-offer", kwargs={"household_pk": household.pk})

    def offer():
        response = client.post(offer_url, {"beyond_note": DOORSTEP_NOTE}, headers={"HX-Request": "true"})
        assert response.status_code == 200 and b"raise_signal" in response.content, response.status_code

    for name, fn in (("contact-post-signal", post), ("signal-offer", offer)):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            fn()
        queries = len(ctx.captured_queries)
        results[name] = compare(fn, bare, repeat=repeat)
        results[name]["queries"] = queries
        results[name]["baseline_label"] = "bare Django view, same middleware"
        results[name]["db_cpu_ms"] = _db_cpu_per_call(fn, repeat=repeat)
    Signal.objects.filter(pk__gte=first_signal).delete()
    ContactMoment.objects.filter(pk__gte=first_contact).delete()
    return results


def bench_others(size: str) -> dict:
    results = {}
    for module_name in OTHER_BENCHES:
        key = module_name.removeprefix("frontlijn.").removesuffix(".bench").replace(".", "_")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                results[key] = {"skipped": "no benchmark module yet"}
                continue
            results[key] = {"error": repr(exc)}
            continue
        started = time.monotonic()
        try:
            results[key] = module.run(size)
        except Exception as exc:
            results[key] = {"error": repr(exc), "traceback": traceback.format_exc(limit=5)}
        results[key] = dict(results[key]) if isinstance(results[key], dict) else {"result": results[key]}
        results[key]["_seconds"] = round(time.monotonic() - started, 2)
    return results


def run_all(
    *, size: str, repeat: int | None = None, stdout=None, generation: dict | None = None, apps: bool = True
) -> dict:
    repeat = repeat or REPEATS.get(size, 30)

    def log(message):
        if stdout is not None:
            stdout.write(message + "\n")
            stdout.flush()

    with override_settings(DEBUG=False):  # no query log: production-like
        return _run_all(size=size, repeat=repeat, log=log, generation=generation, apps=apps)


def _run_all(*, size: str, repeat: int, log, generation: dict | None, apps: bool) -> dict:
    results = {"size": size, "repeat": repeat, "machine": machine(), "data": data_counts()}
    results["machine"]["load_average_start"] = [round(x, 2) for x in os.getloadavg()]
    if generation:
        results["generation"] = generation
    fx = Fixture()
    results["fixture"] = {"contacts_in_household": fx.contacts_in_household}
    for name, fn in (("selectors", bench_selectors), ("log_contact", bench_log_contact), ("requests", bench_requests)):
        started = time.monotonic()
        log(f"bench {name} ...")
        results[name] = fn(fx, repeat=repeat)
        log(f"  {time.monotonic() - started:.1f} s")
    if apps:
        log("bench other apps ...")
        results["apps"] = bench_others(size)
    results["targets_ms"] = TARGETS_MS
    results["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return results
