// Test-only: a minimal DICOM scan that finds the Image Pixel attributes and the pixel data
// of a file, so codec tests can run before the real reader exists. Top level only.
import { inflateRawSync } from "node:zlib";
import type { PixelFormat } from "../../../src/pixels/format.js";
import type { EncapsulatedPixelData } from "../../../src/pixels/fragments.js";

/** What a scan finds: transfer syntax, pixel format and native or encapsulated pixel data. */
export interface ScannedPixels {
  transferSyntax: string;
  littleEndian: boolean;
  format: PixelFormat;
  pixelVr: string;
  native?: Uint8Array;
  encapsulated?: EncapsulatedPixelData;
  extendedOffsets?: BigUint64Array;
  extendedLengths?: BigUint64Array;
}

const LONG_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"]);

class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, readonly little: boolean, readonly explicit: boolean, start: number) {
    this.pos = start;
  }
  u16(at = this.pos): number {
    const b = this.bytes;
    return this.little ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  }
  u32(at = this.pos): number {
    const b = this.bytes;
    return this.little
      ? (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
      : ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  }
  /** Reads one element header; returns tag, vr and length (0xffffffff for undefined). */
  header(): { tag: number; vr: string; length: number } {
    const tag = ((this.u16() << 16) | this.u16(this.pos + 2)) >>> 0;
    this.pos += 4;
    if (tag >>> 16 === 0xfffe) {
      const length = this.u32();
      this.pos += 4;
      return { tag, vr: "", length };
    }
    if (!this.explicit) {
      const length = this.u32();
      this.pos += 4;
      return { tag, vr: tag === 0x7fe00010 ? "OW" : "", length };
    }
    const vr = String.fromCharCode(this.bytes[this.pos], this.bytes[this.pos + 1]);
    if (LONG_VRS.has(vr)) {
      const length = this.u32(this.pos + 4);
      this.pos += 8;
      return { tag, vr, length };
    }
    const length = this.u16(this.pos + 2);
    this.pos += 4;
    return { tag, vr, length };
  }
  /** Skips the items of an undefined-length sequence up to its delimiter. */
  skipSequence(): void {
    for (;;) {
      const h = this.header();
      if (h.tag === 0xfffee0dd) return;
      if (h.length !== 0xffffffff) this.pos += h.length;
      else this.skipItem();
    }
  }
  skipItem(): void {
    for (;;) {
      const h = this.header();
      if (h.tag === 0xfffee00d) return;
      if (h.length === 0xffffffff) this.skipSequence();
      else this.pos += h.length;
    }
  }
}

function text(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes).replace(/[\0 ]+$/, "").trim();
}

/** Scans a DICOM file for its transfer syntax, pixel format and pixel data. */
export function scanDicom(file: Uint8Array): ScannedPixels {
  let ts = "1.2.840.10008.1.2";
  let pos = 0;
  const hasPreamble = file.length > 132 && text(file.subarray(128, 132)) === "DICM";
  if (hasPreamble) {
    const meta = new Reader(file, true, true, 132);
    while (meta.pos < file.length && meta.u16() === 0x0002) {
      const h = meta.header();
      if (h.tag === 0x00020010) ts = text(file.subarray(meta.pos, meta.pos + h.length));
      meta.pos += h.length;
    }
    pos = meta.pos;
  } else if (file[0] === 0x02 && file[1] === 0x00) {
    const meta = new Reader(file, true, true, 0);
    while (meta.pos < file.length && meta.u16() === 0x0002) {
      const h = meta.header();
      if (h.tag === 0x00020010) ts = text(file.subarray(meta.pos, meta.pos + h.length));
      meta.pos += h.length;
    }
    pos = meta.pos;
  } else if (file[0] === 0x00 && file[1] === 0x08) {
    ts = "1.2.840.10008.1.2.2";
  }
  let body = file;
  if (ts === "1.2.840.10008.1.2.1.99") {
    body = new Uint8Array(inflateRawSync(file.subarray(pos)));
    pos = 0;
  }
  const little = ts !== "1.2.840.10008.1.2.2";
  const explicit = ts !== "1.2.840.10008.1.2";
  const r = new Reader(body, little, explicit, pos);
  const us = new Map<number, number>();
  const str = new Map<number, string>();
  const result: Partial<ScannedPixels> = { transferSyntax: ts, littleEndian: little };
  let floatingPoint = false;
  while (r.pos + 8 <= body.length) {
    const h = r.header();
    const valueStart = r.pos;
    if (h.length === 0xffffffff) {
      if (h.tag === 0x7fe00010) {
        result.encapsulated = readItems(r);
        result.pixelVr = h.vr || "OB";
        continue;
      }
      r.skipSequence();
      continue;
    }
    const value = body.subarray(valueStart, valueStart + h.length);
    r.pos += h.length;
    if (h.tag >>> 16 === 0x0028 && h.length === 2) us.set(h.tag, r.u16(valueStart));
    if (h.tag === 0x00280004 || h.tag === 0x00280008) str.set(h.tag, text(value));
    if (h.tag === 0x7fe00001) result.extendedOffsets = new BigUint64Array(value.slice().buffer);
    if (h.tag === 0x7fe00002) result.extendedLengths = new BigUint64Array(value.slice().buffer);
    if (h.tag === 0x7fe00008 || h.tag === 0x7fe00009 || h.tag === 0x7fe00010) {
      result.native = value;
      result.pixelVr = h.vr || "OW";
      floatingPoint = h.tag !== 0x7fe00010;
    }
  }
  const bitsAllocated = us.get(0x00280100) ?? 0;
  result.format = {
    rows: us.get(0x00280010) ?? 0,
    columns: us.get(0x00280011) ?? 0,
    samplesPerPixel: us.get(0x00280002) ?? 1,
    bitsAllocated,
    bitsStored: us.get(0x00280101) ?? bitsAllocated,
    highBit: us.get(0x00280102) ?? (us.get(0x00280101) ?? bitsAllocated) - 1,
    pixelRepresentation: (us.get(0x00280103) ?? 0) === 1 ? 1 : 0,
    photometric: str.get(0x00280004) ?? "MONOCHROME2",
    planarConfiguration: (us.get(0x00280006) ?? 0) === 1 ? 1 : 0,
    numberOfFrames: Math.max(1, parseInt(str.get(0x00280008) ?? "1", 10) || 1),
    ...(floatingPoint ? { floatingPoint: true } : {}),
  };
  return result as ScannedPixels;
}

function readItems(r: Reader): EncapsulatedPixelData {
  const first = r.header();
  if (first.tag !== 0xfffee000) throw new Error("encapsulated pixel data without a BOT item");
  const basicOffsetTable = r.bytes.slice(r.pos, r.pos + first.length);
  r.pos += first.length;
  const base = r.pos;
  const fragments: Uint8Array[] = [];
  const fragmentOffsets: number[] = [];
  for (;;) {
    const at = r.pos;
    const h = r.header();
    if (h.tag === 0xfffee0dd) break;
    if (h.tag !== 0xfffee000) throw new Error("unexpected tag in encapsulated pixel data");
    fragmentOffsets.push(at - base);
    fragments.push(r.bytes.subarray(r.pos, r.pos + h.length));
    r.pos += h.length;
  }
  return { basicOffsetTable, fragments, fragmentOffsets };
}
