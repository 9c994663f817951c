"""Benchmark of the front-strength dashboard (not a timed test): ``run(size) -> dict``.

Against the current database (``python -m bench`` generates it):

- the monthly roll-up is refreshed for the 12 months in view (timed: it runs in the background
  in production), and the periodic refresh (the current month and three closed ones) is timed
  too;
- subject: the whole dashboard page for the whole association, last 12 months, rendered by
  Django (every indicator, every chart and table), served from the roll-up; and the same page
  with the current month computed live (``FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE=0``, for an
  installation without the 15-minute refresh);
- baseline: a plain-SQL reference computation of the same contact and resident figures from
  the source rows, run on a bare DB-API cursor in the same run (interleaved);
- also the page for one team and for one wijk (from the roll-up);
- checks: the page's figures equal the reference's (``figures_agree``), and every figure from
  the roll-up equals the live computation exactly (``rollup_equals_live``); the ratio
  page / reference is reported.

Comparison view (issue 18), measured first, *straight after a default refresh*: the roll-up is
emptied and ``rollup_refresh()`` runs with its defaults (what the 15-minute timer runs; it
fills every month the dashboard can show), then ``/dashboard/vergelijken/`` (one indicator,
"contacten met aandacht verder dan het proces", for the association, every team and every wijk,
12 complete months and the running month) is timed against

- a plain-SQL reference computing the same figures from the source rows (one grouped query on a
  bare cursor, summed per team and per wijk in Python), and
- a bare request (a Django view that does nothing, behind the same middleware),

in the same run, interleaved; targets: within 2x the reference and 10x a bare request. The
page's figures must equal the reference's (``comparison.figures_agree``).

The generator makes no resident answers; when there are none, this adds synthetic ones
(about one answer per 5 units per year, the sector's response rate) so the resident figures
are measured on realistic volumes.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection
from django.test import Client, override_settings

from bench.timing import compare, time_call
from frontlijn.dashboard import indicators, rollup, selectors
from frontlijn.dashboard.services import rollup_refresh
from frontlijn.feedback.models import FeedbackResponse
from frontlijn.lib import clock
from frontlijn.register.models import Unit, Wijk
from frontlijn.teams.models import FRONT_ROLES, Role, Team, User

REPEATS = {"tiny": 5, "small": 10, "large": 10}
BENCH_USER = "bench-dashboard"


def _ensure_responses(months: list[dt.date]) -> int:
    if FeedbackResponse.objects.exists():
        return 0
    rng = random.Random(6)
    teams = list(Team.objects.values_list("pk", flat=True)) or [None]
    wijk_ids = list(Unit.objects.values_list("buurt__wijk_id", flat=True).distinct()) or [None]
    per_month = max(10, Unit.objects.count() // 60)
    kinds = ["ALG"] * 5 + ["REP"] * 3 + ["HUN", "HUV"]
    rows = []
    start = indicators.add_months(months[0], -12)
    month = start
    while month <= months[-1]:
        for _ in range(per_month):
            rows.append(
                FeedbackResponse(
                    kind=rng.choice(kinds),
                    team_id=rng.choice(teams),
                    wijk_id=rng.choice(wijk_ids),
                    period=month,
                    grade=max(1, min(10, round(rng.gauss(7.6, 1.3)))),
                    heard=rng.choices(["ja", "deels", "nee"], weights=[70, 20, 10])[0],
                    promise_kept=rng.choices(["ja", "deels", "nee", "nvt"], weights=[60, 15, 10, 15])[0],
                )
            )
        month = indicators.add_months(month, 1)
    FeedbackResponse.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _bucket_sql(column: str, n: int) -> str:
    whens = " ".join(f"WHEN {column} < %s THEN {i}" for i in range(n))
    return f"CASE {whens} ELSE -1 END"


def reference(scope: indicators.Scope) -> dict[str, list]:
    """The same figures as the dashboard (whole association), in plain SQL on a bare cursor."""
    n = len(scope.months)
    ops = connection.ops
    tb = [ops.adapt_datetimefield_value(b) for b in scope.datetime_bounds()]
    db = scope.date_bounds()
    dbp = [ops.adapt_datefield_value(b) for b in db]
    front = sorted(str(r) for r in FRONT_ROLES)
    role_marks = ", ".join(["%s"] * len(front))
    not_empty_tags = "cm.beyond_tags <> '[]'::jsonb" if connection.vendor == "postgresql" else "cm.beyond_tags <> '[]'"
    out: dict[str, list] = {}
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT {_bucket_sql("cm.occurred_at", n)} AS m, COUNT(*),
                   SUM(CASE WHEN cm.beyond_note <> '' OR {not_empty_tags} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN cm.direction = 'PRO' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN u.role IN ({role_marks}) THEN cm.duration_minutes ELSE 0 END)
              FROM contacts_contactmoment cm JOIN teams_user u ON u.id = cm.staff_id
             WHERE cm.occurred_at >= %s AND cm.occurred_at < %s
             GROUP BY 1""",  # noqa: S608 - only placeholders and constants are interpolated
            [*tb[1:], *front, tb[0], tb[-1]],
        )
        contacts = {row[0]: row[1:] for row in cur.fetchall()}
        cur.execute("SELECT COUNT(*) FROM register_unit")
        units = cur.fetchone()[0]
        cur.execute(
            f"SELECT COUNT(*) FROM teams_user WHERE is_active = %s AND role IN ({role_marks})",  # noqa: S608
            [True, *front],
        )
        people = cur.fetchone()[0]
        cur.execute("SELECT AVG(hours_per_week) FROM teams_team")
        hours = float(cur.fetchone()[0] or 36)
        cur.execute(
            """SELECT due_date, status, done_at FROM contacts_promise
                WHERE status <> 'vervallen' AND due_date >= %s AND due_date < %s""",
            [dbp[0], dbp[-1]],
        )
        promises = cur.fetchall()
        cur.execute(
            f"""SELECT {_bucket_sql("period", n)}, COUNT(*), SUM(grade),
                       SUM(CASE WHEN heard = 'ja' THEN 1 ELSE 0 END)
                  FROM feedback_feedbackresponse WHERE period >= %s AND period < %s GROUP BY 1""",  # noqa: S608
            [*dbp[1:], dbp[0], dbp[-1]],
        )
        answers = {row[0]: row[1:] for row in cur.fetchall()}

    due_n, kept_n = [0] * n, [0] * n
    for due, status, done_at in promises:
        if isinstance(due, str):
            due = dt.date.fromisoformat(due)
        i = next(j for j in range(n) if db[j] <= due < db[j + 1])
        due_n[i] += 1
        if status == "nagekomen" and done_at is not None:
            if isinstance(done_at, str):
                done_at = dt.datetime.fromisoformat(done_at)
            if done_at.tzinfo is None:
                done_at = done_at.replace(tzinfo=dt.UTC)
            if clock.localdate(done_at) <= due:
                kept_n[i] += 1

    def pct(a, b):
        return None if not b else a * 100.0 / b

    c = [contacts.get(i, (0, 0, 0, 0)) for i in range(n)]
    a = [answers.get(i, (0, 0, 0)) for i in range(n)]
    available = [people * hours * 60 * (db[i + 1] - db[i]).days / 7 for i in range(n)]
    out["beyond_share"] = [pct(row[1] or 0, row[0]) for row in c]
    out["proactive_per_100_units"] = [pct(row[2] or 0, units) for row in c]
    out["contact_time_share"] = [pct(row[3] or 0, available[i]) for i, row in enumerate(c)]
    out["promises_on_time"] = [pct(k, d) for k, d in zip(kept_n, due_n, strict=True)]
    out["resident_grade"] = [None if not row[0] else (row[1] or 0) / row[0] for row in a]
    out["heard_share"] = [pct(row[2] or 0, row[0]) for row in a]
    return out


