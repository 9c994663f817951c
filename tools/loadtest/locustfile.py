"""Frontlijn load test: front staff with think time doing the real mix.

Every simulated staff member works in a session of their own (made in advance by
``python -m bench loadtest-users``, as in the middle of a working day; a share
LOADTEST_LOGIN_SHARE, default 5 %, logs in through the form with Argon2 instead), then,
with think time between steps (LOADTEST_THINK_MIN/MAX, default 5-15 s):

- searches a household (postcode + number, or a resident's name)       weight 4
- opens a household's timeline                                          weight 4
- logs a contact: opens the form, then posts it (redirect to timeline)  weight 2
- opens the home page (promises, cases, recent contacts)                weight 1
- opens the front-strength dashboard (when the app serves it)           weight 1
- raises a signal about a household (form, then POST)                  weight 1

Accounts and households come from ``python -m bench loadtest-users`` (JSON file in
LOADTEST_USERS, default var/loadtest-users.json). See tools/loadtest/README.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
import threading

from locust import HttpUser, between, events, task

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
USERS_FILE = os.environ.get("LOADTEST_USERS", "var/loadtest-users.json")
# The signal form's path; "off" leaves raising signals out of the mix.
SIGNAL_PATH = os.environ.get("LOADTEST_SIGNAL_PATH", "/signalen/nieuw/")
SIGNAL_TEXTS = [
    ("Lampen in de portiek zijn kapot, het is 's avonds donker.", "veiligheid"),
    ("Zwarte schimmel in de badkamer, bewoner ventileert wel.", "vocht-schimmel"),
    ("Oudere meneer woont alleen en krijgt nooit bezoek.", "eenzaamheid"),
    ("Vuilniszakken naast de containers, ratten gezien.", "vervuiling"),
]
# Think time between two steps of one staff member, in seconds (see tools/loadtest/README.md).
THINK_MIN = float(os.environ.get("LOADTEST_THINK_MIN", "5"))
THINK_MAX = float(os.environ.get("LOADTEST_THINK_MAX", "15"))
# Share of simulated staff that log in through the form (Argon2) at the start; the others
# continue a session made in advance, as in the middle of a working day.
LOGIN_SHARE = float(os.environ.get("LOADTEST_LOGIN_SHARE", "0.05"))
with open(USERS_FILE) as f:
    _DATA = json.load(f)
_ACCOUNTS = itertools.cycle(_DATA["accounts"])
_LOCK = threading.Lock()


def _csrf(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


class FrontStaff(HttpUser):
    wait_time = between(THINK_MIN, THINK_MAX)

    def on_start(self) -> None:
        with _LOCK:
            self.account = next(_ACCOUNTS)
        self.rng = random.Random()
        if self.rng.random() >= LOGIN_SHARE and self.account.get("sessionid"):
            # Already logged in this morning: the session made by `bench loadtest-users`.
            self.client.cookies.set("sessionid", self.account["sessionid"])
            return
        page = self.client.get("/accounts/login/", name="login form")
        with self.client.post(
            "/accounts/login/",
            {
                "username": self.account["username"],
                "password": _DATA["password"],
                "csrfmiddlewaretoken": _csrf(page.text),
            },
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login failed: HTTP {response.status_code}")

    @task(4)
    def search_household(self) -> None:
        query = self.rng.choice(self.account["queries"])
        self.client.get("/zoeken/", params={"q": query}, name="search")

    @task(4)
    def open_timeline(self) -> None:
        household = self.rng.choice(self.account["households"])
        self.client.get(f"/huishoudens/{household}/", name="timeline")

    @task(2)
    def log_contact(self) -> None:
        household = self.rng.choice(self.account["households"])
        url = f"/huishoudens/{household}/contact/"
        form = self.client.get(url, name="contact form")
        when = (dt.datetime.now() - dt.timedelta(minutes=self.rng.randint(1, 60))).strftime("%Y-%m-%dT%H:%M")
        data = {
            "csrfmiddlewaretoken": _csrf(form.text),
            "channel": self.rng.choice(["TEL", "BEZ", "STR"]),
            "direction": "INK",
            "occurred_at": when,
            "duration_minutes": str(self.rng.randint(3, 30)),
            "subject": "Vraag over de huur",
            "process_note": "Uitgelegd hoe de huurverhoging werkt.",
            "beyond_note": self.rng.choice(["", "Gaat goed, blij met de nieuwe keuken."]),
            "promise_kind": "terugbellen",
        }
        with self.client.post(url, data, name="log contact", allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"contact not saved: HTTP {response.status_code}")

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="home")
        if self.rng.random() < 0.2:
            self.client.get("/static/frontlijn/frontlijn.css", name="static css")

    @task(1)
    def dashboard(self) -> None:
        with self.client.get("/dashboard/", name="dashboard", catch_response=True) as response:
            if response.status_code in (403, 404):
                response.success()  # not every role sees the dashboard; not an error of the server

    @task(1)
    def raise_signal(self) -> None:
        """Raise a signal about a household (form, then POST; the theme suggestion runs on POST)."""
        if SIGNAL_PATH == "off":
            return
        household = self.rng.choice(self.account["households"])
        url = f"{SIGNAL_PATH}?household={household}"
        form = self.client.get(url, name="signal form")
        text, theme = self.rng.choice(SIGNAL_TEXTS)
        data = {
            "csrfmiddlewaretoken": _csrf(form.text),
            "text": text,
            "themes": theme,
            "urgency": "normaal",
            "sensitivity": "plek",
        }
        with self.client.post(url, data, name="raise signal", allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"signal not saved: HTTP {response.status_code}")


@events.quitting.add_listener
def _summary(environment, **_kwargs) -> None:
    stats = environment.stats.total
    print(
        f"TOTAL requests={stats.num_requests} failures={stats.num_failures} "
        f"p50={stats.get_response_time_percentile(0.5)} p95={stats.get_response_time_percentile(0.95)} "
        f"p99={stats.get_response_time_percentile(0.99)} rps={stats.total_rps:.1f}"
    )
