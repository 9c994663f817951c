// The device's view of the login: which user, their key, shared device or not, until when.
import * as db from "./db.js";
import { base64ToBytes, importKey } from "./crypto.js";
import { sessionUsable } from "./rules.js";

export async function currentSession(now = Date.now()) {
  const session = await db.get("session", "current");
  if (session && !sessionUsable(session, now)) {
    await endSession(); // expired: cached households go, the outbox stays
    return null;
  }
  return session || null;
}

// Logout, session expiry or another user: remove the key and every cached page.
// The outbox is NOT touched: unsent items stay encrypted until the same user logs in again.
export async function endSession() {
  await db.remove("session", "current");
  await db.clear("pages");
}

// Start (or refresh) the session from the server's answer at /apparaat/sleutel/.
export async function startSession(answer) {
  const previous = await db.get("session", "current");
  if (previous && previous.user !== answer.user) await endSession();
  const key = previous && previous.user === answer.user && previous.key
    ? previous.key
    : await importKey(base64ToBytes(answer.key));
  const session = {
    id: "current",
    user: answer.user,
    key,
    shared: Boolean(answer.shared),
    expiresAt: Date.parse(answer.expires_at),
  };
  await db.put("session", session);
  return session;
}

// Ask the server for the key (needs the connection and a live session); null when logged out.
export async function fetchSession(fetchFn = fetch) {
  // redirect "manual": without a session the answer is a redirect to the login page, which is
  // not followed (following it would set a new CSRF cookie under a login form being filled in).
  const response = await fetchFn("/apparaat/sleutel/", {
    credentials: "same-origin",
    cache: "no-store",
    redirect: "manual",
  });
  if (!response.ok || !(response.headers.get("content-type") || "").includes("application/json")) return null;
  const answer = await response.json();
  return { session: await startSession(answer), csrf: answer.csrf };
}
