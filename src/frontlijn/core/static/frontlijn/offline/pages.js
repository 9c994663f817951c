// Cached pages with resident data, encrypted with the session key; 12 hours at most.
import * as db from "./db.js";
import { openBytes, sealBytes } from "./crypto.js";
import { CACHE_HOURS, isExpired, mayCache, pageKey } from "./rules.js";

export async function storePage(session, url, html, now = Date.now()) {
  if (!mayCache(session, now)) return false;
  const sealed = await sealBytes(session.key, new TextEncoder().encode(html));
  await db.put("pages", { url: pageKey(url), user: session.user, fetchedAt: now, sealed });
  return true;
}

// The page as last seen, or null (not cached, another user's, too old, or no usable key).
export async function readPage(session, url, now = Date.now()) {
  const entry = await db.get("pages", pageKey(url));
  if (!entry) return null;
  if (!session || entry.user !== session.user || isExpired(entry, now, CACHE_HOURS)) {
    await db.remove("pages", entry.url);
    return null;
  }
  const html = new TextDecoder().decode(await openBytes(session.key, entry.sealed));
  return { html, fetchedAt: entry.fetchedAt };
}

// Remove every page older than the limit; returns how many went.
export async function sweepPages(now = Date.now()) {
  let removed = 0;
  for (const entry of await db.all("pages")) {
    if (isExpired(entry, now, CACHE_HOURS)) {
      await db.remove("pages", entry.url);
      removed += 1;
    }
  }
  return removed;
}
