# ruff: noqa: E501 (the JavaScript under test is written inline, in the strings below)
"""Unit tests of the service worker's own logic (static/frontlijn/offline/*.js), run as ES modules in
real Chromium: real IndexedDB and real Web Crypto. Cache rules, encryption, page expiry, the session
on the device and the outbox (order, verdicts, budgets)."""

import pytest

M = "/static/frontlijn/offline/"


@pytest.fixture
def units(desk_page):
    desk_page.goto("/offline/")  # any page of the origin: the modules and IndexedDB live there
    return desk_page


def run(page, script: str):
    """``script`` is the body of an async function with the modules as variables."""
    return page.evaluate(
        f"""async () => {{
            const rules = await import('{M}rules.js');
            const crypt = await import('{M}crypto.js');
            const db = await import('{M}db.js');
            const pages = await import('{M}pages.js');
            const session = await import('{M}session.js');
            const outbox = await import('{M}outbox.js');
            const key = await crypt.importKey(crypto.getRandomValues(new Uint8Array(32)));
            const me = {{ id: 'current', user: 7, key, shared: false, expiresAt: Date.now() + 3600e3 }};
            {script}
        }}"""
    )


def test_cache_rules_only_the_pages_of_field_work(units):
    result = run(
        units,
        """return ['/', '/huishoudens/12/', '/huishoudens/12/contact/', '/signalen/nieuw/?household=12',
                   '/teams/rondes/3/', '/teams/bezoeken/9/', '/beloftes/', '/zaken/5/',
                   '/zoeken/?q=Jansen', '/signalen/', '/signalen/nieuw/', '/huishoudens/12/?x=1',
                   '/privacy/', '/dashboard/', '/huishoudens/12/tijdlijn/'].map((u) => rules.cacheablePage(u));""",
    )
    assert result == [True] * 8 + [False] * 7


def test_write_kinds_and_where_the_user_goes_after_queueing(units):
    result = run(
        units,
        """return [
            rules.writeKind('http://x/huishoudens/4/contact/'), rules.writeKind('/signalen/nieuw/?household=4'),
            rules.writeKind('/teams/bezoeken/2/'), rules.writeKind('/beloftes/8/nagekomen/'),
            rules.writeKind('/zaken/3/'), rules.writeKind('/beloftes/8/vervallen/'),
            rules.nextAfterQueue('contact', '/huishoudens/4/contact/', {}),
            rules.nextAfterQueue('signal', '/signalen/nieuw/?household=4', {}),
            rules.nextAfterQueue('promise-done', '/beloftes/8/nagekomen/', {next: '/beloftes/'}),
            rules.nextAfterQueue('promise-done', '/beloftes/8/nagekomen/', {next: '//evil.example/'}),
            rules.nextAfterQueue('visit', '/teams/bezoeken/2/', {}),
        ];""",
    )
    assert result == [
        "contact",
        "signal",
        "visit",
        "promise-done",
        "case-status",
        None,
        "/huishoudens/4/",
        "/huishoudens/4/",
        "/beloftes/",
        "/offline/",
        "/offline/",
    ]


def test_expiry_budgets_stale_mark_and_verdicts(units):
    result = run(
        units,
        """const now = Date.now(), h = 3600e3;
        const html = rules.markStale('<body><main id="main" tabindex="-1"><h1>X</h1></main>', now);
        return {
            fresh: rules.isExpired({fetchedAt: now - 11.9 * h}, now),
            old: rules.isExpired({fetchedAt: now - 12.1 * h}, now),
            shared: rules.mayCache({...me, shared: true}, now),
            expired: rules.sessionUsable({...me, expiresAt: now - 1}, now),
            photo: rules.budgetProblem([rules.PHOTO_BUDGET + 1], 0),
            full: rules.budgetProblem([1024], rules.OUTBOX_BUDGET),
            fits: rules.budgetProblem([1024, 2048], 0),
            stale: html.indexOf('class="offline-note"') > html.indexOf('<main') && html.indexOf('offline-note') < html.indexOf('<h1>'),
            verdicts: [
                rules.verdict(200, 'application/json', {status: 'created'}),
                rules.verdict(200, 'application/json', {status: 'duplicate'}),
                rules.verdict(422, 'application/json', {status: 'rejected'}),
                rules.verdict(200, 'text/html', null),
                rules.verdict(403, 'text/html; charset=utf-8', null),
                rules.verdict(502, 'application/json', {status: '?'}),
            ],
            companions: rules.companions('/huishoudens/5/'),
        };""",
    )
    assert result == {
        "fresh": False,
        "old": True,
        "shared": False,
        "expired": False,
        "photo": "photo",
        "full": "outbox",
        "fits": None,
        "stale": True,
        "verdicts": ["sent", "sent", "rejected", "wait", "wait", "wait"],
        "companions": ["/huishoudens/5/contact/", "/signalen/nieuw/?household=5"],
    }


