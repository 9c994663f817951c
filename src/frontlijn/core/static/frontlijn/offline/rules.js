// The rules of offline use, as plain functions (unit-tested in tests/browser/test_offline_units.py).

export const CACHE_HOURS = 12; // cached pages with resident data live this long on the device
export const PHOTO_BUDGET = 8 * 1024 * 1024; // photos of one outbox item together
export const OUTBOX_BUDGET = 40 * 1024 * 1024; // all photos waiting in the outbox together
export const PREFETCH_LIMIT = 40; // households fetched ahead from a visit round
export const PREFETCH_FRESH_MINUTES = 30; // a page kept less long ago is not fetched ahead again

// Pages kept (encrypted) for offline reading: Mijn dag, a round, a visit, a household, its
// forms, the promise list. Nothing else (no search results, no lists of many households).
const PAGES = [
  /^\/$/,
  /^\/beloftes\/$/,
  /^\/teams\/rondes\/\d+\/$/,
  /^\/teams\/bezoeken\/\d+\/$/,
  /^\/huishoudens\/\d+\/$/,
  /^\/huishoudens\/\d+\/contact\/$/,
  /^\/zaken\/\d+\/$/,
];

// Writes that can wait in the outbox, by kind.
const WRITES = [
  ["contact", /^\/huishoudens\/\d+\/contact\/$/],
  ["signal", /^\/signalen\/nieuw\/$/],
  ["visit", /^\/teams\/bezoeken\/\d+\/$/],
  ["promise-done", /^\/beloftes\/\d+\/nagekomen\/$/],
  ["case-status", /^\/zaken\/\d+\/$/], // a newer version on the server: the conflict flow
];

// "/path/?query" of a URL (absolute or relative), the key of a cached page.
export function pageKey(url) {
  const u = new URL(url, "http://x");
  return u.pathname + u.search;
}

export function cacheablePage(url) {
  const u = new URL(url, "http://x");
  if (u.pathname === "/signalen/nieuw/") {
    return /^\?household=\d+$/.test(u.search); // the signal form of one household
  }
  return u.search === "" && PAGES.some((re) => re.test(u.pathname));
}

export function writeKind(url) {
  const u = new URL(url, "http://x");
  const hit = WRITES.find(([, re]) => re.test(u.pathname));
  return hit ? hit[0] : null;
}

export function isExpired(entry, now, hours = CACHE_HOURS) {
  return !entry || now - entry.fetchedAt > hours * 3600 * 1000;
}

// A session on the device is usable while it has a key and has not expired.
export function sessionUsable(session, now) {
  return Boolean(session && session.key && session.expiresAt > now);
}

// Shared-device sessions never cache resident data.
export function mayCache(session, now) {
  return sessionUsable(session, now) && !session.shared;
}

// Pages that go with a household page: its contact form and its signal form.
export function companions(url) {
  const match = /^\/huishoudens\/(\d+)\/$/.exec(new URL(url, "http://x").pathname);
  return match ? [`/huishoudens/${match[1]}/contact/`, `/signalen/nieuw/?household=${match[1]}`] : [];
}

// Where to go after a write was queued offline: back to the household where possible.
export function nextAfterQueue(kind, url, fields) {
  const u = new URL(url, "http://x");
  const own = /^\/huishoudens\/(\d+)\//.exec(u.pathname);
  if (kind === "contact" && own) return `/huishoudens/${own[1]}/`;
  const household = u.searchParams.get("household");
  if (kind === "signal" && /^\d+$/.test(household || "")) return `/huishoudens/${household}/`;
  const next = fields && fields.next;
  if (kind === "case-status") return u.pathname;
  if (kind === "promise-done" && typeof next === "string" && next.startsWith("/") && !next.startsWith("//")) {
    return next;
  }
  return "/offline/";
}

// Photo sizes of a new item against the budgets; returns null or the reason it does not fit.
export function budgetProblem(newSizes, waitingBytes) {
  const total = newSizes.reduce((a, b) => a + b, 0);
  if (total > PHOTO_BUDGET) return "photo";
  if (total + waitingBytes > OUTBOX_BUDGET) return "outbox";
  return null;
}

// A cached page as served offline: a note with the time it was fetched, right inside <main>.
export function markStale(html, fetchedAt) {
  const note = `<p class="offline-note" role="status" data-fetched-at="${new Date(fetchedAt).toISOString()}"></p>`;
  const at = html.search(/<main[^>]*>/);
  if (at < 0) return html;
  const end = html.indexOf(">", at) + 1;
  return html.slice(0, end) + note + html.slice(end);
}

// What the server answered to a replayed write -> what the outbox does with the item.
export function verdict(status, contentType, body) {
  if (!String(contentType || "").includes("application/json") || !body) return "wait"; // login, CSRF
  if (body.status === "created" || body.status === "duplicate") return "sent";
  if (body.status === "rejected") return "rejected";
  return status >= 500 ? "wait" : "rejected";
}
