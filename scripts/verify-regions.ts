// Acceptance check for `deidentify --redact-region X,Y,W,H`: for every input under <in> and
// its output under <out>, decode every frame of both and check that the rectangle is filled
// (one value per component) and every pixel outside is unchanged (outside the affected 16x16
// blocks plus a 1-pixel chroma ring for JPEG baseline/extended, the DCT-domain method), and
// that lossless transfer syntaxes are kept.
// Usage: node --import tsx scripts/verify-regions.ts <in> <out> [x,y,w,h]
import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { readDicom } from "../src/io/read/read-file.js";
import { openPixels, readFrame } from "../src/pixels/image.js";
import { listFiles } from "../test/helpers/corpus.js";

const [inDir, outDir, rectText = "8,8,40,24"] = process.argv.slice(2);
const [rx, ry, rw, rh] = rectText.split(",").map(Number);
let pass = 0;
const fails: string[] = [];
for (const p of listFiles(inDir)) {
  const rel = relative(inDir, p);
  const q = join(outDir, rel);
  if (!existsSync(q)) { fails.push(`${rel}: no output`); continue; }
  const a = readDicom(new Uint8Array(readFileSync(p)));
  const b = readDicom(new Uint8Array(readFileSync(q)));
  const sa = openPixels(a);
  const sb = openPixels(b);
  const jpegDct = ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"].includes(b.transferSyntax.uid);
  if (!a.transferSyntax.lossy && a.transferSyntax.uid !== b.transferSyntax.uid) fails.push(`${rel}: lossless syntax changed`);
  const { rows, columns } = sa.format;
  const x0 = Math.max(0, rx), y0 = Math.max(0, ry), x1 = Math.min(columns, rx + rw), y1 = Math.min(rows, ry + rh);
  // The area a redaction may change: the rectangle, or for JPEG the 16x16 blocks it touches plus a 1-pixel ring.
  const g = jpegDct ? 16 : 1;
  const ring = jpegDct ? 1 : 0;
  const ax0 = Math.floor(x0 / g) * g - ring, ay0 = Math.floor(y0 / g) * g - ring;
  const ax1 = Math.ceil(x1 / g) * g + ring, ay1 = Math.ceil(y1 / g) * g + ring;
  let ok = true;
  for (let f = 0; f < sa.format.numberOfFrames && ok; f++) {
    const fa = await readFrame(sa, f);
    const fb = await readFrame(sb, f);
    const spp = fa.format.samplesPerPixel;
    if (fb.pixels.length !== fa.pixels.length) { fails.push(`${rel}: frame ${f} size differs`); ok = false; break; }
    const inside: number[][] = Array.from({ length: spp }, () => []);
    for (let y = 0; y < rows && ok; y++) {
      for (let x = 0; x < columns; x++) {
        const inRect = x >= x0 && x < x1 && y >= y0 && y < y1;
        // Colour JPEG: decoders' chroma upsampling bleeds 1 pixel from unfilled neighbours into the filled blocks.
        const edge = jpegDct && spp === 3 && (x === x0 || x === x1 - 1 || y === y0 || y === y1 - 1);
        const inArea = x >= ax0 && x < ax1 && y >= ay0 && y < ay1;
        for (let c = 0; c < spp; c++) {
          const i = (y * columns + x) * spp + c;
          if (inRect && !edge) inside[c].push(Number(fb.pixels[i]));
          else if (inRect) continue;
          else if (!inArea && fa.pixels[i] !== fb.pixels[i]) { fails.push(`${rel}: frame ${f} changed outside at ${x},${y}`); ok = false; break; }
        }
        if (!ok) break;
      }
    }
    if (!ok) break;
    // Inside: one value per component (the JPEG DCT method may differ by a level or two at block edges inside).
    for (const vals of inside) {
      if (!vals.length) continue;
      const spread = Math.max(...vals) - Math.min(...vals);
      if (spread > (jpegDct ? 4 : 0)) { fails.push(`${rel}: frame ${f} not filled (spread ${spread})`); ok = false; break; }
    }
  }
  if (ok) pass++;
}
console.log(`verify-regions: ${pass} passed, ${fails.length} failed`);
for (const f of fails) console.log("  " + f);
process.exitCode = fails.length ? 1 : 0;
