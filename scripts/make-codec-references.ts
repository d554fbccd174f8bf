// Decodes every file of ../shared/data/dicom/{codecs,pixel_phi} with dicom-deid's codecs,
// compares each frame with dcmtk / GDCM, and prints a table (markdown). With --write it also
// stores SHA-256 digests of the reference frames in test/pixels/fixtures/codec-references.json,
// so the tests can check lossless decodes exactly where dcmtk and GDCM are not installed.
// Usage: node --import tsx scripts/make-codec-references.ts [--write]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { codecFor, registerBuiltInCodecs } from "../src/pixels/codecs/index.js";
import { frameFragments, joinFragments } from "../src/pixels/fragments.js";
import type { PixelArray } from "../src/pixels/format.js";
import { scanDicom } from "../test/pixels/helpers/dicom-scan.js";
import { DATA_DIR, codecTestFiles, maxAbsDiff, referenceFrames } from "../test/pixels/helpers/reference.js";
import { frameDigest } from "../test/pixels/helpers/verify.js";

async function main(): Promise<void> {
  if (!DATA_DIR) throw new Error("../shared/data/dicom not found");
  registerBuiltInCodecs();
  const write = process.argv.includes("--write");
  const fixture: Record<string, { transferSyntax: string; tool: string; frames: string[]; maxDiff: number }> = {};
  console.log("| file | syntax | codec | reference | frames | result | decode ms/frame |");
  console.log("|---|---|---|---|---|---|---|");
  for (const { file, transferSyntax: ts } of codecTestFiles()) {
    const scan = scanDicom(new Uint8Array(readFileSync(join(DATA_DIR, file))));
    if (!scan.encapsulated) continue;
    let codecName = "-";
    let result: string;
    let ms = "-";
    let refTool = "-";
    try {
      const codec = codecFor(ts);
      codecName = codec.name;
      const groups = frameFragments(scan.encapsulated, { numberOfFrames: scan.format.numberOfFrames, transferSyntaxUid: ts });
      const t0 = performance.now();
      const decoded: PixelArray[] = [];
      for (const g of groups) decoded.push((await codec.decode(joinFragments(scan.encapsulated, g), scan.format)).pixels);
      ms = ((performance.now() - t0) / groups.length).toFixed(1);
      const ref = referenceFrames(file, ts);
      if (!ref) result = "no reference tool";
      else {
        refTool = ref.tool;
        const diff = Math.max(...decoded.map((d, k) => maxAbsDiff(d, ref.frames[k] ?? [])));
        result = diff === 0 ? "exact" : `maxdiff ${diff}`;
        fixture[file] = { transferSyntax: ts, tool: ref.tool, frames: ref.frames.map(frameDigest), maxDiff: diff };
      }
    } catch (e) {
      result = `error: ${e instanceof Error ? e.message : String(e)}`;
    }
    console.log(`| ${file} | ${ts} | ${codecName} | ${refTool} | ${scan.format.numberOfFrames} | ${result} | ${ms} |`);
  }
  if (write) {
    const out = join(import.meta.dirname, "..", "test", "pixels", "fixtures", "codec-references.json");
    writeFileSync(out, JSON.stringify(fixture, null, 1) + "\n");
    console.error(`wrote ${out}`);
  }
}

await main();
