import { DicomError } from "../core/errors.js";
import type { Dataset } from "../core/dataset.js";
import type { Element, Fragment } from "../core/element.js";
import { PIXEL_DATA, UNDEFINED_LENGTH, tag } from "../core/tag.js";
import { getNumber, getText } from "../dataset/values.js";
import type { DicomFile } from "../io/read/read-file.js";
import type { TransferSyntax } from "../io/transfer-syntax.js";
import { codecFor, registerBuiltInCodecs } from "./codecs/index.js";
import { frameFragments, joinFragments, type EncapsulatedPixelData } from "./fragments.js";
import type { DecodedFrame, PixelFormat } from "./format.js";
import { nativeFrame } from "./native.js";

const T = {
  samples: tag(0x0028, 0x0002), photometric: tag(0x0028, 0x0004), planar: tag(0x0028, 0x0006), frames: tag(0x0028, 0x0008),
  rows: tag(0x0028, 0x0010), columns: tag(0x0028, 0x0011), bitsAllocated: tag(0x0028, 0x0100), bitsStored: tag(0x0028, 0x0101),
  highBit: tag(0x0028, 0x0102), pixelRepresentation: tag(0x0028, 0x0103), floatPixels: tag(0x7fe0, 0x0008), doubleFloatPixels: tag(0x7fe0, 0x0009),
  eot: tag(0x7fe0, 0x0001), eotLengths: tag(0x7fe0, 0x0002),
};

let codecsReady = false;
/** Registers the built-in codecs once (explicit registration, on first pixel access). */
export function ensureCodecs(): void {
  if (!codecsReady) {
    registerBuiltInCodecs();
    codecsReady = true;
  }
}

/** The pixel element of a dataset: Pixel Data, Float or Double Float Pixel Data. */
export function pixelElement(ds: Dataset): Element | undefined {
  return ds.get(PIXEL_DATA) ?? ds.get(T.floatPixels) ?? ds.get(T.doubleFloatPixels);
}

/** PS3.3 C.7.6.3: the Image Pixel attributes of a dataset, or undefined when it has no pixel data. */
export function pixelFormatOf(ds: Dataset): PixelFormat | undefined {
  const el = pixelElement(ds);
  if (!el) return undefined;
  const need = (t: number, name: string): number => {
    const v = getNumber(ds, t);
    if (v === undefined || !Number.isFinite(v)) throw new DicomError("BAD_VALUE", `${name} is missing`, { tagPath: name });
    return v;
  };
  const bitsAllocated = need(T.bitsAllocated, "BitsAllocated (0028,0100)");
  return {
    rows: need(T.rows, "Rows (0028,0010)"),
    columns: need(T.columns, "Columns (0028,0011)"),
    samplesPerPixel: getNumber(ds, T.samples) ?? 1,
    bitsAllocated,
    bitsStored: getNumber(ds, T.bitsStored) ?? bitsAllocated,
    highBit: getNumber(ds, T.highBit) ?? (getNumber(ds, T.bitsStored) ?? bitsAllocated) - 1,
    pixelRepresentation: getNumber(ds, T.pixelRepresentation) === 1 ? 1 : 0,
    photometric: (getText(ds, T.photometric) ?? "MONOCHROME2").trim(),
    planarConfiguration: getNumber(ds, T.planar) === 1 ? 1 : 0,
    numberOfFrames: Math.max(1, Math.floor(getNumber(ds, T.frames) ?? 1)),
    floatingPoint: el.tag !== PIXEL_DATA ? true : undefined,
  };
}

/** Access to one file's frames: format, syntax, and (encapsulated) the fragments of each frame. */
export interface PixelSource {
  file: DicomFile;
  element: Element;
  format: PixelFormat;
  transferSyntax: TransferSyntax;
  encapsulated?: EncapsulatedPixelData;
  /** Fragment indices of each frame (encapsulated only). */
  frames?: number[][];
  /** Why the Basic Offset Table was set aside for the frames' start markers (see `frameFragments`); no values. */
  tableIgnored?: string;
}

/** The encapsulated items of a pixel element as the fragment module expects them. */
export function encapsulatedOf(el: Element): EncapsulatedPixelData {
  const frags = el.fragments ?? [];
  if (!frags.length) throw new DicomError("BAD_ITEM", "encapsulated pixel data has no offset table item", { tagPath: "(7FE0,0010)" });
  const offsets: number[] = [];
  let at = 0;
  for (const f of frags.slice(1)) {
    offsets.push(at);
    at += 8 + f.value.length;
  }
  return { basicOffsetTable: frags[0].value, fragments: frags.slice(1).map((f) => f.value), fragmentOffsets: offsets };
}

