// redactFile on synthetic images, checked byte by byte. Native: only the samples inside the
// rectangles change; bits outside Bits Stored are cleared there and kept everywhere else.
// Encapsulated lossless: the frames redacted are re-encoded in the same syntax and verified,
// untouched frames keep their bytes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Dataset } from "../../src/core/dataset.js";
import { isDicomError } from "../../src/core/errors.js";
import { PIXEL_DATA, UNDEFINED_LENGTH, tag } from "../../src/core/tag.js";
import { encodeValues, getText } from "../../src/dataset/values.js";
import { readDicom, type DicomFile } from "../../src/io/read/read-file.js";
import { findTransferSyntax } from "../../src/io/transfer-syntax.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { codecFor } from "../../src/pixels/codecs/index.js";
import type { PixelFormat } from "../../src/pixels/format.js";
import { encodedFrame, ensureCodecs, openPixels, readFrame } from "../../src/pixels/image.js";
import { redactFile } from "../../src/redact/redact-file.js";

/** A synthetic image: transfer syntax, Image Pixel attributes and the Pixel Data value as stored. */
interface Synthetic {
  ts: string;
  rows: number;
  columns: number;
  bitsAllocated: number;
  pixels?: Uint8Array;
  fragments?: Uint8Array[];
  spp?: number;
  bitsStored?: number;
  highBit?: number;
  signed?: boolean;
  photometric?: string;
  planar?: 0 | 1;
  frames?: number;
  vr?: string;
  floatPixels?: boolean;
}

/** Builds, writes and re-reads a file holding the synthetic image (so every element has its source bytes). */
function makeFile(s: Synthetic): DicomFile {
  const ts = findTransferSyntax(s.ts)!;
  const ds = new Dataset({ explicitVR: ts.explicitVR, littleEndian: ts.littleEndian });
  const put = (t: number, vr: string, values: (string | number)[]): void => {
    const value = encodeValues(ds, t, vr, values);
    ds.put({ tag: t, vr, length: value.length, offset: -1, value });
  };
  put(tag(0x0008, 0x0016), "UI", ["1.2.840.10008.5.1.4.1.1.7"]);
  put(tag(0x0008, 0x0018), "UI", ["1.2.826.0.1.3680043.2.1143.1"]);
  const spp = s.spp ?? 1;
  put(tag(0x0028, 0x0002), "US", [spp]);
  put(tag(0x0028, 0x0004), "CS", [s.photometric ?? (spp === 3 ? "RGB" : "MONOCHROME2")]);
  if (spp > 1) put(tag(0x0028, 0x0006), "US", [s.planar ?? 0]);
  if (s.frames) put(tag(0x0028, 0x0008), "IS", [s.frames]);
  put(tag(0x0028, 0x0010), "US", [s.rows]);
  put(tag(0x0028, 0x0011), "US", [s.columns]);
  put(tag(0x0028, 0x0100), "US", [s.bitsAllocated]);
  if (!s.floatPixels) {
    const bs = s.bitsStored ?? s.bitsAllocated;
    put(tag(0x0028, 0x0101), "US", [bs]);
    put(tag(0x0028, 0x0102), "US", [s.highBit ?? bs - 1]);
    put(tag(0x0028, 0x0103), "US", [s.signed ? 1 : 0]);
  }
  const pixelTag = s.floatPixels ? (s.bitsAllocated === 64 ? tag(0x7fe0, 0x0009) : tag(0x7fe0, 0x0008)) : PIXEL_DATA;
  if (s.fragments) {
    const fragments = [new Uint8Array(0), ...s.fragments].map((value) => ({ offset: -1, value }));
    ds.put({ tag: pixelTag, vr: "OB", length: UNDEFINED_LENGTH, offset: -1, fragments });
  } else {
    const vr = s.vr ?? (s.floatPixels ? (s.bitsAllocated === 64 ? "OD" : "OF") : s.bitsAllocated <= 8 ? "OB" : "OW");
    ds.put({ tag: pixelTag, vr, length: s.pixels!.length, offset: -1, value: s.pixels! });
  }
  const file: DicomFile = {
    source: new Uint8Array(0), hasPrefix: false, meta: new Dataset({ explicitVR: true, littleEndian: true }), hasMeta: false,
    transferSyntax: ts, dataset: ds, datasetBytes: new Uint8Array(0), datasetOffset: 0, warnings: [], partial: false,
  };
  return readDicom(writeDicom(file));
}

