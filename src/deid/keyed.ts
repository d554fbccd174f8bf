import { createHmac, randomBytes } from "node:crypto";

/** A secret for keyed, deterministic pseudonyms, UIDs and date offsets (never Math.random). */
export interface Secret {
  key: Uint8Array;
  /** True when the secret was made up for this run (remapping will not match later runs). */
  ephemeral: boolean;
}

/** A secret from text (a passphrase or key file contents). */
export function secretFromText(text: string): Secret {
  return { key: new TextEncoder().encode(text.trim()), ephemeral: false };
}

/** A random secret for this run only. */
export function ephemeralSecret(): Secret {
  return { key: new Uint8Array(randomBytes(32)), ephemeral: true };
}

/** HMAC-SHA256 of a domain-separated message under the secret. */
export function hmac(secret: Secret, domain: string, message: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", secret.key).update(domain).update("\0").update(message).digest());
}

/** The first 16 bytes of a keyed hash as an unsigned 128-bit integer. */
export function hmac128(secret: Secret, domain: string, message: string): bigint {
  const h = hmac(secret, domain, message);
  let n = 0n;
  for (let i = 0; i < 16; i++) n = (n << 8n) | BigInt(h[i]);
  return n;
}

/** A keyed integer in [0, n). */
export function hmacInt(secret: Secret, domain: string, message: string, n: number): number {
  return Number(hmac128(secret, domain, message) % BigInt(n));
}