/** Opens a file's pixel data for frame access; fails closed on a missing codec or bad tables. */
export function openPixels(file: DicomFile): PixelSource {
  const el = pixelElement(file.dataset);
  const format = pixelFormatOf(file.dataset);
  if (!el || !format) throw new DicomError("BAD_VALUE", "the file has no pixel data", { tagPath: "(7FE0,0010)" });
  const ts = file.transferSyntax;
  if (!el.fragments) {
    if (ts.encapsulated) throw new DicomError("BAD_VALUE", `pixel data is not encapsulated although ${ts.name} requires it`, { tagPath: "(7FE0,0010)" });
    return { file, element: el, format, transferSyntax: ts };
  }
  ensureCodecs();
  codecFor(ts.uid);
  const encapsulated = encapsulatedOf(el);
  const eot = file.dataset.get(T.eot);
  const eotLengths = file.dataset.get(T.eotLengths);
  const big = (e: Element | undefined) => (e?.value ? Array.from({ length: e.value.length / 8 }, (_, i) => new DataView(e.value!.buffer, e.value!.byteOffset).getBigUint64(i * 8, true)) : undefined);
  let tableIgnored: string | undefined;
  const frames = frameFragments(encapsulated, {
    numberOfFrames: format.numberOfFrames, transferSyntaxUid: ts.uid,
    extendedOffsetTable: eot ? { offsets: big(eot)!, lengths: big(eotLengths) } : undefined,
    onTableIgnored: (reason) => { tableIgnored = reason; },
  });
  return { file, element: el, format, transferSyntax: ts, encapsulated, frames, ...(tableIgnored ? { tableIgnored } : {}) };
}

/** The encoded bytes of one encapsulated frame (its fragments joined). */
export function encodedFrame(src: PixelSource, index: number): Uint8Array {
  if (!src.encapsulated || !src.frames) throw new DicomError("BAD_VALUE", "pixel data is native");
  const f = src.frames[index];
  if (!f) throw new DicomError("BAD_VALUE", `frame ${index} is outside 0..${src.format.numberOfFrames - 1}`);
  return joinFragments(src.encapsulated, f);
}

/** Decodes one frame to pixel-interleaved samples (native data read in place, no codec). */
export async function readFrame(src: PixelSource, index: number): Promise<DecodedFrame> {
  try {
    if (!src.encapsulated) {
      return nativeFrame(src.element.value ?? new Uint8Array(0), src.format, index, { littleEndian: src.transferSyntax.littleEndian, vr: src.element.vr });
    }
    ensureCodecs();
    return await codecFor(src.transferSyntax.uid).decode(encodedFrame(src, index), src.format);
  } catch (e) {
    // Name where the frame lies: the pixel data element and, when encapsulated, its first fragment's item tag.
    if (e instanceof DicomError) throw e.withContext({ tagPath: `PixelData (7FE0,0010) frame ${index}`, offset: frameOffset(src, index) });
    throw e;
  }
}

/** File offset of a frame's first fragment item (encapsulated), else of the pixel data element; undefined when not from a file. */
function frameOffset(src: PixelSource, index: number): number | undefined {
  const first = src.frames?.[index]?.[0];
  const at = first !== undefined ? src.element.fragments?.[first + 1]?.offset : src.element.offset;
  return at !== undefined && at >= 0 ? at : undefined;
}

/**
 * Replaces some frames of encapsulated pixel data: each new frame becomes one fragment
 * (padded to even length); untouched frames keep their fragments byte for byte. A basic
 * offset table that was filled is recomputed; an empty one stays empty; an extended offset
 * table and its lengths (7FE0,0001/0002) are recomputed when present (PS3.5 A.4).
 */
export function replaceEncapsulatedFrames(src: PixelSource, replacements: ReadonlyMap<number, Uint8Array>): void {
  if (!src.encapsulated || !src.frames || !src.element.fragments) throw new DicomError("BAD_VALUE", "pixel data is native");
  const old = src.element.fragments;
  const fragments: Fragment[] = [old[0]];
  const starts: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  src.frames.forEach((indices, i) => {
    starts.push(at);
    const next = replacements.get(i);
    const parts: Fragment[] = next
      ? [{ offset: -1, value: next.length % 2 ? padded(next) : next }]
      : indices.map((k) => old[k + 1]);
    let len = 0;
    for (const p of parts) {
      fragments.push(p);
      at += 8 + p.value.length;
      len += p.value.length;
    }
    lengths.push(len);
  });
  const ds = src.file.dataset;
  if (old[0].value.length > 0) {
    const bot = new Uint8Array(4 * starts.length);
    const v = new DataView(bot.buffer);
    starts.forEach((s, i) => v.setUint32(i * 4, s, true));
    fragments[0] = { offset: -1, value: bot };
  }
  if (ds.has(T.eot)) ds.put(u64Element(T.eot, starts));
  if (ds.has(T.eotLengths)) ds.put(u64Element(T.eotLengths, lengths));
  ds.put({ tag: src.element.tag, vr: src.element.vr, length: UNDEFINED_LENGTH, offset: -1, fragments });
}

function padded(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}

function u64Element(t: number, values: number[]): Element {
  const value = new Uint8Array(8 * values.length);
  const v = new DataView(value.buffer);
  values.forEach((x, i) => v.setBigUint64(i * 8, BigInt(x), true));
  return { tag: t, vr: "OV", length: value.length, offset: -1, value };
}

/** Replaces the whole native pixel data value (e.g. after writing redacted frames into a copy). */
export function replaceNativeValue(src: PixelSource, value: Uint8Array): void {
  src.file.dataset.put({ tag: src.element.tag, vr: src.element.vr, length: value.length, offset: -1, value });
}