/** The pixel element's value of a file. */
const pixelValue = (f: DicomFile): Uint8Array => openPixels(f).element.value!;

/** Redacts, writes and re-reads; asserts the written file differs from the source only inside the pixel value. */
async function redactAndWrite(file: DicomFile, rects: Parameters<typeof redactFile>[1]) {
  const before = pixelValue(file).slice();
  const result = await redactFile(file, rects);
  const written = writeDicom(file, { transferSyntax: result.transferSyntax });
  const reread = readDicom(written);
  if (!result.transferSyntaxChanged && !openPixels(reread).encapsulated) {
    assert.equal(written.length, file.source.length);
    // Synthetic files end with Pixel Data: everything before its value must be identical.
    const valueStart = written.length - before.length;
    for (let i = 0; i < valueStart; i++) if (written[i] !== file.source[i]) assert.fail(`byte ${i} outside the pixel value changed`);
  }
  return { before, after: pixelValue(reread), result, reread };
}

/** Little endian 16-bit words as bytes. */
const words16 = (values: number[], big = false): Uint8Array => {
  const out = new Uint8Array(values.length * 2);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setUint16(i * 2, v, !big));
  return out;
};

describe("redactFile on native pixel data", () => {
  it("when a 12-bit image keeps overlay bits above Bits Stored then inside words are cleared whole and outside words keep every bit", async () => {
    const values = Array.from({ length: 48 }, (_, i) => ((i * 37) & 0xfff) | 0xa000);
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 6, columns: 8, bitsAllocated: 16, bitsStored: 12, pixels: words16(values) });
    const { after, result } = await redactAndWrite(file, { rects: [{ x: 2, y: 1, w: 3, h: 2 }] });
    const dv = new DataView(after.buffer, after.byteOffset);
    for (let p = 0; p < 48; p++) {
      const x = p % 8, y = Math.floor(p / 8);
      const inside = x >= 2 && x < 5 && y >= 1 && y < 3;
      assert.equal(dv.getUint16(p * 2, true), inside ? 0 : values[p], `pixel ${p}`);
    }
    assert.equal(result.pixelsChanged, 6);
    assert.deepEqual(result.frames.map((f) => f.method), ["native"]);
  });

  it("when the image is signed then the fill is the minimum stored value and High Bit places it", async () => {
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 2, columns: 2, bitsAllocated: 16, bitsStored: 12, highBit: 13, signed: true, pixels: words16([1 << 2, 2 << 2, 3 << 2, 4 << 2]) });
    const { after, result } = await redactAndWrite(file, { rects: [{ x: 0, y: 0, w: 1, h: 1 }] });
    assert.deepEqual(result.fill, [-2048]);
    assert.equal(new DataView(after.buffer, after.byteOffset).getUint16(0, true), 0x800 << 2);
    const frame = await readFrame(openPixels(readDicom(writeDicom(file))), 0);
    assert.deepEqual([...frame.pixels], [-2048, 2, 3, 4]);
  });

  for (const [photometric, fill, want] of [["MONOCHROME1", "auto", 255], ["MONOCHROME2", "auto", 0], ["MONOCHROME1", 7, 7]] as const) {
    it(`when ${photometric} is filled with ${fill} then the stored value is ${want}`, async () => {
      const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 2, columns: 2, bitsAllocated: 8, photometric, pixels: Uint8Array.from([9, 9, 9, 9]) });
      const { after } = await redactAndWrite(file, { rects: [{ x: 1, y: 0, w: 1, h: 2 }], fill });
      assert.deepEqual([...after], [9, want, 9, want]);
    });
  }

  it("when data is big endian OW 16-bit then the swapped bytes of the rectangle change only", async () => {
    const values = [0x1234, 0x5678, 0x9abc, 0xdef0];
    const file = makeFile({ ts: "1.2.840.10008.1.2.2", rows: 2, columns: 2, bitsAllocated: 16, photometric: "MONOCHROME1", pixels: words16(values, true) });
    const { after } = await redactAndWrite(file, { rects: [{ x: 1, y: 1, w: 1, h: 1 }] });
    assert.deepEqual([...after], [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xff, 0xff]);
  });

  it("when 8-bit data is big endian OW then byte pairs are swapped as PS3.5 7.3 says", async () => {
    // Logical samples 1..8 stored with each 16-bit word's bytes swapped.
    const file = makeFile({ ts: "1.2.840.10008.1.2.2", rows: 2, columns: 4, bitsAllocated: 8, vr: "OW", pixels: Uint8Array.from([2, 1, 4, 3, 6, 5, 8, 7]) });
    const { after, reread } = await redactAndWrite(file, { rects: [{ x: 0, y: 0, w: 1, h: 1 }], fill: 0 });
    assert.deepEqual([...after], [2, 0, 4, 3, 6, 5, 8, 7]);
    assert.deepEqual([...(await readFrame(openPixels(reread), 0)).pixels], [0, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("when RGB is colour-by-plane then each plane changes at the rectangle only", async () => {
    const pixels = Uint8Array.from({ length: 36 }, (_, i) => 100 + i);
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 3, columns: 4, bitsAllocated: 8, spp: 3, planar: 1, pixels });
    const { after } = await redactAndWrite(file, { rects: [{ x: 1, y: 1, w: 2, h: 1 }] });
    const want = [...pixels];
    for (const c of [0, 1, 2]) for (const p of [5, 6]) want[c * 12 + p] = 0;
    assert.deepEqual([...after], want);
  });

  it("when YBR_FULL_422 is redacted at an odd column then the whole pixel pair takes Y 0 and neutral chroma", async () => {
    // Two rows of three pairs: Y1 Y2 Cb Cr each.
    const pixels = Uint8Array.from({ length: 24 }, (_, i) => 50 + i);
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 2, columns: 6, bitsAllocated: 8, spp: 3, photometric: "YBR_FULL_422", pixels });
    const { after, result } = await redactAndWrite(file, { rects: [{ x: 3, y: 0, w: 1, h: 1 }] });
    const want = [...pixels];
    want.splice(4, 4, 0, 0, 128, 128);
    assert.deepEqual([...after], want);
    assert.deepEqual(result.frames[0].rects, [{ x: 2, y: 0, w: 2, h: 1 }]);
    assert.deepEqual(result.fill, [0, 128, 128]);
  });

  it("when 1-bit frames are not byte aligned then only the rectangle's bits of that frame are cleared", async () => {
    // 3 frames of 5x3 = 15 bits each, all ones.
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 3, columns: 5, bitsAllocated: 1, frames: 3, pixels: new Uint8Array(6).fill(0xff) });
    const { after } = await redactAndWrite(file, { rects: new Map([[1, [{ x: 1, y: 1, w: 2, h: 1 }]]]) });
    const cleared = new Set([15 + 6, 15 + 7]);
    for (let b = 0; b < 48; b++) assert.equal((after[b >> 3] >> (b & 7)) & 1, cleared.has(b) ? 0 : 1, `bit ${b}`);
  });

  it("when pixel data is 32-bit float then the rectangle becomes 0.0 and other floats keep their bits", async () => {
    const floats = Float32Array.from([1.5, -2.25, Number.NaN, 1e30]);
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 2, columns: 2, bitsAllocated: 32, floatPixels: true, pixels: new Uint8Array(floats.buffer) });
    const { after } = await redactAndWrite(file, { rects: [{ x: 0, y: 0, w: 1, h: 1 }] });
    const out = new Float32Array(after.slice().buffer);
    assert.deepEqual([out[0], out[1], out[3]], [0, -2.25, Math.fround(1e30)]);
    assert.ok(Number.isNaN(out[2]));
  });

  it("when only one frame of a native multi-frame image is listed then other frames' bytes are untouched", async () => {
    const pixels = Uint8Array.from({ length: 3 * 16 }, (_, i) => i + 1);
    const file = makeFile({ ts: "1.2.840.10008.1.2", rows: 4, columns: 4, bitsAllocated: 8, frames: 3, pixels });
    const { before, after, result } = await redactAndWrite(file, { rects: new Map([[2, [{ x: 0, y: 0, w: 4, h: 1 }]]]) });
    assert.deepEqual([...after.subarray(0, 32)], [...before.subarray(0, 32)]);
    assert.deepEqual([...after.subarray(32, 36)], [0, 0, 0, 0]);
    assert.deepEqual([...after.subarray(36)], [...before.subarray(36)]);
    assert.deepEqual(result.frames.map((f) => f.frame), [2]);
  });

  it("when no rectangle meets the image then nothing changes and the file writes back byte for byte", async () => {
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 4, columns: 4, bitsAllocated: 8, pixels: new Uint8Array(16).fill(3) });
    const element = openPixels(file).element;
    const result = await redactFile(file, { rects: [{ x: 10, y: 0, w: 5, h: 5 }, { x: 0, y: 0, w: 0, h: 4 }] });
    assert.equal(result.changed, false);
    assert.equal(openPixels(file).element, element);
    assert.deepEqual(writeDicom(file), file.source);
  });

  const rejects = async (p: Promise<unknown>, code: string): Promise<void> => {
    await assert.rejects(p, (e: unknown) => isDicomError(e) && e.code === code);
  };

  it("when arguments are bad then redactFile fails closed with BAD_VALUE", async () => {
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 4, columns: 4, bitsAllocated: 8, pixels: new Uint8Array(16) });
    await rejects(redactFile(file, { rects: [{ x: Number.NaN, y: 0, w: 1, h: 1 }] }), "BAD_VALUE");
    await rejects(redactFile(file, { rects: new Map([[1, [{ x: 0, y: 0, w: 1, h: 1 }]]]) }), "BAD_VALUE");
    await rejects(redactFile(file, { rects: [{ x: 0, y: 0, w: 1, h: 1 }], fill: 256 }), "BAD_VALUE");
    await rejects(redactFile(file, { rects: [{ x: 0, y: 0, w: 1, h: 1 }], fill: 1.5 }), "BAD_VALUE");
  });

  it("when pixel data is marked clean then Burned In Annotation says NO", async () => {
    const { markCleanPixelData } = await import("../../src/redact/mark-clean.js");
    const file = makeFile({ ts: "1.2.840.10008.1.2.1", rows: 1, columns: 1, bitsAllocated: 8, pixels: new Uint8Array(2) });
    markCleanPixelData(file);
    assert.equal(getText(readDicom(writeDicom(file)).dataset, tag(0x0028, 0x0301)), "NO");
  });

  it("when the syntax has no codec (MPEG-2) then redactFile fails closed with UNSUPPORTED", async () => {
    const file = makeFile({ ts: "1.2.840.10008.1.2.4.100", rows: 4, columns: 4, bitsAllocated: 8, fragments: [new Uint8Array(16)] });
    await rejects(redactFile(file, { rects: [{ x: 0, y: 0, w: 1, h: 1 }] }), "UNSUPPORTED");
  });
});