def comparison_reference(months: list[dt.date], running: dt.date | None) -> dict[tuple[str, int | None], list]:
    """The comparison's figure (share of contacts with a beyond-the-process part) per area and
    month, in plain SQL on the source rows: {("association"|"team"|"wijk", id): [values]}.

    The months are the complete ``months`` and then ``running`` (if given)."""
    buckets = [*months, running] if running is not None else list(months)
    scope = indicators.Scope(months=buckets)
    ops = connection.ops
    tb = [ops.adapt_datetimefield_value(b) for b in scope.datetime_bounds()]
    n = len(buckets)
    not_empty_tags = "cm.beyond_tags <> '[]'::jsonb" if connection.vendor == "postgresql" else "cm.beyond_tags <> '[]'"
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT {_bucket_sql("cm.occurred_at", n)} AS m, cm.staff_id, u.buurt_id, COUNT(*),
                   SUM(CASE WHEN cm.beyond_note <> '' OR {not_empty_tags} THEN 1 ELSE 0 END)
              FROM contacts_contactmoment cm LEFT JOIN register_unit u ON u.id = cm.unit_id
             WHERE cm.occurred_at >= %s AND cm.occurred_at < %s
             GROUP BY 1, 2, 3""",  # noqa: S608 - only placeholders and constants are interpolated
            [*tb[1:], tb[0], tb[-1]],
        )
        cells = cur.fetchall()
        cur.execute("SELECT user_id, team_id FROM teams_user_teams")
        teams_of: dict[int, list[int]] = {}
        for user_id, team_id in cur.fetchall():
            teams_of.setdefault(user_id, []).append(team_id)
        cur.execute("SELECT id, wijk_id FROM register_buurt")
        wijk_of = dict(cur.fetchall())
        cur.execute("SELECT id FROM teams_team")
        team_ids = [r[0] for r in cur.fetchall()]
        cur.execute("SELECT id FROM register_wijk")
        wijk_ids = [r[0] for r in cur.fetchall()]
    keys = [("association", None), *[("team", t) for t in team_ids], *[("wijk", w) for w in wijk_ids]]
    totals = {k: [[0, 0] for _ in range(n)] for k in keys}
    for m, staff_id, buurt_id, count, beyond in cells:
        areas = [("association", None)]
        areas += [("team", t) for t in teams_of.get(staff_id, ())]
        if buurt_id is not None and wijk_of.get(buurt_id) is not None:
            areas.append(("wijk", wijk_of[buurt_id]))
        for area in areas:
            cell = totals[area][m]
            cell[0] += count
            cell[1] += beyond or 0
    return {k: [None if not c else b * 100.0 / c for c, b in v] for k, v in totals.items()}


def bench_comparison(repeat: int) -> dict:
    """The comparison view straight after a default refresh vs the plain-SQL reference and a bare
    request (see the module docstring)."""
    from frontlijn.dashboard import comparison, periods
    from frontlijn.dashboard.models import MonthlyTotal, RollupMonth

    RollupMonth.objects.all().delete()
    MonthlyTotal.objects.all().delete()
    refresh = rollup_refresh()  # the defaults, as the 15-minute timer runs it

    user, _created = User.objects.get_or_create(
        username=BENCH_USER, defaults={"role": Role.MANAGER, "first_name": "Bench"}
    )
    end = periods.last_complete_month()
    months = indicators.months_ending(end, 12)
    running = periods.running_month()
    try:
        with override_settings(ROOT_URLCONF="bench.pages", DEBUG=False):
            client = Client()
            client.force_login(user)

            def page():
                response = client.get("/dashboard/vergelijken/", {"indicator": "beyond_share", "months": "12"})
                assert response.status_code == 200, response.status_code

            def bare():
                client.get("/__bench__/bare/")

            def ref():
                comparison_reference(months, running)

            # The first request for this indicator after the refresh (nothing of it memoised yet),
            # in a warm process: another indicator's page first loads the code and templates.
            client.get("/dashboard/vergelijken/", {"indicator": "resident_grade", "months": "12"})
            first_ms, _cpu = time_call(page)
            rows = comparison.comparison_rows(user=user, indicator="beyond_share", months=12)
            theirs = comparison_reference(months, running)
            agreement = {}
            for row in rows:
                key = (row.kind, row.scope.team.pk if row.scope.team else row.scope.wijk.pk if row.scope.wijk else None)
                ours = [*row.figure.values, row.running_value]
                agreement[f"{key[0]}:{key[1]}"] = _agree(ours, theirs[key])
            fresh = rollup.freshness(indicators.Scope(months=[*months, running]))
            vs_reference = compare(page, ref, repeat=repeat)
            vs_bare = compare(page, bare, repeat=repeat)
    finally:
        User.objects.filter(username=BENCH_USER).delete()
    page_ms = vs_reference["subject"]["median_ms"]
    ref_ms = vs_reference["baseline"]["median_ms"]
    bare_ms = vs_bare["baseline"]["median_ms"]
    return {
        "default_refresh": refresh.as_dict() | {"months": len(refresh.months)},
        "rows": len(rows),
        "rolled_up_months": len(fresh.rolled),
        "live_months": [f"{m:%Y-%m}" for m in fresh.live],
        "page_vs_reference": vs_reference,
        "page_vs_bare": vs_bare,
        "page_median_ms": page_ms,
        "page_p95_ms": vs_reference["subject"]["p95_ms"],
        "first_request_ms": round(first_ms, 1),
        "reference_median_ms": ref_ms,
        "bare_median_ms": bare_ms,
        "ratio_to_reference": round(page_ms / ref_ms, 2) if ref_ms else None,
        "ratio_to_bare": vs_bare["ratio"],
        "meets_reference_target": bool(ref_ms and page_ms <= 2 * ref_ms),
        "meets_bare_target": bool(vs_bare["ratio"] is not None and vs_bare["ratio"] <= 10),
        "figures_agree": all(agreement.values()),
        "agreement": agreement,
    }


def _agree(ours: list, theirs: list) -> bool:
    for x, y in zip(ours, theirs, strict=True):
        if (x is None) != (y is None):
            return False
        if x is not None and abs(float(x) - float(y)) > 1e-6:
            return False
    return True


def _snapshot(scope: indicators.Scope) -> dict:
    return {f.key: (f.values, f.numerators, f.denominators) for f in indicators.all_figures(scope)}


def _logged_in_client() -> Client:
    """A client logged in as the bench's manager account (``run`` deletes it again)."""
    user, _created = User.objects.get_or_create(
        username=BENCH_USER, defaults={"role": Role.MANAGER, "first_name": "Bench"}
    )
    client = Client()
    client.force_login(user)
    return client


