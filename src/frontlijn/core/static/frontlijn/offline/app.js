// Page side of offline use (docs/offline.md): registers the service worker, keeps the device's
// session in step with the server's, gives every create form a fresh idempotency key, shows
// what is waiting ("nog niet verzonden") and sends it when the connection is back.
import * as db from "./db.js";
import * as outbox from "./outbox.js";
import { readPage } from "./pages.js";
import { companions, mayCache, PREFETCH_FRESH_MINUTES, PREFETCH_LIMIT } from "./rules.js";
import { currentSession, endSession, fetchSession } from "./session.js";

const body = document.body;
const strings = () => (document.getElementById("offline-strings") || {}).dataset || {};
const fromCache = () => Boolean(document.querySelector(".offline-note[data-fetched-at]"));
let csrf = null;
const PREFETCH_DELAY_MS = 1000;

function say(text, kind = "info") {
  const main = document.getElementById("main");
  if (!main || !text) return;
  const p = document.createElement("p");
  p.className = `msg msg-${kind} offline-msg`;
  p.setAttribute("role", "status");
  p.textContent = text;
  main.prepend(p);
}

function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

// A form that opens afresh (not a re-shown form with errors, not the back button's copy) gets a
// new idempotency key made here, and "when" set to the phone's own time.
function prepareForms(persisted) {
  for (const form of document.querySelectorAll("form")) {
    const keyInput = form.querySelector("input[data-idempotency-key]");
    if (!keyInput || persisted) continue;
    const reShown = form.querySelector(".errorlist, .errors, [aria-invalid='true']");
    if (reShown && keyInput.value) continue;
    keyInput.value = crypto.randomUUID();
    const when = form.querySelector("input[name='occurred_at'][type='datetime-local']");
    if (form.dataset.offline && when && !reShown) when.value = localInputValue(new Date());
  }
}

async function showCount() {
  const status = document.getElementById("outbox-status");
  if (!status) return 0;
  const n = await outbox.count();
  status.querySelector("[data-outbox-count]").textContent = String(n);
  status.hidden = n === 0;
  return n;
}

function showFetchedAt() {
  for (const note of document.querySelectorAll(".offline-note[data-fetched-at]")) {
    const at = new Date(note.dataset.fetchedAt);
    note.textContent = `${strings().fetched} ${at.toLocaleString(document.documentElement.lang || "nl")}`;
  }
}

// Keep the device session in step with the page: same user, expiry, shared device or not.
async function syncSession() {
  const user = body.dataset.user ? Number(body.dataset.user) : null;
  if (location.pathname.startsWith("/accounts/login/")) {
    await endSession();
    return null;
  }
  if (!user || fromCache()) return currentSession();
  let session = await db.get("session", "current");
  if (!session || session.user !== user || !session.key) {
    const fresh = await fetchSession().catch(() => null);
    if (!fresh) return null;
    csrf = fresh.csrf;
    return fresh.session;
  }
  session = { ...session, expiresAt: Date.parse(body.dataset.sessionExpires) || session.expiresAt };
  session.shared = session.shared || body.dataset.sharedDevice === "1";
  await db.put("session", session);
  return session;
}

// Send what waits; true when the server was reached (or nothing waits).
async function sendWaiting() {
  if ((await outbox.count()) === 0) return true;
  const reached = await outbox.withLock(async () => {
    const fresh = await fetchSession().catch(() => null);
    if (!fresh) return false;
    csrf = fresh.csrf;
    const result = await outbox.flush(fresh.session, csrf);
    if (result.sent && !result.waiting) say(strings().sent, "success");
    if (result.sent || result.rejected) await renderOutbox(fresh.session);
    return true;
  });
  await showCount();
  return reached;
}

// The connection is back (the 'online' event): the first requests may still fail while the
// phone settles on a network, so try a few times.
async function sendWhenBack() {
  for (const pause of [0, 1000, 2000, 4000, 8000]) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    if (await sendWaiting().catch(() => false)) return;
  }
}

