// `node --import tsx scripts/make-upscaled.ts <factor> [count] [out]`: copies of overlay-phi
// images scaled up by an integer factor (nearest neighbour, native explicit VR little endian)
// with their ground truth scaled alike, to measure burned-in text redaction on large images
// (radiographs and scanned films carry annotations many times the size of a 512-px screen's).
// Synthetic: the pixels are blown-up copies, noise included. Then run `deidentify` and `eval`.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDicom } from "../src/io/read/read-file.js";
import { writeDicom } from "../src/io/write/write-file.js";
import { transferSyntax } from "../src/io/transfer-syntax.js";
import { openPixels, readFrame } from "../src/pixels/image.js";
import { setValue } from "../src/dataset/edit.js";
import { tag } from "../src/core/tag.js";
import { SHARED } from "./bench-lib.js";

const factor = Number(process.argv[2]);
const count = Number(process.argv[3] ?? 16);
if (!Number.isInteger(factor) || factor < 1 || !Number.isInteger(count) || count < 1) {
  console.error("usage: make-upscaled.ts <factor: integer >= 1> [count] [out]");
  process.exit(2);
}
if (!SHARED) {
  console.error("../shared/data not found");
  process.exit(2);
}
const source = join(SHARED, "overlay-phi");
const out = process.argv[4] ?? `/tmp/overlay-phi-x${factor}`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const files = readdirSync(source).filter((f) => f.endsWith(".dcm")).sort();
const step = Math.max(1, Math.floor(files.length / count));
let written = 0;
for (let i = 0; i < files.length && written < count; i += step) {
  const name = files[i];
  const file = readDicom(new Uint8Array(readFileSync(join(source, name))));
  const frame = await readFrame(openPixels(file), 0);
  const { rows, columns, samplesPerPixel, bitsAllocated } = frame.format;
  if (samplesPerPixel !== 1 || (bitsAllocated !== 8 && bitsAllocated !== 16)) continue; // grey images only
  const R = rows * factor;
  const C = columns * factor;
  const src = frame.pixels;
  const dst = bitsAllocated === 16 ? new Uint16Array(R * C) : new Uint8Array(R * C);
  for (let y = 0; y < R; y++) {
    const row = Math.floor(y / factor) * columns;
    for (let x = 0; x < C; x++) dst[y * C + x] = Number(src[row + Math.floor(x / factor)]);
  }
  setValue(file.dataset, "Rows", [R]);
  setValue(file.dataset, "Columns", [C]);
  const bytes = new Uint8Array(dst.buffer);
  file.dataset.put({ tag: tag(0x7fe0, 0x0010), vr: bitsAllocated === 16 ? "OW" : "OB", length: bytes.length, offset: -1, value: bytes });
  writeFileSync(join(out, name), writeDicom(file, { transferSyntax: transferSyntax("1.2.840.10008.1.2.1") }));
  const truth = JSON.parse(readFileSync(join(source, name.replace(/\.dcm$/, ".json")), "utf8")) as { annotation: Record<string, { bbox?: number[] } | undefined>[] };
  for (const a of truth.annotation) for (const part of ["key", "value"]) if (a[part]?.bbox) a[part]!.bbox = a[part]!.bbox!.map((v) => v * factor);
  writeFileSync(join(out, name.replace(/\.dcm$/, ".json")), JSON.stringify(truth));
  written++;
}
console.log(`${written} images x${factor} with ground truth in ${out}`);
