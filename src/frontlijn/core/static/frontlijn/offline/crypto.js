// Encryption at rest with Web Crypto (AES-GCM, 256-bit key, a fresh 96-bit IV per record).
// The key comes from the server per user (/apparaat/sleutel/) and is imported NON-extractable:
// scripts can use it while the session lasts, but cannot read it out. It is deleted at logout,
// at session expiry and when another user logs in (session.js); see docs/offline.md.
const ALGORITHM = { name: "AES-GCM", length: 256 };

export function base64ToBytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function importKey(rawBytes) {
  return crypto.subtle.importKey("raw", rawBytes, ALGORITHM, false, ["encrypt", "decrypt"]);
}

// Bytes (ArrayBuffer or view) -> {iv, data}.
export async function sealBytes(key, bytes) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, bytes);
  return { iv, data };
}

export function openBytes(key, sealed) {
  return crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.data);
}

// Any JSON value -> {iv, data}; openJson reverses it (and fails on a wrong key or tampering).
export function sealJson(key, value) {
  return sealBytes(key, new TextEncoder().encode(JSON.stringify(value)));
}

export async function openJson(key, sealed) {
  return JSON.parse(new TextDecoder().decode(await openBytes(key, sealed)));
}
