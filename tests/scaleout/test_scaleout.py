"""Scale-out: two stateless app servers behind a real nginx, on one PostgreSQL and one Redis, with two workers.

Each server has its own local folders (data dir, static files, media), so a shared disk cannot make
this pass by accident. Run by `make test-scaleout` (CI: its own stage, on the PostgreSQL of stage 5);
the normal test run deselects it. Needs DATABASE_URL on PostgreSQL, nginx, redis-server and openssl;
under CI=true a missing one fails the test.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.services import free_port, in_ci, redis_server, require

pytestmark = pytest.mark.scaleout

FRONTLIJN = Path(sys.executable).with_name("frontlijn")
HERE = Path(__file__).resolve().parent
PASSWORD = "schaal-wachtwoord-1"
ENV_DROPPED = ("DATABASE_URL", "DEBUG", "REDIS_URL", "TASKS_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE", "FRONTLIJN_DATA_DIR")

SETUP_SCRIPT = f"""
from frontlijn.register.models import Buurt, Wijk
from frontlijn.teams.models import Role, Team, User
from frontlijn.api.tokens import api_token_create
wijk = Wijk.objects.create(name="Schaalwijk", code="WK999901", place="Utrecht")
buurt = Buurt.objects.create(name="Schaalbuurt", code="BU99990101", wijk=wijk)
team = Team.objects.create(name="Team Schaal")
team.buurten.add(buurt)
user = User.objects.create_user(username="schaal", password={PASSWORD!r}, role=Role.WIJKBEHEERDER,
                                first_name="Sanne", last_name="Schaal")
