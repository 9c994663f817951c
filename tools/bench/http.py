"""End to end through gunicorn: the doorstep requests (issue 15) against a bare view, same run.

``python -m bench http --size large`` (and ``make bench``) starts ``frontlijn serve
--production`` with two gunicorn workers on a free loopback port, on the database of this run,
and sends each request over a keep-alive HTTP connection as the area's wijkbeheerder, interleaved
with a GET of the bare view (the whole middleware stack, no application work) after a warm-up:

- ``contact-form``: GET of the contact form for the fixture household;
- ``contact-post-signal``: POST of a home visit with a promise for Friday and a signal from the
  note (contact, promise and signal in one transaction), a fresh idempotency key each time;
- ``signal-offer``: the htmx POST that offers "Maak hier een signaal van" while the note is typed.

Client-side wall times (connect kept open, response read whole) are reported as median and p95,
with the ratio to the bare view of the same run. What it created is deleted afterwards.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from bench.timing import summary

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
SETTINGS_MODULE = "bench.http_settings"
BARE = "/__bench__/bare/"
REPEATS = {"tiny": 10, "small": 60, "large": 200}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection with a session cookie, as a browser tab."""

    def __init__(self, port: int, *, sessionid: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {"sessionid": sessionid}

    def _headers(self, extra: dict | None = None) -> dict:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        return headers | (extra or {})

    def request(self, method: str, path: str, *, body: dict | None = None, headers: dict | None = None):
        data = None
        extra = dict(headers or {})
        if body is not None:
            data = urlencode(body)
            extra["Content-Type"] = "application/x-www-form-urlencoded"
            extra["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        self.conn.request(method, path, body=data, headers=self._headers(extra))
        response = self.conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def close(self):
        self.conn.close()


def _compare(subject, baseline, *, repeat: int, warmup: int = 5) -> dict:
    for _ in range(warmup):
        subject()
        baseline()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        subject()
        a.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        baseline()
        b.append((time.perf_counter() - started) * 1000)
    result = {"subject": summary(a), "baseline": summary(b)}
    result["ratio"] = round(result["subject"]["median_ms"] / result["baseline"]["median_ms"], 2)
    result["ratio_p95"] = round(result["subject"]["p95_ms"] / result["baseline"]["p95_ms"], 2)
    return result


@contextlib.contextmanager
def _server(port: int, *, workers: int = 2):
    from django.conf import settings

    static_root = Path(tempfile.mkdtemp(prefix="frontlijn-bench-static-"))
    env = dict(os.environ)
    env.update(
        {
            "FRONTLIJN_ENV": "production",
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            # The session made here is signed with this process's key: the server must share it.
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(static_root),
            "LOG_LEVEL": "WARNING",
            "FRONTLIJN_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "FRONTLIJN_AUDIT_KEYS": os.environ.get("FRONTLIJN_AUDIT_KEYS") or "bench:" + uuid.uuid4().hex * 2,
            "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{settings.DATABASES['default']['NAME']}",
        }
    )
    frontlijn = Path(sys.executable).with_name("frontlijn")
    log = static_root / "server.log"
    command = [str(frontlijn), "serve", "--production", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - our own command
            command,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("the server stopped: " + log.read_text()[-2000:])
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/health/")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the server did not answer /health/ within 180 s")
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def run(size: str, *, repeat: int | None = None) -> dict:
    """The doorstep requests through gunicorn vs the bare view (see the module docstring)."""
    from django.urls import reverse

    from bench.loadtest import _session_for
    from bench.runner import DOORSTEP_NOTE, Fixture, doorstep_post_data
    from frontlijn.contacts.models import ContactMoment, Promise
    from frontlijn.lib import clock
    from frontlijn.signals.models import Signal

    repeat = repeat or REPEATS.get(size, 60)
    fx = Fixture()
    household = fx.household
    form_url = reverse("contacts:create", kwargs={"household_pk": household.pk})
    offer_url = reverse("contacts:signal-offer", kwargs={"household_pk": household.pk})
    first_contact = (ContactMoment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    first_signal = (Signal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    first_promise = (Promise.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    port = _free_port()
    results: dict = {"size": size, "repeat": repeat, "workers": 2, "household_contacts": fx.contacts_in_household}
    with _server(port):
        client = Client(port, sessionid=_session_for(fx.area_user))
        try:
            status, page = client.request("GET", form_url)
            assert status == 200, status
            token = CSRF_INPUT.search(page)
            assert token and "csrftoken" in client.cookies, "no CSRF token on the contact form"
            csrf = token.group(1).decode()

            def bare():
                status, _ = client.request("GET", BARE)
                assert status == 200, status

            def form_get():
                status, content = client.request("GET", form_url)
                assert status == 200 and b"beyond_note" in content, status

            def post_signal():
                when = clock.localtime(clock.now()).strftime("%Y-%m-%dT%H:%M")
                body = doorstep_post_data(when) | {"csrfmiddlewaretoken": csrf, "idempotency_key": str(uuid.uuid4())}
                status, content = client.request("POST", form_url, body=body)
                assert status == 302, (status, content[:300])

            def offer():
                body = {"csrfmiddlewaretoken": csrf, "beyond_note": DOORSTEP_NOTE}
                status, content = client.request("POST", offer_url, body=body, headers={"HX-Request": "true"})
                assert status == 200 and b"raise_signal" in content, status

            for name, fn in (("contact-form", form_get), ("contact-post-signal", post_signal), ("signal-offer", offer)):
                results[name] = _compare(fn, bare, repeat=repeat)
        finally:
            client.close()
    created = ContactMoment.objects.filter(pk__gte=first_contact, household=household)
    results["created_contacts"] = created.count()
    results["created_signals"] = Signal.objects.filter(pk__gte=first_signal).count()
    Promise.objects.filter(pk__gte=first_promise).delete()
    Signal.objects.filter(pk__gte=first_signal).delete()
    created.delete()
    return results


BEGIN = "<!-- bench:http:begin -->"
END = "<!-- bench:http:end -->"
LABELS = {
    "contact-form": "contact form GET",
    "contact-post-signal": "contact POST with a promise and a signal from the note",
    "signal-offer": "the signal offer while the note is typed (htmx POST)",
}


def render(results: dict, *, machine: dict, data: dict, database: str, when: str) -> str:
    lines = [
        BEGIN,
        "<!-- Generated by `python -m bench http`: do not edit by hand. -->",
        f"Run: size `{results['size']}`, {database}, {when}; {machine.get('cpus')} processors, "
        f"load average at start / end {machine.get('load_average_start')} / {machine.get('load_average_end')}.",
        f"Data: {data.get('units', 0):,} units, {data.get('contacts', 0):,} contacts, "
        f"{data.get('signals', 0):,} signals. gunicorn with {results['workers']} workers; "
        f"{results['repeat']} requests per figure, each followed by a GET of the bare view on the "
        "same keep-alive connection. Client-side wall time, ms.",
        "",
        "| request | median | p95 | bare view median / p95 | ratio of medians | ratio of p95 |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for key, label in LABELS.items():
        figure = results[key]
        s, b = figure["subject"], figure["baseline"]
        lines.append(
            f"| {label} | {s['median_ms']:.1f} | {s['p95_ms']:.1f} | {b['median_ms']:.1f} / {b['p95_ms']:.1f} "
            f"| {figure['ratio']:.2f}x | {figure['ratio_p95']:.2f}x |"
        )
    offer = results["signal-offer"]["ratio"]
    verdict = "met" if offer <= 5 else "**missed**"
    lines += ["", f"The offer while typing: {offer:.2f}x a bare request end to end (target ≤ 5x): {verdict}.", END]
    return "\n".join(lines)


def write_doc(text: str, doc_path: Path) -> None:
    doc = doc_path.read_text()
    if BEGIN in doc and END in doc:
        head, _, rest = doc.partition(BEGIN)
        _, _, tail = rest.partition(END)
        doc = head + text + tail
    else:
        doc = doc.rstrip("\n") + "\n\n## Doorstep flow end to end through gunicorn (issue 15)\n\n" + text + "\n"
    doc_path.write_text(doc)
