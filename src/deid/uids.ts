import { hmac128, type Secret } from "./keyed.js";

/** PS3.5 9.1: UIDs rooted at the DICOM root name classes, syntaxes and other well-known things. */
export function isWellKnownUid(uid: string): boolean {
  return uid.startsWith("1.2.840.10008.");
}

/**
 * Maps a UID to "2.25.<decimal>" from a keyed hash of the original (PS3.5 B.2 UUID-derived
 * form, 128 bits), so the same input UID gives the same output in every file and run with
 * the same secret. Well-known UIDs are kept.
 */
export function remapUid(uid: string, secret: Secret): string {
  const u = uid.replace(/[\0 ]+$/, "").trim();
  if (u === "" || isWellKnownUid(u)) return u;
  let cache = remapped.get(secret);
  if (!cache) remapped.set(secret, (cache = new Map()));
  const hit = cache.get(u);
  if (hit !== undefined) return hit;
  // Clear the top bits like a UUID variant so the value stays well under 39 digits.
  const n = hmac128(secret, "uid", u) & ((1n << 126n) - 1n);
  const out = `2.25.${n.toString(10)}`;
  if (cache.size >= REMAP_CACHE_SIZE) cache.clear();
  cache.set(u, out);
  return out;
}

/**
 * Remapped UIDs per secret: the study, series and frame of reference UIDs recur in every file of
 * a series, so most lookups skip the HMAC. Bounded; in memory only.
 */
const remapped = new WeakMap<Secret, Map<string, string>>();
const REMAP_CACHE_SIZE = 65536;
