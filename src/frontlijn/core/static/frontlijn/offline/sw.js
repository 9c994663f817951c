// Frontlijn's service worker (served at /sw.js by frontlijn.core.offline, scope "/").
// Version __VERSION__ (a hash of the offline modules: a change installs a new worker).
//
// * The app shell (CSS, JS, icons, the /offline/ page) lives in Cache Storage: no personal data.
// * Pages with resident data: network first; a copy of the allowed ones (rules.js) is kept
//   encrypted in IndexedDB for 12 hours and shown, marked with its time, when offline.
// * A write to an outbox URL that cannot reach the server goes into the outbox (outbox.js)
//   and is sent later: Background Sync where the browser has it, else app.js on the next
//   online event or page load.
import * as rules from "__OFFLINE_STATIC__rules.js";
import { currentSession, endSession, fetchSession } from "__OFFLINE_STATIC__session.js";
import { readPage, storePage, sweepPages } from "__OFFLINE_STATIC__pages.js";
import { enqueue, flush, withLock } from "__OFFLINE_STATIC__outbox.js";

const SHELL = "frontlijn-shell-__VERSION__";
const SHELL_PAGES = ["/offline/", "/manifest.webmanifest"];
const SYNC_TAG = "frontlijn-outbox";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await cache.addAll(SHELL_PAGES);
    // The static files the offline page uses (their names may carry a content hash).
    const html = await (await cache.match("/offline/")).text();
    const assets = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
    await cache.addAll([...new Set(assets)]);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("frontlijn-shell-") && name !== SHELL) await caches.delete(name);
    }
    await sweepPages();
    await self.clients.claim();
  })());
});

// Static files: from the shell cache at once, refreshed from the network behind the scenes.
async function fromShell(event) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(event.request);
  const refresh = fetch(event.request).then(async (response) => {
    if (response.ok) await cache.put(event.request, response.clone());
    return response;
  });
  if (hit) {
    event.waitUntil(refresh.catch(() => null));
    return hit;
  }
  return refresh;
}

// The offline page and the manifest: the network first, the shell copy without a connection.
async function networkThenShell(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(new URL(request.url).pathname, response.clone());
    return response;
  } catch (error) {
    return (await cache.match(new URL(request.url).pathname)) || Response.error();
  }
}

async function offlineFallback() {
  const cache = await caches.open(SHELL);
  return (await cache.match("/offline/")) || new Response("offline", { status: 503 });
}

// A page: from the network (keeping an encrypted copy when allowed), else the copy.
async function page(request) {
  const url = new URL(request.url);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const session = await currentSession();
    const copy = session && rules.cacheablePage(url.href) ? await readPage(session, url.href) : null;
    if (copy) {
      return new Response(rules.markStale(copy.html, copy.fetchedAt), {
        headers: { "Content-Type": "text/html; charset=utf-8", "X-Frontlijn-Cached-At": String(copy.fetchedAt) },
      });
    }
    return offlineFallback();
  }
  if (new URL(response.url || request.url).pathname.startsWith("/accounts/login/")) {
    await endSession(); // logged out or the session expired: the cached households go
  } else if (response.ok && !response.redirected && response.type === "basic" && rules.cacheablePage(url.href)) {
    // Right after login the device has no key yet: ask for it (same session cookie as this page).
    const session = (await currentSession()) || (await fetchSession().catch(() => null))?.session;
    if (session && rules.mayCache(session, Date.now())) {
      await storePage(session, url.href, await response.clone().text());
    }
  }
  return response;
}

// A write: to the server; when it cannot be reached, into the outbox.
async function write(request) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {
    const session = await currentSession();
    if (!session) return offlineFallback();
    const form = await copy.formData();
    const queued = await enqueue(session, copy.url, form);
    if (queued.problem) return Response.redirect(`/offline/?te-groot=${queued.problem}`, 303);
    if (self.registration.sync) {
      try { await self.registration.sync.register(SYNC_TAG); } catch (e) { /* not allowed: app.js retries */ }
    }
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
    return Response.redirect(rules.nextAfterQueue(rules.writeKind(copy.url), copy.url, fields), 303);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST") {
    if (url.pathname === "/accounts/logout/") {
      event.respondWith(endSession().then(() => fetch(request)));
    } else if (rules.writeKind(url.href)) {
      event.respondWith(write(request));
    }
    return;
  }
  if (request.method !== "GET") return;
  if (SHELL_PAGES.includes(url.pathname)) {
    event.respondWith(networkThenShell(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(fromShell(event));
  } else if (request.mode === "navigate" || request.headers.get("X-Frontlijn-Prefetch") === "1") {
    event.respondWith(page(request));
  }
});

async function syncNow() {
  return withLock(async () => {
    const fresh = await fetchSession(); // needs the connection and a live session
    if (!fresh) return;
    await flush(fresh.session, fresh.csrf);
  });
}

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC_TAG) event.waitUntil(syncNow());
});

self.addEventListener("message", (event) => {
  if (event.data === "sweep") event.waitUntil(sweepPages());
});