const mono16: PixelFormat = {
  rows: 16, columns: 16, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, highBit: 11,
  pixelRepresentation: 0, photometric: "MONOCHROME2", planarConfiguration: 0, numberOfFrames: 1,
};

/** Encodes frames with the registered codec of a syntax. */
async function encodeFrames(uid: string, format: PixelFormat, frames: ArrayLike<number>[], photometric = format.photometric): Promise<Uint8Array[]> {
  ensureCodecs();
  const codec = codecFor(uid);
  const out: Uint8Array[] = [];
  for (const f of frames) {
    const pixels = format.bitsAllocated === 8 ? Uint8Array.from(f) : Uint16Array.from(f);
    const bytes = await codec.encode!({ pixels, format: { ...format, photometric } }, format);
    out.push(bytes.length % 2 ? Uint8Array.from([...bytes, 0]) : bytes);
  }
  return out;
}

const ramp = (n: number, k: number, or = 0): number[] => Array.from({ length: n }, (_, i) => ((i * k) & 0xfff) | or);

async function redactTwoFrames(uid: string, format: PixelFormat, frames: number[][], photometric?: string) {
  const fragments = await encodeFrames(uid, format, frames);
  const file = makeFile({
    ts: uid, rows: format.rows, columns: format.columns, bitsAllocated: format.bitsAllocated, bitsStored: format.bitsStored,
    spp: format.samplesPerPixel, photometric: photometric ?? format.photometric, frames: 2, fragments,
  });
  const result = await redactFile(file, { rects: new Map([[0, [{ x: 2, y: 3, w: 5, h: 4 }]]]) });
  const reread = readDicom(writeDicom(file, { transferSyntax: result.transferSyntax }));
  return { fragments, result, reread, src: openPixels(reread) };
}

