// A small promise wrapper around IndexedDB: one database with four stores.
//   session  {id: "current", user, key: CryptoKey (non-extractable), shared, expiresAt}
//   pages    {url, user, fetchedAt, sealed}           cached pages, encrypted (pages.js)
//   outbox   {id (auto), user, kind, madeAt, state, sealed, blobs, result}  (outbox.js)
//   meta     {id, ...}                                  small flags (e.g. the last queued write)
const NAME = "frontlijn-offline";
const VERSION = 1;
let opening = null;

export function openDb() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore("session", { keyPath: "id" });
        db.createObjectStore("pages", { keyPath: "url" });
        db.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
        db.createObjectStore("meta", { keyPath: "id" });
      };
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      request.onerror = () => { opening = null; reject(request.error); };
    });
  }
  return opening;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(name, mode) {
  const db = await openDb();
  return db.transaction(name, mode).objectStore(name);
}

export async function get(name, key) { return done((await store(name, "readonly")).get(key)); }
export async function all(name) { return done((await store(name, "readonly")).getAll()); }
export async function put(name, value) { return done((await store(name, "readwrite")).put(value)); }
export async function add(name, value) { return done((await store(name, "readwrite")).add(value)); }
export async function remove(name, key) { return done((await store(name, "readwrite")).delete(key)); }
export async function clear(name) { return done((await store(name, "readwrite")).clear()); }