user.teams.add(team)
admin = User.objects.create_user(username="erp-koppeling", password={PASSWORD!r}, role=Role.BEHEERDER, is_staff=True)
_row, token = api_token_create(owner=admin, name="ERP", scope="read")
print(buurt.pk, token)
"""


def _wait_for(check, what: str, timeout: float = 120, interval: float = 0.5, processes=()):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except Exception:
            pass
        for name, process, log in processes:
            if process.poll() is not None:
                raise AssertionError(f"{name} exited ({process.returncode}):\n{Path(log).read_text()[-4000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


@pytest.fixture(scope="module")
def pg_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        message = "the scale-out test needs DATABASE_URL on PostgreSQL"
        if in_ci():
            pytest.fail(f"CI: {message}", pytrace=False)
        pytest.skip(message)
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'frontlijn'}_scaleout"
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    scale_url = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    yield scale_url
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def cluster(pg_url, tmp_path_factory):
    nginx = require("nginx", "nginx")
    openssl = require("openssl", "openssl")
    root = tmp_path_factory.mktemp("scaleout")
    processes: list[tuple[str, subprocess.Popen, Path]] = []
    with redis_server(root / "redis") as redis_url:
        app_ports = [free_port(), free_port()]
        lb, lb1, lb2 = free_port(), free_port(), free_port()
        origins = ",".join(f"https://127.0.0.1:{p}" for p in (lb, lb1, lb2))
        base_env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
        base_env.update(
            FRONTLIJN_ENV="production",
            SECRET_KEY="scale-out-test-" + "k" * 50,
            FRONTLIJN_AUDIT_KEYS="so1:" + "a7" * 20,  # the audit chain key, the same on every server
            FRONTLIJN_PUBLIC_URL="https://frontlijn.test",
            DATABASE_URL=pg_url,
            REDIS_URL=redis_url,
            FRONTLIJN_STORAGE="database",
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=origins,
            FRONTLIJN_API_RATE="10/minute",
            FRONTLIJN_SIGNAL_RETRAIN_EVERY="1",
            FRONTLIJN_SCHEDULE=(
                "dashboard_refresh=every:3s,retention=off,feedback_expire=off,prune_task_results=off,"
                "signals_retrain=off,signal_patterns=off,pulse_invite=off"
            ),
            WEB_CONCURRENCY="2",
            GUNICORN_GRACEFUL_TIMEOUT="5",
            CONN_MAX_AGE="0",
        )

        def env_for(n: int) -> dict:
            data = root / f"server{n}"  # its own folders: SQLite-free, but static files and media are local
            data.mkdir(exist_ok=True)
            return {**base_env, "FRONTLIJN_DATA_DIR": str(data)}

        def start(name: str, args: list[str], env: dict) -> subprocess.Popen:
            log = root / f"{name}.log"
            process = subprocess.Popen([str(FRONTLIJN), *args], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
            processes.append((name, process, log))
            return process

        # The static files: collected once (the documented step; meanwhile the database is migrated)
        # and copied, so that the two servers do not both spend the time; each serves its own copy.
        collect = subprocess.Popen([str(FRONTLIJN), "collectstatic", "--noinput", "-v0"], env=env_for(1))
        subprocess.run([str(FRONTLIJN), "migrate", "--noinput", "-v0"], env=env_for(1), check=True, timeout=300)
        assert collect.wait(timeout=300) == 0
        shutil.copytree(root / "server1" / "static", root / "server2" / "static")
        out = subprocess.run(
            [str(FRONTLIJN), "shell", "-c", SETUP_SCRIPT], env=env_for(1), check=True, capture_output=True, text=True
        ).stdout.split()
        buurt_id, token = int(out[-2]), out[-1]

        # nginx with a self-signed certificate: TLS ends at the proxy, as in production.
        prefix = root / "nginx"
        for sub in ("", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / sub).mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(prefix / "key.pem"), "-out", str(prefix / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        conf = (HERE / "nginx.conf.template").read_text().format(
            user="user root;" if os.geteuid() == 0 else "",
            prefix=prefix, app1=app_ports[0], app2=app_ports[1], lb=lb, lb1=lb1, lb2=lb2,
        )  # fmt: skip
        (prefix / "nginx.conf").write_text(conf)

        for n, port in enumerate(app_ports, start=1):
            start(f"web{n}", ["serve", "--production", "--host", "127.0.0.1", "--port", str(port)], env_for(n))
            start(
                f"worker{n}",
                [
                    "worker",
                    "--with-scheduler",
                    "--scheduler-tick",
                    "0.5",
                    "--interval",
                    "0.2",
                    "--worker-id",
                    f"worker-{n}",
                ],
                env_for(n),
            )
        nginx_log = prefix / "stdout.log"
        nginx_process = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
            stdout=nginx_log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(("nginx", nginx_process, nginx_log))
        global CA
        CA = str(prefix / "cert.pem")
        for port in (lb1, lb2):
            _wait_for(
                lambda port=port: _session().get(f"https://127.0.0.1:{port}/health/ready", timeout=5).ok,
                f"the app server behind port {port}", timeout=240, processes=processes,
            )  # fmt: skip
        try:
            yield {
                "lb": f"https://127.0.0.1:{lb}",
                "one": f"https://127.0.0.1:{lb1}",
                "two": f"https://127.0.0.1:{lb2}",
                "apps": {f"127.0.0.1:{p}" for p in app_ports},
                "pg_url": pg_url,
                "buurt_id": buurt_id,
                "token": token,
                "processes": processes,
                "root": root,
            }
        finally:
            for _name, process, _log in reversed(processes):
                process.terminate()
            for _name, process, _log in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=15)


CA = ""


def _session(base: str = ""):
    import requests

    session = requests.Session()
    session.trust_env = False  # no proxy or CA bundle from the environment
    session.verify = CA
    if base:
        session.headers["Referer"] = base + "/"  # Django's CSRF check on HTTPS wants a same-origin Referer
    return session


def _sql(pg_url: str, query: str, *args):
    import psycopg

    with psycopg.connect(pg_url) as conn:
        return conn.execute(query, args).fetchall()


def _login(session, base: str) -> None:
    page = session.get(f"{base}/accounts/login/")
    assert page.status_code == 200
    response = session.post(
        f"{base}/accounts/login/",
        data={"username": "schaal", "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:2000]


def test_each_server_is_ready_on_its_own(cluster):
    for base in (cluster["one"], cluster["two"]):
        response = _session().get(f"{base}/health/ready", timeout=10)
        assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "migrations": "ok"}}
    assert {
        _session().get(f"{cluster[name]}/health/ready", timeout=10).headers["X-Upstream"] for name in ("one", "two")
    } == cluster["apps"]


def test_a_session_started_on_the_first_server_continues_on_the_second(cluster):
    session = _session(cluster["one"])
    _login(session, cluster["one"])
    session.headers["Referer"] = cluster["two"] + "/"
    home = session.get(f"{cluster['two']}/", allow_redirects=False)
    assert home.status_code == 200, home.headers.get("Location")
    assert "Sanne Schaal" in home.text or "schaal" in home.text
    assert home.headers["X-Upstream"] != session.get(f"{cluster['one']}/").headers["X-Upstream"]


def test_a_photo_uploaded_through_one_is_served_by_the_other_and_its_retrain_runs_once(cluster):
    from PIL import Image

    session = _session(cluster["one"])
    _login(session, cluster["one"])
    form = session.get(f"{cluster['one']}/signalen/nieuw/")
    assert form.status_code == 200
    image = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 93, 75)).save(image, format="PNG")
    response = session.post(
        f"{cluster['one']}/signalen/nieuw/",
        data={
            # The classifier suggests vocht-schimmel; staff choose geluid: a correction, and with
            # FRONTLIJN_SIGNAL_RETRAIN_EVERY=1 that enqueues a retrain.
            "text": "Zwarte schimmel op het plafond van de badkamer",
            "themes": ["geluid"],
            "urgency": "normaal",
            "sensitivity": "plek",
            "buurt": str(cluster["buurt_id"]),
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        files={"photos": ("foto.png", image.getvalue(), "image/png")},
        allow_redirects=False,
    )
    assert response.status_code == 302, re.sub(r"\s+", " ", response.text)[:3000]
    started = time.monotonic()
    (photo_id,) = _sql(cluster["pg_url"], "SELECT id FROM signals_signalphoto")[0]
    session.headers["Referer"] = cluster["two"] + "/"
    photo = session.get(f"{cluster['two']}/signalen/foto/{photo_id}/")
    assert photo.status_code == 200 and photo.headers["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(photo.content)).size == (32, 24)
    # Nothing on either server's disk: the photo is in the database storage.
    assert not list(cluster["root"].glob("server*/media/**/*.png"))

    # The retrain was enqueued by the request and runs exactly once, on one of the two workers.
    def finished():
        rows = _sql(
            cluster["pg_url"],
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
            "frontlijn.signals.tasks.retrain_classifier",
        )
        return rows if rows and all(status in ("SUCCESSFUL", "FAILED") for status, _ in rows) else None

    rows = _wait_for(finished, "the retrain on a worker", timeout=120, processes=cluster["processes"])
    assert len(rows) == 1 and rows[0][0] == "SUCCESSFUL", rows
    assert len(rows[0][1]) == 1 and rows[0][1][0] in ("worker-1", "worker-2")
    assert _sql(cluster["pg_url"], "SELECT count(*) FROM signals_classifiermodel")[0][0] == 1
    assert time.monotonic() - started < 120


def test_the_api_rate_limit_is_counted_across_both_servers(cluster):
    session = _session()
    session.headers["Authorization"] = f"Bearer {cluster['token']}"
    answers = [session.get(f"{cluster['lb']}/api/v1/wijken/", timeout=15) for _ in range(14)]
    codes = [a.status_code for a in answers]
    assert codes[:10] == [200] * 10 and set(codes[10:]) == {429}, codes
    # Round robin: both servers answered, so neither counted alone.
    assert {a.headers["X-Upstream"] for a in answers[:10]} == cluster["apps"]


def test_a_periodic_job_runs_once_per_moment_not_once_per_server(cluster):
    # dashboard_refresh every 3 s; both workers run the scheduler, ticking every 0.5 s.
    time.sleep(8)
    runs = _sql(
        cluster["pg_url"], "SELECT slot, claimed_by, task_id FROM core_periodicrun WHERE job = 'dashboard_refresh'"
    )
    tasks = _sql(
        cluster["pg_url"],
        "SELECT id::text FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
        "frontlijn.dashboard.tasks.refresh_rollup",
    )
    assert len(runs) >= 3
    assert len({slot for slot, _, _ in runs}) == len(runs)
    # One task per moment, and no task without its moment: not one per server.
    assert sorted(task_id for _, _, task_id in runs) == sorted(t for (t,) in tasks)
    slots = sorted(slot for slot, _, _ in runs)
    assert all((b - a).total_seconds() % 3 == 0 for a, b in itertools.pairwise(slots))
    # Both schedulers were running (each ticks six times a moment); every moment went to one of them.
    assert {claimed for _, claimed, _ in runs} <= {"worker-1", "worker-2"}


def test_a_task_enqueued_by_one_server_runs_exactly_once(cluster):
    """Twenty tasks enqueued through server one's code path, two workers competing: each runs once."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
    env.update(
        FRONTLIJN_ENV="production",
        SECRET_KEY="scale-out-test-" + "k" * 50,
        FRONTLIJN_AUDIT_KEYS="so1:" + "a7" * 20,  # the audit chain key, the same on every server
        FRONTLIJN_PUBLIC_URL="https://frontlijn.test",
        DATABASE_URL=cluster["pg_url"],
        FRONTLIJN_DATA_DIR=str(cluster["root"] / "server1"),
    )
    script = (
        "from frontlijn.core.services import inbox_send\n"
        "from frontlijn.teams.models import User\n"
        "from django.db import transaction\n"
        "user = User.objects.get(username='schaal'); user.email = 'sanne@example.org'; user.save()\n"
        "for i in range(20):\n"
        "    with transaction.atomic():\n"
        "        inbox_send(recipient=user, title=f'Bericht {i}')\n"
    )
    subprocess.run([str(FRONTLIJN), "shell", "-c", script], env=env, check=True, timeout=120)

    def done():
        rows = _sql(
            cluster["pg_url"],
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
            "frontlijn.core.tasks.send_inbox_mail",
        )
        return rows if len(rows) == 20 and all(s == "SUCCESSFUL" for s, _ in rows) else None

    rows = _wait_for(done, "20 inbox mails on the workers", timeout=60, processes=cluster["processes"])
    assert all(len(worker_ids) == 1 for _, worker_ids in rows)
