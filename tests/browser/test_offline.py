"""Field use without a connection (issue 16), in real Chromium with the server REALLY unreachable.

The browser talks to live_server through a TCP proxy (tests/browser/offline_proxy.py) that the
test cuts off. Offline the user opens households of the day's round from the device, logs
contacts (one with a signal and a photo) and marks a promise done; back online everything is
stored exactly once, in order, with the device's time; a second replay stores nothing; a write
the server turns down is shown with its text; after logout no household is readable offline.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from frontlijn.contacts.models import ContactMoment, Promise, PromiseStatus
from frontlijn.core.models import IdempotencyKey
from frontlijn.register.models import Unit
from frontlijn.signals.models import Signal
from frontlijn.teams.models_work import RoundVisit, VisitRound
from tests.browser.fixtures import DEFAULT_TIMEOUT_MS
from tests.browser.helpers import open_more
from tests.browser.offline_proxy import CuttableProxy
from tests.factories import BuurtFactory, HouseholdFactory, PromiseFactory, UnitFactory, staff_in

PASSWORD = "stille-trappenhuis-1"
DB = "/static/frontlijn/offline/db.js"
STREETS = ["Lindelaan", "Meidoornstraat", "Populierenlaan", "Wilgenhof"]


@pytest.fixture
def proxy(live_server):
    target = urlsplit(live_server.url)
    proxy = CuttableProxy(target.hostname, target.port)
    yield proxy
    proxy.close()


@pytest.fixture
def field_page(browser, proxy):
    """A phone page whose origin is the proxy (so the service worker's requests go through it)."""
    context = browser.new_context(
        base_url=proxy.url,
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"uncaught JavaScript error(s): {errors}"


@pytest.fixture
def round_day():
    """A wijkbeheerder with today's round of four households and an open promise."""
    buurt = BuurtFactory()
    user = staff_in(buurt, username="wijkbeheerder-veld")
    user.set_password(PASSWORD)
    user.save()
    team = user.teams.get()
    today = timezone.localdate()
    visit_round = VisitRound.objects.create(
        team=team, name="Galerijflat Oost", criterion="complex", start_date=today, end_date=today, created_by=user
    )
    households = []
    for i, street in enumerate(STREETS):
        unit = UnitFactory(buurt=buurt, street=street, house_number=10 + i)
        household = HouseholdFactory(unit=unit, name=f"Huishouden {street}")
        RoundVisit.objects.create(round=visit_round, household=household, assignee=user, planned_date=today)
        households.append(household)
    promise = PromiseFactory(
        owner=user, household=households[0], description="Ik bel u terug over de lift", due_date=today
    )
    return user, visit_round, households, promise


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def idb(page, script: str):
    """Run ``script`` (the body of an async function with ``db`` = db.js) in the page."""
    return page.evaluate(f"async () => {{ const db = await import('{DB}'); {script} }}")


def wait_until(page, script: str, timeout: float = 15.0):
    """Poll ``script`` (see :func:`idb`) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = idb(page, script)
        if value or time.monotonic() > deadline:
            assert value, f"timed out waiting for: {script}"
            return value
        page.wait_for_timeout(200)


def cached_urls(page) -> set[str]:
    return set(idb(page, "return (await db.all('pages')).map((p) => p.url);"))


def outbox_count(page) -> int:
    return idb(page, "return (await db.all('outbox')).length;")


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    # The service worker installs on the login page; from then on it controls every page.
    wait_until(page, "return navigator.serviceWorker.controller !== null;")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    assert not page.url.split("?")[0].endswith("/accounts/login/"), page.inner_text("main")


def log_contact(page, household, *, subject: str, beyond: str = "") -> None:
    page.goto(f"/huishoudens/{household.pk}/contact/")
    assert page.locator(".offline-note").is_visible()  # served from the device
    open_more(page)  # duration and subject fold out under "Meer" (doorstep form)
    page.get_by_label("Duur in minuten").fill("10")
    page.get_by_label("Onderwerp").fill(subject)
    if beyond:
        page.get_by_label("Verder dan het proces").fill(beyond)
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/huishoudens/{household.pk}/")
    expect(page.locator("main .offline-msg")).to_contain_text("nog niet verzonden")


@pytest.mark.django_db(transaction=True)
def test_a_day_in_the_stairwell_is_stored_exactly_once(field_page, proxy, round_day):
    page = field_page
    user, visit_round, households, promise = round_day
    log_in(page, user.username)

    # Online: Mijn dag shows today's round; opening it fetches its households ahead.
    page.get_by_role("link", name="Galerijflat Oost").click()
    page.wait_for_url(f"**/teams/rondes/{visit_round.pk}/")
    wanted = {"/", f"/teams/rondes/{visit_round.pk}/"}
    for h in households:
        wanted |= {f"/huishoudens/{h.pk}/", f"/huishoudens/{h.pk}/contact/", f"/signalen/nieuw/?household={h.pk}"}
    wait_until(
        page,
        f"""const urls = new Set((await db.all('pages')).map((p) => p.url));
            return {sorted(wanted)!r}.every((u) => urls.has(u));""",
    )
    # What is on the device is encrypted: no household name in the stored records.
    assert idb(page, "return JSON.stringify(await db.all('pages')).includes('Lindelaan');") is False

    proxy.cut()
    offline_from = timezone.now()

    # Three households of the round, opened from the device, marked with their fetch time.
    for h in households[:3]:
        page.goto(f"/huishoudens/{h.pk}/")
        assert h.name in page.locator("main").inner_text()
        assert "Je bent offline" in page.locator(".offline-note").inner_text()

    log_contact(page, households[0], subject="Lift weer kapot", beyond="Mevrouw komt de deur niet meer uit.")
    log_contact(page, households[1], subject="Galerij donker", beyond="Lamp op de galerij is al weken stuk.")
    # The signal from that contact, with a photo.
    page.goto(f"/signalen/nieuw/?household={households[1].pk}")
    page.get_by_label("Wat viel je op?").fill("Lamp op de galerij is al weken stuk, onveilig in het donker")
    page.get_by_label("Veiligheid").check()
    page.set_input_files(
        "input[name=photos]", files=[{"name": "lamp.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Signaal melden").click()
    page.wait_for_url(f"**/huishoudens/{households[1].pk}/")
    log_contact(page, households[2], subject="Kennismaking", beyond="Nieuwe bewoners, twee kleine kinderen.")
    # A contact for the fourth household, which leaves the user's area before it is sent.
    log_contact(page, households[3], subject="Lekkage bij de buren", beyond="Water uit het plafond van de gang.")

    page.goto("/")
    promise_card = page.locator(".card", has_text="Ik bel u terug over de lift")
    with page.expect_navigation():
        promise_card.get_by_role("button", name="Nagekomen").click()
    offline_until = timezone.now()

    page.reload()  # still offline: the page comes from the device, the count stays
    assert page.locator(".offline-note").is_visible()
    expect(page.locator("#outbox-status")).to_have_text("6 nog niet verzonden")
    assert outbox_count(page) == 6
    assert ContactMoment.objects.count() == 0 and Signal.objects.count() == 0
    # Keep a copy of the encrypted items to replay them a second time later.
    idb(page, "await db.put('meta', {id: 'copy', items: await db.all('outbox')});")

    Unit.objects.filter(pk=households[3].unit_id).update(buurt=BuurtFactory())  # out of the area
    proxy.restore()
    page.reload()  # the page-load fallback sends what is waiting
    wait_until(page, "return (await db.all('outbox')).length === 1;")

    contacts = list(ContactMoment.objects.order_by("id"))
    assert [c.subject for c in contacts] == ["Lift weer kapot", "Galerij donker", "Kennismaking"]
    assert [c.household_id for c in contacts] == [h.pk for h in households[:3]]
    for contact in contacts:  # the time on the phone when the form was filled in, to the minute
        assert offline_from - dt.timedelta(minutes=1) <= contact.occurred_at <= offline_until
    signal = Signal.objects.get()
    assert signal.household_id == households[1].pk and signal.photos.count() == 1
    assert offline_from - dt.timedelta(seconds=1) <= signal.created_at <= offline_until
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.KEPT
    assert offline_from - dt.timedelta(seconds=1) <= promise.done_at <= offline_until
    keys = list(IdempotencyKey.objects.filter(user=user).order_by("received_at", "id"))
    assert [k.kind for k in keys] == ["contact", "contact", "signal", "contact"]
    for key in keys:
        assert key.made_at <= offline_until < key.received_at
    assert [k.made_at for k in keys] == sorted(k.made_at for k in keys)  # sent in the order made

    # A second replay of the very same encrypted items stores nothing.
    idb(
        page,
        """const copy = await db.get('meta', 'copy');
        await db.clear('outbox');
        for (const item of copy.items) await db.put('outbox', item);""",
    )
    page.reload()
    wait_until(page, "return (await db.all('outbox')).length === 1;")
    assert ContactMoment.objects.count() == 3 and Signal.objects.count() == 1
    assert Promise.objects.filter(status=PromiseStatus.KEPT).count() == 1
    assert IdempotencyKey.objects.count() == 4

    # The rejected one comes back to the user with everything typed.
    page.goto("/offline/")
    item = page.locator(".outbox-item.rejected")
    expect(item).to_contain_text("Lekkage bij de buren")
    expect(item).to_contain_text("niet (meer) zichtbaar")
    expect(item).to_contain_text("Water uit het plafond van de gang.")

    # Logging out warns about what is waiting; afterwards nothing of a household is readable.
    page.goto("/")
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.locator("footer [role=alert]")).to_contain_text("niet is verzonden")
    with page.expect_navigation():
        page.get_by_role("button", name="Toch uitloggen").click()
    page.wait_for_url(re.compile(r".*/accounts/login/.*"))
    proxy.cut()
    for h in households:
        page.goto(f"/huishoudens/{h.pk}/")
        assert h.name not in page.content()
    assert cached_urls(page) == set()
    assert idb(page, "return (await db.get('session', 'current')) || null;") is None
    assert outbox_count(page) == 1  # the unsent item survives logout, encrypted

    # The same user logs in again: the item is readable again, with everything typed.
    proxy.restore()
    log_in(page, user.username)
    expect(page.locator("#outbox-status")).to_have_text("1 nog niet verzonden")
    page.goto("/offline/")
    expect(page.locator(".outbox-item.rejected")).to_contain_text("Water uit het plafond van de gang.")


@pytest.mark.django_db(transaction=True)
def test_without_background_sync_the_online_event_sends_and_a_rejection_can_be_corrected(
    field_page, proxy, round_day, assert_accessible
):
    """As on an iPhone: no Background Sync. The 'online' event sends what waits, without a reload."""
    page = field_page
    user, _round, households, _promise = round_day
    page.context.add_init_script("delete window.SyncManager;")
    # Deny Background Sync for this context (a browser-level session: a page-level one would
    # stop Playwright's offline emulation from reaching the page).
    page_cdp = page.context.new_cdp_session(page)
    context_id = page_cdp.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    page_cdp.detach()
    browser_cdp = page.context.browser.new_browser_cdp_session()
    browser_cdp.send(
        "Browser.setPermission",
        {
            "permission": {"name": "background-sync"},
            "setting": "denied",
            "origin": proxy.url,
            "browserContextId": context_id,
        },
    )
    log_in(page, user.username)
    no_sync = idb(
        page,
        """const reg = await navigator.serviceWorker.ready;
        try { await reg.sync.register('probe'); return false; } catch (e) { return true; }""",
    )
    assert no_sync, "Background Sync should be unavailable in this test"
    household = households[0]
    page.goto(f"/teams/rondes/{_round.pk}/")  # fetches the visits and their households ahead
    visit = RoundVisit.objects.get(household=households[1])
    wait_until(page, f"return (await db.get('pages', '/huishoudens/{household.pk}/contact/')) !== undefined;")
    wait_until(page, f"return (await db.get('pages', '/teams/bezoeken/{visit.pk}/')) !== undefined;")

    proxy.cut()
    page.context.set_offline(True)
    log_contact(page, household, subject="Voordeur klemt", beyond="Meneer kan de deur bijna niet open krijgen.")
    page.goto(f"/huishoudens/{household.pk}/contact/")
    open_more(page)  # duration and subject fold out under "Meer" (doorstep form)
    page.get_by_label("Duur in minuten").fill("0")  # the server will turn this down
    page.get_by_label("Onderwerp").fill("Trapleuning los")
    page.get_by_label("Verder dan het proces").fill("Mevrouw durft de trap niet meer af.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    # A round outcome: the visit to the second household, recorded offline.
    page.goto(f"/teams/bezoeken/{visit.pk}/")
    open_more(page)  # duration and subject fold out under "Meer" (doorstep form)
    page.get_by_label("Duur in minuten").fill("25")
    page.get_by_label("Wat is besproken of geregeld").fill("Rookmelder getest, werkt.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#outbox-status")).to_have_text("3 nog niet verzonden")
    page.evaluate("window.notReloaded = true; window.addEventListener('online', () => { window.gotOnline = true; })")

    proxy.restore()
    page.context.set_offline(False)  # fires 'online': app.js sends, the page stays
    wait_until(page, "return (await db.all('outbox')).every((i) => i.state === 'rejected');")
    assert page.evaluate("window.notReloaded === true")
    assert list(ContactMoment.objects.order_by("id").values_list("subject", flat=True)) == [
        "Voordeur klemt",
        "Galerijflat Oost",  # the visit: a proactive home visit named after the round
    ]
    visit.refresh_from_db()
    assert visit.contact.process_note == "Rookmelder getest, werkt." and visit.contact.channel == "BEZ"

    page.goto("/offline/")
    item = page.locator(".outbox-item.rejected")
    expect(item).to_contain_text("De duur is minimaal 1 minuut.")
    expect(item).to_contain_text("Mevrouw durft de trap niet meer af.")
    assert_accessible(page)  # the list of what waits, at 375 px
    page.get_by_role("link", name="Opnieuw invullen").click()
    expect(page.get_by_label("Onderwerp")).to_have_value("Trapleuning los")
    expect(page.get_by_label("Verder dan het proces")).to_have_value("Mevrouw durft de trap niet meer af.")
    open_more(page)  # duration and subject fold out under "Meer" (doorstep form)
    page.get_by_label("Duur in minuten").fill("5")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/huishoudens/{household.pk}/")
    assert ContactMoment.objects.filter(subject="Trapleuning los", duration_minutes=5).count() == 1
    wait_until(page, "return (await db.all('outbox')).length === 0;")
    expect(page.locator("#outbox-status")).to_be_hidden()


@pytest.mark.django_db(transaction=True)
def test_a_shared_device_never_keeps_a_household(field_page, round_day):
    page = field_page
    user, _round, households, _promise = round_day
    page.goto("/accounts/login/")
    wait_until(page, "return navigator.serviceWorker.controller !== null;")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Dit is een gedeeld apparaat").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    page.goto(f"/huishoudens/{households[0].pk}/")
    assert households[0].name in page.inner_text("main")
    wait_until(page, "return (await db.get('session', 'current'))?.shared === true;")
    page.wait_for_timeout(500)
    assert cached_urls(page) == set()