def run(size: str = "small") -> dict:
    repeat = REPEATS.get(size, 10)
    from frontlijn.dashboard import periods

    last = periods.last_complete_month()  # what the page shows (the running month apart)
    scope = indicators.Scope(months=indicators.months_ending(last, 12))
    added = _ensure_responses(scope.months)
    comparison_result = bench_comparison(repeat)

    view_refresh = rollup_refresh(months=scope.months)  # the 12 months in view
    periodic_refresh = rollup_refresh()  # what the 15-minute timer runs: this month and three closed ones

    client = _logged_in_client()

    def page(query: dict | None = None):
        response = client.get("/dashboard/", query or {})
        assert response.status_code == 200, response.status_code

    team = Team.objects.order_by("pk").first()
    wijk = Wijk.objects.order_by("pk").first()

    def page_current_month_live():
        with override_settings(FRONTLIJN_DASHBOARD_CURRENT_MAX_AGE=0):
            page()

    def figures():
        selectors.dashboard_compute(scope=indicators.Scope(months=scope.months))

    def figures_live():
        selectors.dashboard_compute(scope=indicators.Scope(months=scope.months, live=True))

    def ref():
        reference(indicators.Scope(months=scope.months))

    try:
        fresh = rollup.freshness(indicators.Scope(months=scope.months))
        ours = _snapshot(indicators.Scope(months=scope.months))
        live = _snapshot(indicators.Scope(months=scope.months, live=True))
        theirs = reference(indicators.Scope(months=scope.months))
        agreement = {key: _agree(ours[key][0], theirs[key]) for key in theirs}
        page_result = compare(page, ref, repeat=repeat)
        live_month_result = compare(page_current_month_live, ref, repeat=repeat)
        figures_result = compare(figures, figures_live, repeat=max(3, repeat // 3))
        area_results = {
            "team": compare(lambda: page({"team": team.pk}), None, repeat=repeat) if team else None,
            "wijk": compare(lambda: page({"wijk": wijk.pk}), None, repeat=repeat) if wijk else None,
        }
    finally:
        User.objects.filter(username=BENCH_USER).delete()

    page_ms = page_result["subject"]["median_ms"]
    ref_ms = page_result["baseline"]["median_ms"]
    return {
        "database": connection.vendor,
        "comparison": comparison_result,
        "months": len(scope.months),
        "synthetic_responses_added": added,
        "refresh_12_months": view_refresh.as_dict() | {"months": len(view_refresh.months)},
        "refresh_periodic": periodic_refresh.as_dict(),
        "rolled_up_months": len(fresh.rolled),
        "live_months": [f"{m:%Y-%m}" for m in fresh.live],
        "page": page_result,
        "page_current_month_live": live_month_result,
        "figures_rollup_vs_live": figures_result,
        "page_one_team_and_one_wijk": area_results,
        "baseline_label": "plain SQL reference of the contact and resident figures (bare cursor)",
        "page_median_ms": page_ms,
        "page_p95_ms": page_result["subject"]["p95_ms"],
        "reference_median_ms": ref_ms,
        "ratio_page_to_reference": round(page_ms / ref_ms, 2) if ref_ms else None,
        "target_ms": 1000,
        "meets_target": page_result["subject"]["p95_ms"] < 1000,
        "figures_agree": all(agreement.values()),
        "agreement": agreement,
        "rollup_equals_live": ours == live,
        "rollup_differs": sorted(key for key in live if ours[key] != live[key]),
    }