def test_encryption_round_trip_with_a_key_that_cannot_be_read_out(units):
    result = run(
        units,
        """const sealed = await crypt.sealJson(key, {name: 'Huishouden Jansen'});
        const again = await crypt.sealJson(key, {name: 'Huishouden Jansen'});
        const other = await crypt.importKey(crypto.getRandomValues(new Uint8Array(32)));
        let exportable = true, wrongKey = 'opened';
        try { await crypto.subtle.exportKey('raw', key); } catch (e) { exportable = false; }
        try { await crypt.openJson(other, sealed); } catch (e) { wrongKey = 'refused'; }
        const text = new TextDecoder().decode(sealed.data);
        return {
            back: (await crypt.openJson(key, sealed)).name, exportable, wrongKey,
            plain: text.includes('Jansen'), freshIv: sealed.iv.join() !== again.iv.join(),
        };""",
    )
    assert result == {
        "back": "Huishouden Jansen",
        "exportable": False,
        "wrongKey": "refused",
        "plain": False,
        "freshIv": True,
    }


def test_cached_pages_per_user_for_12_hours_never_on_a_shared_device(units):
    result = run(
        units,
        """await db.clear('pages');
        const now = Date.now();
        await pages.storePage(me, '/huishoudens/1/', '<main>Jansen</main>', now);
        const read = (await pages.readPage(me, '/huishoudens/1/', now + 3600e3)).html;
        const otherUser = await pages.readPage({...me, user: 8}, '/huishoudens/1/', now);
        await pages.storePage(me, '/huishoudens/1/', '<main>Jansen</main>', now);
        const tooOld = await pages.readPage(me, '/huishoudens/1/', now + 12.5 * 3600e3);
        const storedShared = await pages.storePage({...me, shared: true}, '/huishoudens/2/', '<main>x</main>', now);
        await pages.storePage(me, '/huishoudens/3/', '<main>y</main>', now - 13 * 3600e3);
        await pages.storePage(me, '/huishoudens/4/', '<main>z</main>', now);
        const swept = await pages.sweepPages(now);
        return {read, otherUser, tooOld, storedShared, swept, left: (await db.all('pages')).map((p) => p.url)};""",
    )
    assert result == {
        "read": "<main>Jansen</main>",
        "otherUser": None,
        "tooOld": None,
        "storedShared": False,
        "swept": 1,
        "left": ["/huishoudens/4/"],
    }


def test_session_expiry_and_logout_remove_pages_and_key_but_keep_the_outbox(units):
    result = run(
        units,
        """await db.clear('pages'); await db.clear('outbox');
        await db.put('session', me);
        await pages.storePage(me, '/huishoudens/1/', '<main>Jansen</main>');
        const form = new FormData(); form.append('subject', 'Lift kapot');
        await outbox.enqueue(me, '/huishoudens/1/contact/', form);
        await db.put('session', {...me, expiresAt: Date.now() - 1000});
        const current = await session.currentSession();
        const afterExpiry = {current, pages: (await db.all('pages')).length, outbox: await outbox.count()};
        await db.put('session', me);
        await pages.storePage(me, '/huishoudens/1/', '<main>Jansen</main>');
        await session.endSession();
        const afterLogout = {session: (await db.get('session', 'current')) || null,
                             pages: (await db.all('pages')).length, outbox: await outbox.count()};
        const locked = (await outbox.list(null))[0];
        const mine = (await outbox.list(me))[0];
        return {afterExpiry, afterLogout, locked: [locked.locked, locked.fields === undefined], mine: mine.fields};""",
    )
    assert result == {
        "afterExpiry": {"current": None, "pages": 0, "outbox": 1},
        "afterLogout": {"session": None, "pages": 0, "outbox": 1},
        "locked": [True, True],
        "mine": [["subject", "Lift kapot"]],
    }


