// The outbox: writes made without a connection, encrypted, sent in order, each exactly once.
//
// An item: {id, user, kind, madeAt, state: "pending"|"rejected", sealed, blobs, size, result}
//   sealed = encrypted {url, fields: [[name, value]], files: [{field, name, type}]}
//   blobs  = the photos, each encrypted on its own; result = encrypted {reason, errors}
// The idempotency key is one of the fields: the server stores each key once, so sending an
// item again (a lost answer, a second tab, Background Sync and the page at the same time)
// never stores it twice.
import * as db from "./db.js";
import { openBytes, openJson, sealBytes, sealJson } from "./crypto.js";
import { budgetProblem, verdict, writeKind } from "./rules.js";

const SKIP = new Set(["csrfmiddlewaretoken"]);

export async function waitingBytes() {
  return (await db.all("outbox")).reduce((sum, item) => sum + (item.size || 0), 0);
}

// Put a form submission in the outbox. Returns {id} or {problem: "photo"|"outbox"}.
export async function enqueue(session, url, formData, now = Date.now()) {
  const fields = [];
  const files = [];
  for (const [name, value] of formData.entries()) {
    if (SKIP.has(name)) continue;
    if (typeof value === "string") fields.push([name, value]);
    else if (value && value.size) files.push({ field: name, name: value.name, type: value.type, file: value });
  }
  const sizes = files.map((f) => f.file.size);
  const problem = budgetProblem(sizes, await waitingBytes());
  if (problem) return { problem };
  const blobs = [];
  for (const f of files) blobs.push(await sealBytes(session.key, await f.file.arrayBuffer()));
  const sealed = await sealJson(session.key, {
    url,
    fields,
    files: files.map(({ field, name, type }) => ({ field, name, type })),
  });
  const item = {
    user: session.user,
    kind: writeKind(url),
    madeAt: new Date(now).toISOString(),
    state: "pending",
    sealed,
    blobs,
    size: sizes.reduce((a, b) => a + b, 0),
  };
  const id = await db.add("outbox", item);
  await db.put("meta", { id: "queued", at: now });
  return { id };
}

export async function count() {
  return (await db.all("outbox")).length;
}

// The items, oldest first; those of the session's user decrypted ({locked: true} for others).
export async function list(session) {
  const items = (await db.all("outbox")).sort((a, b) => a.id - b.id);
  const out = [];
  for (const item of items) {
    if (!session || item.user !== session.user) {
      out.push({ id: item.id, kind: item.kind, madeAt: item.madeAt, state: item.state, locked: true });
      continue;
    }
    const body = await openJson(session.key, item.sealed);
    const result = item.result ? await openJson(session.key, item.result) : null;
    out.push({ id: item.id, kind: item.kind, madeAt: item.madeAt, state: item.state, ...body, result });
  }
  return out;
}

// The files of an item as File objects (to send, or to put back into a form).
export async function filesOf(session, item, stored) {
  const files = [];
  for (let i = 0; i < item.files.length; i += 1) {
    const bytes = await openBytes(session.key, stored.blobs[i]);
    const { field, name, type } = item.files[i];
    files.push({ field, file: new File([bytes], name, { type }) });
  }
  return files;
}

export async function discard(id) {
  await db.remove("outbox", id);
}

export async function getItem(session, id) {
  return (await list(session)).find((item) => item.id === id) || null;
}

async function send(session, stored, csrf, fetchFn) {
  const item = await openJson(session.key, stored.sealed);
  const body = new FormData();
  for (const [name, value] of item.fields) body.append(name, value);
  for (const { field, file } of await filesOf(session, item, stored)) body.append(field, file, file.name);
  const response = await fetchFn(item.url, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { "X-CSRFToken": csrf, "X-Frontlijn-Outbox": "1", "X-Frontlijn-Made-At": stored.madeAt },
  });
  let answer = null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("application/json")) answer = await response.json();
  return { outcome: verdict(response.status, type, answer), answer };
}

// Send the session user's pending items in order. Stops at the first "wait" (no connection,
// logged out): order is kept. Returns {sent, rejected, waiting}.
export async function flush(session, csrf, fetchFn = fetch) {
  const result = { sent: 0, rejected: 0, waiting: 0 };
  if (!session) return result;
  const items = (await db.all("outbox")).sort((a, b) => a.id - b.id);
  for (const stored of items) {
    if (stored.user !== session.user || stored.state !== "pending") continue;
    let outcome;
    let answer;
    try {
      ({ outcome, answer } = await send(session, stored, csrf, fetchFn));
    } catch (error) {
      outcome = "wait"; // network error
    }
    if (outcome === "sent") {
      await db.remove("outbox", stored.id);
      result.sent += 1;
    } else if (outcome === "rejected") {
      stored.state = "rejected";
      stored.result = await sealJson(session.key, { reason: answer.reason || "", errors: answer.errors || {} });
      await db.put("outbox", stored);
      result.rejected += 1;
    } else {
      break;
    }
  }
  const left = await db.all("outbox");
  result.waiting = left.filter((i) => i.user === session.user && i.state === "pending").length;
  return result;
}

// One flush at a time per browser (page and service worker share the lock).
export function withLock(fn) {
  if (globalThis.navigator && navigator.locks) return navigator.locks.request("frontlijn-outbox", fn);
  return fn();
}
