import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Bytes from annotated hex: whitespace ignored, `#` starts a comment to the end of the line. */
export function hex(text: string): Uint8Array {
  const clean = text.split("\n").map((l) => l.replace(/#.*$/, "")).join("").replace(/\s+/g, "");
  if (clean.length % 2) throw new Error("odd number of hex digits");
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** ASCII text as bytes (for string values in hex fixtures). */
export function ascii(text: string): string {
  return Array.from(text, (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join(" ");
}

/** Path of a bundled fixture. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** Bytes of a bundled fixture. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixture(name)));
}

/** The shared data folder (../shared/data beside the repo), or undefined when absent. */
export const SHARED_DATA: string | undefined = (() => {
  const p = fileURLToPath(new URL("../../../shared/data", import.meta.url));
  return existsSync(p) ? p : undefined;
})();

/** Byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
