"""A fast generator for the benchmark association, up to the size of the largest Dutch one.

``python -m bench generate --size large`` builds 80,000 units, ~160,000 residents,
~400 staff (register and staff through :mod:`frontlijn.demo.loader`), then streams ten years of
history straight into the tables: ~5 million contact moments, ~1.3 million cases with their
status history, promises and ~1 million signals. Rows are tuples written with ``COPY``
(PostgreSQL) or large ``executemany`` batches (SQLite); no model instance is built for them.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.db import connection, transaction

from bench.copy import (
    TableWriter,
    foreign_keys_checked_once,
    next_id,
    reset_sequences,
    sqlite_indexes_built_after,
)
from frontlijn.cases.models import CLOSED_STATUSES, DEFAULT_LEAD_DAYS, Case, CaseStatusChange, CaseType, workflow_for
from frontlijn.contacts.models import ContactMoment, Promise, PromiseKind, PromiseStatus
from frontlijn.core.demo_context import DemoContext
from frontlijn.demo import loader as demo_loader
from frontlijn.lib import clock
from frontlijn.register.models import Buurt, Household
from frontlijn.teams.models import Role


@dataclass(frozen=True)
class Size:
    register: str  # size of frontlijn.demo.loader's register and staff
    contacts_per_year: float  # per household
    years: int
    case_share: float  # share of contacts that open a case
    signal_share: float  # signals per contact
    promise_share: float


SIZES = {
    # unit tests: 80 units, ~2,000 contacts
    "tiny": Size("small", 2.5, 10, 0.25, 0.2, 0.02),
    # make bench (CI-sized): 3,000 units, ~75,000 contacts, ~15,000 signals
    "small": Size("demo", 2.5, 10, 0.25, 0.2, 0.02),
    # the largest association: 80,000 units, ~5 million contacts, ~1 million signals
    "large": Size("large", 6.5, 10, 0.25, 0.2, 0.02),
}

SIGNAL_TEXTS = [
    ("Zwarte schimmel in de badkamer en op de slaapkamermuur, bewoner ventileert wel.", "vocht-schimmel"),
    ("Het tocht bij de kozijnen, bewoner stookt veel en heeft een hoge energierekening.", "tocht-energie"),
    ("Lampen in de portiek zijn al weken kapot, het is 's avonds donker.", "veiligheid"),
    ("Oudere meneer woont alleen en krijgt nooit bezoek, lijkt weinig te eten.", "eenzaamheid"),
    ("Post stapelt zich op, bewoner vertelt over aanmaningen van de energieleverancier.", "geldzorgen"),
    ("Veel klachten over harde muziek 's nachts in het trappenhuis.", "geluid"),
    ("Vuilniszakken naast de containers, ratten gezien bij het achterpad.", "vervuiling"),
    ("Binnentuin is verwaarloosd, bewoners willen samen een moestuin beginnen.", "bewonersinitiatief"),
    ("Speeltuin heeft losse tegels en een kapotte schommel.", "buitenruimte"),
    ("Buren hebben ruzie over de gedeelde berging.", "samenleven"),
    ("Mevrouw kan de trap niet meer op en wil kleiner wonen.", "woonwensen"),
    ("Bewoner is verward en laat het gas aan, familie woont ver weg.", "zorg"),
    ("Dakgoot lekt bij de hoek van het complex, muur is nat.", "onderhoud"),
]
SIGNAL_STATUSES = ["nieuw", "opgepakt", "actie", "plan", "geparkeerd", "teruggekoppeld"]
PROMISE_TEXTS = [
    "Ik bel u terug over de planning.",
    "Ik kom volgende week even langs.",
    "Ik zoek uit wanneer de monteur komt.",
    "Ik stuur u de folder over huurtoeslag.",
]
PROMISE_KINDS = list(PromiseKind.values)
# The signal columns the generator writes (the others get their defaults).
SIGNAL_COLUMNS = (
    "id",
    "raised_by_id",
    "household_id",
    "unit_id",
    "complex_id",
    "buurt_id",
    "wijk_id",
    "text",
    "urgency",
    "sensitivity",
    "status",
    "outcome",
    "feedback",
    "feedback_at",
    "feedback_by_id",
    "suggested",
    "created_at",
    "updated_at",
)


def _log(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")
        stdout.flush()


def generate(*, size: str = "small", seed: int = 2021, stdout=None, with_apps: bool = False) -> dict:
    """Build the association for ``size`` into an empty database; returns counts and timings."""
    spec = SIZES[size]
    timings: dict[str, float] = {}
    started_all = time.monotonic()
    ctx = DemoContext.create(seed=seed, size=spec.register)
    sqlite_fast = _sqlite_pragmas()
    for name, step in (("register", demo_loader.build_register), ("staff", demo_loader.build_staff)):
        started = time.monotonic()
        with transaction.atomic():
            step(ctx)
        timings[name] = round(time.monotonic() - started, 2)
        _log(stdout, f"  {name}: {timings[name]:.1f} s")
    started = time.monotonic()
    history_models = (ContactMoment, Case, CaseStatusChange, Promise)
    with (
        transaction.atomic(),
        foreign_keys_checked_once(*history_models),
        sqlite_indexes_built_after(*history_models),
    ):
        counts = _history(ctx, spec)
    timings["history"] = round(time.monotonic() - started, 2)
    _log(stdout, f"  contacts, cases, promises: {timings['history']:.1f} s")
    started = time.monotonic()
    with (
        transaction.atomic(),
        foreign_keys_checked_once(*_signal_models()),
        sqlite_indexes_built_after(*_signal_models()),
    ):
        counts["signals"] = _signals(ctx, spec)
    timings["signals"] = round(time.monotonic() - started, 2)
    _log(stdout, f"  signals: {timings['signals']:.1f} s")
    if with_apps:
        started = time.monotonic()
        with transaction.atomic():
            demo_loader.load_apps(ctx)
        timings["apps"] = round(time.monotonic() - started, 2)
        _log(stdout, f"  other apps' demo data: {timings['apps']:.1f} s")
    started = time.monotonic()
    _finish()
    timings["analyze"] = round(time.monotonic() - started, 2)
    started = time.monotonic()
    from frontlijn.dashboard.services import rollup_refresh

    rollup_refresh()  # the dashboard's roll-up holds every month it can show
    timings["dashboard_rollup"] = round(time.monotonic() - started, 2)
    _log(stdout, f"  dashboard roll-up: {timings['dashboard_rollup']:.1f} s")
    timings["total"] = round(time.monotonic() - started_all, 2)
    if sqlite_fast:
        _sqlite_pragmas(restore=True)
    counts.update(units=_count("register_unit"), households=len(ctx.household_ids))
    counts["residents"] = _count("register_resident")
    counts["staff"] = _count("teams_user")
    _log(stdout, f"  total: {timings['total']:.1f} s; {counts}")
    return {"size": size, "counts": counts, "timings": timings, "vendor": connection.vendor}


def _signal_models() -> list:
    try:
        from frontlijn.signals.models import Signal
    except ImportError:
        return []
    return [Signal, Signal.themes.through]


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


def _sqlite_pragmas(*, restore: bool = False) -> bool:
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    with connection.cursor() as cursor:
        if restore:
            cursor.execute("PRAGMA synchronous=NORMAL")
        else:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")
            cursor.execute("PRAGMA temp_store=MEMORY")
    return True


def _staff_maps(ctx: DemoContext):
    staff_by_team: dict[int, list[int]] = {}
    for user in ctx.staff:
        for team_id in user.teams.values_list("id", flat=True):
            staff_by_team.setdefault(team_id, []).append(user.pk)
    team_by_wijk: dict[int, int] = {}
    for team in ctx.teams:
        for wijk_id in team.wijken.values_list("id", flat=True):
            team_by_wijk.setdefault(wijk_id, team.pk)
    kcc = [u.pk for u in ctx.staff if u.role in (Role.KCC_MEDEWERKER, Role.BALIEMEDEWERKER)]
    return staff_by_team, team_by_wijk, kcc


def _history(ctx: DemoContext, spec: Size) -> dict:
    """Contacts, cases, case status history and promises, streamed per chunk of households."""
    rng = ctx.rng
    now = ctx.now.astimezone(dt.UTC)
    today = ctx.today
    staff_by_team, team_by_wijk, kcc = _staff_maps(ctx)
    all_staff = [u.pk for u in ctx.staff]
    buurt_wijk = dict(Buurt.objects.values_list("id", "wijk_id"))
    households = list(Household.objects.values_list("id", "unit_id", "unit__buurt_id").order_by("id"))
    contact_w, case_w, change_w, promise_w = _history_writers()
    contact_id, case_id = next_id(ContactMoment), next_id(Case)
    case_types = list(CaseType.values)
    case_weights = [55, 10, 15, 10, 10]
    process = {t: demo_loader.PROCESS_TEXTS[t] for t in case_types}
    general = demo_loader.GENERAL_TEXTS
    beyond_texts = demo_loader.BEYOND_TEXTS
    channels = ["BEZ", "STR", "TEL", "EMA", "APP", "BAL", "BRI"]
    channel_w = [35, 15, 20, 10, 10, 5, 5]
    span = 365 * spec.years * 86400
    mean = spec.contacts_per_year * spec.years
    last_contact: list[tuple[int, dt.datetime]] = []
    step = 2000
    for start in range(0, len(households), step):
        contacts, cases, changes, promises = [], [], [], []
        for hh_id, unit_id, buurt_id in households[start : start + step]:
            team_id = team_by_wijk.get(buurt_wijk[buurt_id])
            local = staff_by_team.get(team_id) or all_staff
            n = max(0, round(rng.gauss(mean, mean / 4)))
            latest = None
            for _ in range(n):
                when = _contact_when(rng, now, span)
                if latest is None or when > latest:
                    latest = when
                by_kcc = rng.random() < 0.45
                staff = rng.choice(kcc if by_kcc and kcc else local)
                c_id = None
                if rng.random() < spec.case_share:
                    ctype = rng.choices(case_types, weights=case_weights)[0]
                    subject, note = rng.choice(process[ctype])
                    c_id = case_id
                    case_id += 1
                    case_row, case_changes = _case_rows(
                        rng, today, c_id, ctype, note, when, hh_id, unit_id, local, team_id, staff
                    )
                    cases.append(case_row)
                    changes.extend(case_changes)
                else:
                    subject, note = rng.choice(general)
                beyond, tags = ("", [])
                if rng.random() < 0.35:
                    beyond, tags = rng.choice(beyond_texts)
                channel = "TEL" if by_kcc else rng.choices(channels, weights=channel_w)[0]
                contacts.append(
                    _contact_row(
                        rng, contact_id, channel, staff, hh_id, unit_id, c_id, when, subject, note, beyond, tags
                    )
                )
                if rng.random() < spec.promise_share:
                    promises.append(_promise_row(rng, today, contact_id, when, hh_id, staff))
                contact_id += 1
            if latest is not None:
                last_contact.append((hh_id, latest))
        # Cases first: contacts refer to them.
        case_w.write(cases)
        change_w.write(changes)
        contact_w.write(contacts)
        promise_w.write(promises)
    _set_last_contact()
    reset_sequences(ContactMoment, Case, CaseStatusChange, Promise)
    return {
        "contacts": contact_w.rows,
        "cases": case_w.rows,
        "case_status_changes": change_w.rows,
        "promises": promise_w.rows,
    }


def _history_writers() -> tuple[TableWriter, TableWriter, TableWriter, TableWriter]:
    """Writers for contact moments, cases, case status changes and promises (in that order)."""
    contact_w = TableWriter(
        ContactMoment,
        [
            "id",
            "channel",
            "direction",
            "staff_id",
            "household_id",
            "unit_id",
            "case_id",
            "occurred_at",
            "duration_minutes",
            "subject",
            "process_note",
            "beyond_note",
            "beyond_tags",
            "created_at",
            "updated_at",
        ],
    )
    case_w = TableWriter(
        Case,
        [
            "id",
            "case_type",
            "status",
            "description",
            "household_id",
            "unit_id",
            "assignee_id",
            "assignee_team_id",
            "registered_on",
            "target_date",
            "closed_on",
            "created_by_id",
            "version",
            "created_at",
            "updated_at",
        ],
    )
    change_w = TableWriter(CaseStatusChange, ["case_id", "from_status", "to_status", "changed_by_id", "changed_at"])
    promise_w = TableWriter(
        Promise,
        ["contact_moment_id", "household_id", "kind", "description", "owner_id", "due_date", "status", "done_at"],
    )
    return contact_w, case_w, change_w, promise_w


def _contact_when(rng, now: dt.datetime, span: int) -> dt.datetime:
    """A time in office hours within ``span`` seconds before ``now``, never after it."""
    when = now - dt.timedelta(seconds=rng.random() * span)
    when = when.replace(hour=6 + rng.randint(0, 9), minute=rng.choice((0, 10, 15, 20, 30, 40, 45)))
    if when > now:
        when = now - dt.timedelta(hours=1)
    return when


def _contact_row(
    rng, contact_id: int, channel: str, staff, hh_id, unit_id, c_id, when: dt.datetime, subject, note, beyond, tags
) -> tuple:
    """The row of a contact moment (direction and duration drawn here)."""
    return (
        contact_id,
        channel,
        rng.choices(("INK", "UIT", "PRO"), weights=(60, 25, 15))[0],
        staff,
        hh_id,
        unit_id,
        c_id,
        when,
        max(1, int(rng.lognormvariate(2.4, 0.6))),
        subject,
        note,
        beyond,
        tags,
        when,
        when,
    )


def _case_rows(
    rng, today: dt.date, c_id: int, ctype: str, note: str, when: dt.datetime, hh_id, unit_id, local, team_id, staff
) -> tuple[tuple, list[tuple]]:
    """The row of a case opened at contact time ``when`` and the rows of its status changes: an old
    case has walked on to a closing status, a young one at most two steps."""
    registered = clock.localdate(when)
    lead = DEFAULT_LEAD_DAYS[ctype]
    flow = workflow_for(ctype)
    first = status = "REG" if ctype == CaseType.REPARATIEVERZOEK else "AAN"
    steps = 4 if (today - registered).days > lead else rng.randint(0, 2)
    for _s in range(steps):
        options = [s for s in flow.get(status, []) if s != "GEA"]
        if not options or status in CLOSED_STATUSES:
            break
        status = options[0]
    closed = status in CLOSED_STATUSES
    case = (
        c_id,
        ctype,
        status,
        note,
        hh_id,
        unit_id,
        rng.choice(local),
        team_id,
        registered,
        registered + dt.timedelta(days=lead),
        min(today, registered + dt.timedelta(days=rng.randint(1, lead * 2))) if closed else None,
        staff,
        2 if status != first else 1,
        when,
        when,
    )
    changes = [(c_id, "", first, staff, when)]
    if status != first:
        changes.append((c_id, first, status, staff, when + dt.timedelta(days=lead // 2)))
    return case, changes


def _promise_row(rng, today: dt.date, contact_id: int, when: dt.datetime, hh_id, staff) -> tuple:
    """A promise made in contact ``contact_id``: kept the day after, or open when it is due recently."""
    due = clock.localdate(when) + dt.timedelta(days=rng.randint(1, 7))
    open_ = due >= today - dt.timedelta(days=3)
    return (
        contact_id,
        hh_id,
        rng.choice(PROMISE_KINDS),
        rng.choice(PROMISE_TEXTS),
        staff,
        due,
        PromiseStatus.OPEN if open_ else PromiseStatus.KEPT,
        None if open_ else when + dt.timedelta(days=1),
    )


def _set_last_contact() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE register_household SET last_contact_at = m.last FROM "
            "(SELECT household_id, max(occurred_at) AS last FROM contacts_contactmoment "
            "WHERE household_id IS NOT NULL GROUP BY household_id) AS m "
            "WHERE register_household.id = m.household_id"
        )


def _signals(ctx: DemoContext, spec: Size) -> int:
    """Signals (about one per five contacts), placed mostly on a unit, with their themes."""
    try:
        from frontlijn.signals.models import Signal, Theme
    except ImportError:  # the signals app is not there
        return 0
    themes = dict(Theme.objects.values_list("code", "id"))
    if not themes:
        return 0
    rng = ctx.rng
    now = ctx.now.astimezone(dt.UTC)
    span = 365 * spec.years * 86400
    staff_by_team, team_by_wijk, _kcc = _staff_maps(ctx)
    all_staff = [u.pk for u in ctx.staff]
    buurt_wijk = dict(Buurt.objects.values_list("id", "wijk_id"))
    households = list(Household.objects.values_list("id", "unit_id", "unit__buurt_id", "unit__complex_id"))
    total = round(len(households) * spec.contacts_per_year * spec.years * spec.signal_share)
    writer = TableWriter(Signal, SIGNAL_COLUMNS)
    through = Signal.themes.through
    theme_w = TableWriter(through, ["signal_id", "theme_id"])
    signal_id = next_id(Signal)
    written = 0
    chunk = 20_000
    while written < total:
        rows, links = [], []
        for _ in range(min(chunk, total - written)):
            hh_id, unit_id, buurt_id, complex_id = rng.choice(households)
            wijk_id = buurt_wijk[buurt_id]
            staff = rng.choice(staff_by_team.get(team_by_wijk.get(wijk_id)) or all_staff)
            when = now - dt.timedelta(seconds=rng.random() * span)
            age_days = (now - when).days
            text, code = rng.choice(SIGNAL_TEXTS)
            person = code in ("eenzaamheid", "geldzorgen", "zorg", "woonwensen")
            place = rng.random()
            status = "teruggekoppeld" if age_days > 60 else rng.choice(SIGNAL_STATUSES)
            answered = status == "teruggekoppeld"
            rows.append(
                (
                    signal_id,
                    staff,
                    hh_id if person else None,
                    unit_id if place < 0.7 or person else None,
                    complex_id if place < 0.9 else None,
                    buurt_id,
                    wijk_id,
                    text,
                    rng.choice(("laag", "normaal", "normaal", "hoog")),
                    "persoon" if person else "plek",
                    status,
                    rng.choice(("actie", "plan", "geparkeerd")) if answered else "",
                    "Dank voor je signaal, we hebben het opgepakt." if answered else "",
                    when + dt.timedelta(days=7) if answered else None,
                    staff if answered else None,
                    [code],
                    when,
                    when,
                )
            )
            links.append((signal_id, themes.get(code) or next(iter(themes.values()))))
            signal_id += 1
        writer.write(rows)
        theme_w.write(links)
        written += len(rows)
    reset_sequences(Signal, through)
    return written


def _finish() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