// Fetch ahead what the day's round needs: its visits, their households and those forms.
// Starts a moment after the page loaded and stops when the page is left, so that fetching ahead
// never races a logout or a quick next step (a late answer would set cookies of the old session).
async function prefetch(session, signal) {
  if (!mayCache(session, Date.now()) || fromCache() || !navigator.serviceWorker?.controller) return;
  const get = async (url) => {
    const copy = await readPage(session, url).catch(() => null);
    if (copy && Date.now() - copy.fetchedAt < PREFETCH_FRESH_MINUTES * 60000) return copy.html; // fresh enough
    const response = await fetch(url, {
      headers: { "X-Frontlijn-Prefetch": "1" },
      credentials: "same-origin",
      redirect: "manual", // a reason step or the login page is not fetched ahead (nor its CSRF cookie)
      signal,
    });
    return response.ok ? response.text() : "";
  };
  const path = location.pathname;
  const urls = new Set(companions(path));
  for (const a of document.querySelectorAll("a[data-offline-prefetch]")) urls.add(new URL(a.href).pathname);
  if (/^\/teams\/rondes\/\d+\/$/.test(path)) {
    const visits = [...document.querySelectorAll("#h-mine ~ ul a[href^='/teams/bezoeken/']")].slice(0, PREFETCH_LIMIT);
    for (const a of visits) {
      const html = await get(a.getAttribute("href"));
      const household = /href="(\/huishoudens\/\d+\/)"/.exec(html);
      if (household) {
        await get(household[1]);
        for (const url of companions(household[1])) await get(url);
      }
    }
  }
  for (const url of urls) await get(url);
}

// The list of what is waiting (on /offline/): text kept, rejections with their reasons.
async function renderOutbox(session) {
  const list = document.getElementById("outbox-list");
  if (!list) return;
  const s = strings();
  list.replaceChildren();
  const items = await outbox.list(session);
  if (!items.length) {
    const li = document.createElement("li");
    li.textContent = s.none;
    list.append(li);
  }
  for (const item of items) {
    const li = document.createElement("li");
    li.className = `card outbox-item ${item.state}`;
    li.dataset.outboxId = String(item.id);
    const head = document.createElement("p");
    const made = new Date(item.madeAt).toLocaleString(document.documentElement.lang || "nl");
    head.innerHTML = "<strong></strong> <span class='meta'></span>";
    head.querySelector("strong").textContent = item.state === "rejected" ? s.rejected : s.waiting;
    head.querySelector(".meta").textContent = `${s.made} ${made}`;
    li.append(head);
    if (item.locked) {
      const p = document.createElement("p");
      p.textContent = s.locked;
      li.append(p);
      list.append(li);
      continue;
    }
    if (item.result) {
      const why = document.createElement("div");
      why.className = "errors";
      const lines = [item.result.reason, ...Object.values(item.result.errors || {}).flat()].filter(Boolean);
      for (const line of lines) {
        const p = document.createElement("p");
        p.textContent = line;
        why.append(p);
      }
      li.append(why);
    }
    const text = document.createElement("p");
    text.className = "outbox-text";
    text.textContent = item.fields
      .filter(([name, value]) => value && !["idempotency_key", "next", "csrfmiddlewaretoken"].includes(name))
      .filter(([name]) => /note|subject|text|description/.test(name))
      .map(([, value]) => value)
      .join(" · ");
    li.append(text);
    const row = document.createElement("div");
    row.className = "row";
    if (item.state === "rejected" && item.kind !== "promise-done") {
      const edit = document.createElement("a");
      edit.className = "button small";
      edit.href = `${item.url.replace(/^https?:\/\/[^/]+/, "")}#outbox-${item.id}`;
      edit.textContent = s.edit;
      row.append(edit);
    }
    if (item.state === "rejected") {
      const bin = document.createElement("button");
      bin.type = "button";
      bin.className = "small secondary";
      bin.textContent = s.discard;
      bin.addEventListener("click", async () => {
        if (!bin.dataset.sure) {
          bin.dataset.sure = "1";
          bin.textContent = s.discardConfirm;
          return;
        }
        await outbox.discard(item.id);
        await renderOutbox(session);
        await showCount();
      });
      row.append(bin);
    }
    li.append(row);
    list.append(li);
  }
}