describe("redactFile on encapsulated lossless syntaxes", () => {
  for (const uid of ["1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.1.98", "1.2.840.10008.1.2.5"]) {
    it(`when frame 0 of a two-frame ${uid} image is redacted then it is re-encoded in ${uid} and frame 1 keeps its bytes`, async () => {
      const { fragments, result, reread, src } = await redactTwoFrames(uid, mono16, [ramp(256, 7), ramp(256, 11)]);
      assert.equal(reread.transferSyntax.uid, uid);
      assert.deepEqual(result.frames.map((f) => f.method), ["reencoded-lossless"]);
      assert.deepEqual(encodedFrame(src, 1), fragments[1]);
      const f0 = await readFrame(src, 0);
      const want = ramp(256, 7);
      for (let p = 0; p < 256; p++) {
        const x = p % 16, y = p >> 4;
        assert.equal(f0.pixels[p], x >= 2 && x < 7 && y >= 3 && y < 7 ? 0 : want[p], `pixel ${p}`);
      }
    });
  }

  it("when an encapsulated uncompressed frame keeps bits above Bits Stored then they survive outside and are cleared inside", async () => {
    const values = ramp(256, 5, 0xc000);
    const { src } = await redactTwoFrames("1.2.840.10008.1.2.1.98", { ...mono16, bitsStored: 16, highBit: 15 }, [values, values]);
    const raw = encodedFrame(src, 0);
    const dv = new DataView(raw.buffer, raw.byteOffset);
    // Read as declared (12 bits) the file says Bits Stored 16 here, so check whole words.
    for (let p = 0; p < 256; p++) {
      const x = p % 16, y = p >> 4;
      assert.equal(dv.getUint16(p * 2, true), x >= 2 && x < 7 && y >= 3 && y < 7 ? 0 : values[p]);
    }
  });

  it("when a JPEG 2000 lossless RGB file is labelled RGB then every frame is re-encoded and it becomes YBR_RCT", async () => {
    const rgb: PixelFormat = { ...mono16, samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, photometric: "RGB" };
    const frame = Array.from({ length: 16 * 16 * 3 }, (_, i) => (i * 13) & 0xff);
    const { result, reread, src } = await redactTwoFrames("1.2.840.10008.1.2.4.90", rgb, [frame, frame], "RGB");
    assert.equal(getText(reread.dataset, tag(0x0028, 0x0004)), "YBR_RCT");
    assert.ok(result.notes.some((n) => n.includes("every frame re-encoded")));
    const f1 = await readFrame(src, 1);
    assert.deepEqual([...f1.pixels], frame);
    const f0 = await readFrame(src, 0);
    assert.deepEqual([...f0.pixels.subarray((3 * 16 + 2) * 3, (3 * 16 + 2) * 3 + 3)], [0, 0, 0]);
  });
});
