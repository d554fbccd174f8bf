// Pixel benchmark: decode and redact throughput per transfer syntax (MP/s) over dicom/codecs
// and dicom/pixel_phi. Redaction of 8,8,40,24 on every frame, in the file's own syntax (lossless
// re-encode with verification, JPEG blocks, native in place, lossy decoded to native).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readDicom } from "../src/io/read/read-file.js";
import { openPixels, readFrame } from "../src/pixels/image.js";
import { redactFile } from "../src/redact/index.js";
import { SHARED } from "./bench-lib.js";
import { listFiles } from "../test/helpers/corpus.js";

/** Runs the pixel benchmark and prints one line per transfer syntax. */
export async function benchPixels(): Promise<void> {
  if (!SHARED) { console.log("pixels: ../shared/data not found; skipped"); return; }
  const files = [...listFiles(join(SHARED, "dicom/codecs")), ...listFiles(join(SHARED, "dicom/pixel_phi"))];
  const per = new Map<string, { name: string; files: number; mp: number; decode: number; redact: number }>();
  for (const p of files) {
    const bytes = new Uint8Array(readFileSync(p));
    const file = readDicom(bytes);
    const src = openPixels(file);
    const mp = (src.format.rows * src.format.columns * src.format.numberOfFrames) / 1e6;
    let t0 = performance.now();
    for (let f = 0; f < src.format.numberOfFrames; f++) await readFrame(src, f);
    const decode = (performance.now() - t0) / 1000;
    const copy = readDicom(bytes);
    t0 = performance.now();
    await redactFile(copy, { rects: [{ x: 8, y: 8, w: 40, h: 24 }] });
    const redact = (performance.now() - t0) / 1000;
    const k = file.transferSyntax.uid;
    const e = per.get(k) ?? { name: file.transferSyntax.name, files: 0, mp: 0, decode: 0, redact: 0 };
    e.files++; e.mp += mp; e.decode += decode; e.redact += redact;
    per.set(k, e);
  }
  console.log(`\n== pixels: ${files.length} files (dicom/codecs + dicom/pixel_phi), decode all frames / redact 8,8,40,24 on all frames ==`);
  console.log(`${"transfer syntax".padEnd(26)} ${"files".padStart(5)} ${"MP".padStart(7)} ${"decode MP/s".padStart(12)} ${"redact MP/s".padStart(12)}  name`);
  for (const [uid, e] of [...per].sort()) {
    console.log(`${uid.padEnd(26)} ${String(e.files).padStart(5)} ${e.mp.toFixed(1).padStart(7)} ${(e.mp / e.decode).toFixed(1).padStart(12)} ${(e.mp / e.redact).toFixed(1).padStart(12)}  ${e.name}`);
  }
}