def test_a_new_user_gets_a_clean_device_session(units):
    result = run(
        units,
        """await db.clear('pages');
        const raw = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
        const one = await session.startSession({user: 7, key: raw, shared: false, expires_at: new Date(Date.now() + 3600e3).toISOString()});
        await pages.storePage(one, '/huishoudens/1/', '<main>Jansen</main>');
        const two = await session.startSession({user: 8, key: raw, shared: true, expires_at: new Date(Date.now() + 3600e3).toISOString()});
        return {pages: (await db.all('pages')).length, user: two.user, shared: two.shared, canCache: rules.mayCache(two, Date.now())};""",
    )
    assert result == {"pages": 0, "user": 8, "shared": True, "canCache": False}


def test_outbox_sends_in_order_once_keeps_rejections_and_waits_without_a_connection(units):
    result = run(
        units,
        """await db.clear('outbox');
        const photo = new File([new Uint8Array(2048)], 'foto.png', {type: 'image/png'});
        for (const [subject, withPhoto] of [['een', false], ['twee', true], ['drie', false], ['vier', false]]) {
            const form = new FormData();
            form.append('csrfmiddlewaretoken', 'old'); form.append('subject', subject);
            form.append('idempotency_key', 'key-' + subject);
            if (withPhoto) form.append('photos', photo);
            await outbox.enqueue(me, '/huishoudens/1/contact/', form, Date.now());
        }
        const stored = await db.all('outbox');
        const encrypted = !JSON.stringify(stored.map((i) => [...new Uint8Array(i.sealed.data)])).includes('twee');
        const calls = [];
        let down = false;
        const fakeServer = async (url, init) => {
            if (down) throw new TypeError('Failed to fetch');
            const subject = init.body.get('subject');
            calls.push([subject, init.headers['X-Frontlijn-Outbox'], init.headers['X-CSRFToken'],
                        init.body.get('csrfmiddlewaretoken'), init.body.getAll('photos').map((f) => f.size),
                        init.headers['X-Frontlijn-Made-At'] !== undefined]);
            const answer = subject === 'drie' ? {status: 'rejected', errors: {duration_minutes: ['Te kort']}} : {status: 'created'};
            if (subject === 'vier') down = true; // the connection drops after this one
            return new Response(JSON.stringify(answer), {status: subject === 'drie' ? 422 : 200, headers: {'Content-Type': 'application/json'}});
        };
        const first = await outbox.flush(me, 'fresh', fakeServer);
        const left = await outbox.list(me);
        const second = await outbox.flush(me, 'fresh', fakeServer);
        // The connection is gone before anything is sent: the item waits, nothing is lost.
        const form = new FormData(); form.append('subject', 'vijf');
        await outbox.enqueue(me, '/huishoudens/1/contact/', form);
        const third = await outbox.flush(me, 'fresh', fakeServer);
        const tooBig = await outbox.enqueue(me, '/signalen/nieuw/?household=1',
            (() => { const f = new FormData(); f.append('photos', new File([new Uint8Array(rules.PHOTO_BUDGET + 1)], 'groot.jpg')); return f; })());
        const otherUser = await outbox.flush({...me, user: 9}, 'fresh', fakeServer);
        return {encrypted, calls, first, left: left.map((i) => [i.state, i.result]), second, third, tooBig, otherUser,
                count: await outbox.count()};""",
    )
    assert result["encrypted"] is True
    assert result["calls"] == [
        ["een", "1", "fresh", None, [], True],
        ["twee", "1", "fresh", None, [2048], True],
        ["drie", "1", "fresh", None, [], True],
        ["vier", "1", "fresh", None, [], True],
    ]
    assert result["first"] == {"sent": 3, "rejected": 1, "waiting": 0}
    assert result["left"] == [["rejected", {"reason": "", "errors": {"duration_minutes": ["Te kort"]}}]]
    assert result["second"] == {"sent": 0, "rejected": 0, "waiting": 0}  # a rejection is not re-sent by itself
    assert result["third"] == {"sent": 0, "rejected": 0, "waiting": 1}
    assert result["tooBig"] == {"problem": "photo"}
    assert result["otherUser"] == {"sent": 0, "rejected": 0, "waiting": 0}  # another user's items stay locked
    assert result["count"] == 2
