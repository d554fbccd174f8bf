// Checks an output tree against its input: every output not marked 113101 (no pixel redaction)
// must hold byte-identical pixel data (PixelData, FloatPixelData or DoubleFloatPixelData; element
// header included, so a changed transfer syntax or length counts as a change).
// Usage: node --import tsx scripts/verify-pixels-kept.ts <input-dir> <output-dir>
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readDicom, type DicomFile } from "../src/io/read/read-file.js";
import { getText } from "../src/dataset/values.js";
import { tag } from "../src/core/tag.js";

const [inDir, outDir] = process.argv.slice(2);
if (!inDir || !outDir) {
  console.error("usage: verify-pixels-kept.ts <input-dir> <output-dir>");
  process.exit(2);
}
const pixels = (f: DicomFile) => [0x10, 0x08, 0x09].map((e) => f.dataset.get(tag(0x7fe0, e))?.raw).find((r) => r);
const same = (a?: Uint8Array, b?: Uint8Array) => !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);
let redacted = 0;
let kept = 0;
let changed = 0;
let none = 0;
for (const rel of readdirSync(inDir, { recursive: true }).map(String).filter((p) => p.endsWith(".dcm")).sort()) {
  if (!existsSync(join(outDir, rel))) continue;
  const a = readDicom(new Uint8Array(readFileSync(join(inDir, rel))), { lenient: true });
  const b = readDicom(new Uint8Array(readFileSync(join(outDir, rel))), { lenient: true });
  const codes = (b.dataset.get(tag(0x12, 0x64))?.items ?? []).map((i) => getText(i.dataset, tag(0x08, 0x100)));
  if (codes.includes("113101")) redacted++;
  else if (!pixels(a) && !pixels(b)) none++;
  else if (same(pixels(a), pixels(b))) kept++;
  else { changed++; console.log(`pixel data changed without 113101: file #${redacted + kept + changed}`); }
}
console.log(`redacted (113101): ${redacted}; nothing redacted and pixel data identical: ${kept}; no pixel data: ${none}; changed without 113101: ${changed}`);
process.exitCode = changed ? 1 : 0;
