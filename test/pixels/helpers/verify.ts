// Test-only: decodes the corpus files of some transfer syntaxes and compares every frame with
// dcmtk / GDCM (run at test time, cached), or with stored digests when the tools are absent.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestContext } from "node:test";
import { type Codec, codecFor, codecIsLossless, registerBuiltInCodecs } from "../../../src/pixels/codecs/index.js";
import type { PixelArray, PixelFormat } from "../../../src/pixels/format.js";
import { frameFragments, joinFragments } from "../../../src/pixels/fragments.js";
import { scanDicom } from "./dicom-scan.js";
import { DATA_DIR, type ManifestEntry, codecTestFiles, maxAbsDiff, referenceFrames } from "./reference.js";

type Digests = Record<string, { transferSyntax: string; tool: string; frames: string[]; maxDiff: number }>;

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "codec-references.json");

let files: ManifestEntry[] | undefined;

/** Corpus files (codecs/ and pixel_phi/) with one of the given transfer syntaxes. */
export function filesWithSyntax(syntaxes: readonly string[]): ManifestEntry[] {
  files ??= codecTestFiles();
  return files.filter((f) => syntaxes.includes(f.transferSyntax));
}

/** SHA-256 of a frame's sample values (as float64, so the array type does not matter). */
export function frameDigest(pixels: ArrayLike<number>): string {
  return createHash("sha256").update(new Uint8Array(Float64Array.from(pixels).buffer)).digest("hex");
}

/** Decodes every frame of a corpus file with the registered codec of its syntax. */
export async function decodeFile(relative: string): Promise<{ format: PixelFormat; frames: PixelArray[]; ms: number }> {
  registerBuiltInCodecs();
  const scan = scanDicom(new Uint8Array(readFileSync(join(DATA_DIR!, relative))));
  const data = scan.encapsulated!;
  const groups = frameFragments(data, {
    numberOfFrames: scan.format.numberOfFrames,
    transferSyntaxUid: scan.transferSyntax,
    ...(scan.extendedOffsets ? { extendedOffsetTable: { offsets: scan.extendedOffsets, lengths: scan.extendedLengths } } : {}),
  });
  const codec = codecFor(scan.transferSyntax);
  const t0 = performance.now();
  const frames: PixelArray[] = [];
  for (const g of groups) frames.push((await codec.decode(joinFragments(data, g), scan.format)).pixels);
  return { format: scan.format, frames, ms: (performance.now() - t0) / groups.length };
}

/**
 * One subtest per corpus file of the syntaxes: lossless decodes must equal the reference
 * exactly; lossy ones may differ by at most `lossyTolerance`.
 */
export async function verifyCorpus(t: TestContext, syntaxes: readonly string[], lossyTolerance = 1): Promise<void> {
  if (!DATA_DIR) {
    t.skip("../shared/data is absent");
    return;
  }
  const digests: Digests = existsSync(FIXTURE) ? JSON.parse(readFileSync(FIXTURE, "utf8")) : {};
  registerBuiltInCodecs();
  for (const { file, transferSyntax } of filesWithSyntax(syntaxes)) {
    await t.test(`when ${file} is decoded then it matches the reference`, async (st) => {
      const { frames } = await decodeFile(file);
      const lossless = codecIsLossless(codecFor(transferSyntax), transferSyntax);
      const ref = referenceFrames(file, transferSyntax);
      if (ref) {
        assert.equal(frames.length, ref.frames.length, "frame count");
        const diff = Math.max(...frames.map((f, k) => maxAbsDiff(f, ref.frames[k])));
        if (lossless) assert.equal(diff, 0, `lossless decode differs from ${ref.tool}`);
        else assert.ok(diff <= lossyTolerance, `lossy decode differs from ${ref.tool} by ${diff}`);
        return;
      }
      const stored = digests[file];
      if (!stored || stored.maxDiff !== 0) {
        st.skip("no reference tool and no exact stored digest");
        return;
      }
      assert.deepEqual(frames.map(frameDigest), stored.frames, `decode differs from stored ${stored.tool} digests`);
    });
  }
}

/** A deterministic test frame: gradients plus noise, covering the full Bits Stored range. */
export function syntheticFrame(format: PixelFormat, seed = 1): PixelArray {
  const n = format.rows * format.columns * format.samplesPerPixel;
  const signed = format.pixelRepresentation === 1;
  const bits = format.bitsStored;
  const lo = signed ? -(2 ** (bits - 1)) : 0;
  const span = 2 ** bits;
  const out =
    format.bitsAllocated <= 8
      ? signed ? new Int8Array(n) : new Uint8Array(n)
      : format.bitsAllocated === 16
        ? signed ? new Int16Array(n) : new Uint16Array(n)
        : signed ? new Int32Array(n) : new Uint32Array(n);
  let state = seed >>> 0;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const p = Math.floor(i / format.samplesPerPixel);
    const x = p % format.columns;
    const y = Math.floor(p / format.columns);
    const base = ((x * 7 + y * 3) / (format.columns * 7 + format.rows * 3)) * span;
    const noisy = i % 97 === 0 ? state % span : base + (state % 16);
    out[i] = lo + (Math.floor(noisy) % span);
  }
  // The extremes must survive a round trip too.
  out[0] = lo;
  out[n - 1] = lo + span - 1;
  return out;
}

/** Encodes a frame, decodes the result as the dataset would then declare it, and checks it is unchanged. */
export async function assertLosslessRoundTrip(codec: Codec, format: PixelFormat, pixels: PixelArray): Promise<Uint8Array> {
  const frameFormat = { ...format, planarConfiguration: 0 as const, numberOfFrames: 1 };
  const encoded = await codec.encode!({ pixels, format: frameFormat }, format);
  const declared = codec.encodedFormat ? codec.encodedFormat(format) : format;
  const back = await codec.decode(encoded, declared);
  assert.equal(back.pixels.length, pixels.length, "sample count");
  assert.equal(maxAbsDiff(back.pixels, pixels), 0, `${codec.name} round trip changed samples`);
  assert.equal(back.pixels.constructor, pixels.constructor, "array type");
  return encoded;
}

/** A format for synthetic frames. */
export function formatOf(rows: number, columns: number, spp: number, bitsAllocated: number, bitsStored: number, signed = false): PixelFormat {
  return {
    rows, columns, samplesPerPixel: spp, bitsAllocated, bitsStored, highBit: bitsStored - 1,
    pixelRepresentation: signed ? 1 : 0, photometric: spp === 3 ? "RGB" : "MONOCHROME2", planarConfiguration: 0, numberOfFrames: 1,
  };
}