// "Opnieuw invullen": put a rejected item's fields (and photos) back into its form.
async function refill(session) {
  const match = /^#outbox-(\d+)$/.exec(location.hash);
  if (!match || !session) return;
  const id = Number(match[1]);
  history.replaceState(null, "", location.pathname + location.search); // not carried into the next page
  const item = await outbox.getItem(session, id);
  const form = document.querySelector("form[data-offline]");
  if (!item || !form) return;
  for (const el of form.querySelectorAll("input[type=checkbox], input[type=radio]")) el.checked = false;
  for (const [name, value] of item.fields) {
    for (const el of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.value === value) el.checked = true;
      } else if (el.type !== "file" && name !== "csrfmiddlewaretoken") {
        el.value = value;
      }
    }
  }
  const stored = await db.get("outbox", id);
  const files = await outbox.filesOf(session, item, stored);
  for (const { field, file } of files) {
    const input = form.querySelector(`input[type=file][name="${CSS.escape(field)}"]`);
    if (!input) continue;
    const transfer = new DataTransfer();
    for (const f of input.files) transfer.items.add(f);
    transfer.items.add(file);
    input.files = transfer.files;
  }
  say(strings().refilled);
  // Once sent again (to the server, or back into the outbox), the old item has done its work.
  form.addEventListener("submit", () => { outbox.discard(id); }, { once: true });
}

// Logging out with something waiting: say so first; the second click logs out.
function guardLogout() {
  const form = document.querySelector("form[action='/accounts/logout/']");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    if (form.dataset.ready) return;
    event.preventDefault();
    const n = await outbox.count();
    if (n && !form.dataset.warned) {
      form.dataset.warned = "1";
      const warning = document.createElement("p");
      warning.className = "msg msg-warning";
      warning.setAttribute("role", "alert");
      warning.textContent = strings().logoutWarning;
      form.prepend(warning);
      form.querySelector("button").textContent = strings().logoutAgain;
      return;
    }
    await endSession(); // the cached households go before the server forgets the session
    form.dataset.ready = "1";
    form.submit();
  });
}

async function start(persisted) {
  prepareForms(persisted);
  showFetchedAt();
  guardLogout();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" }).catch((e) => console.warn(e));
  }
  const session = await syncSession();
  await showCount();
  const queued = await db.get("meta", "queued");
  if (queued && Date.now() - queued.at < 60000) {
    await db.remove("meta", "queued");
    say(strings().queued, "warning");
  }
  if (body.dataset.offlinePage) {
    const note = document.getElementById("offline-note");
    if (note) note.hidden = location.pathname === "/offline/";
    if (new URLSearchParams(location.search).has("te-groot")) say(strings().photoBudget, "error");
    await renderOutbox(session);
  }
  await refill(session);
  if (!fromCache()) await sendWaiting();
  if (session) {
    const stop = new AbortController();
    window.addEventListener("pagehide", () => stop.abort(), { once: true });
    setTimeout(() => prefetch(session, stop.signal).catch(() => null), PREFETCH_DELAY_MS);
  }
}

window.addEventListener("online", () => { sendWhenBack(); });
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") sendWaiting().catch((e) => console.warn(e));
});
setInterval(() => { sendWaiting().catch((e) => console.warn(e)); }, 30000);
window.addEventListener("pageshow", (event) => {
  if (event.persisted) prepareForms(true);
});
start(false).catch((error) => console.warn("frontlijn offline:", error));
