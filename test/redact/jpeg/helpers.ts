// Test-only helpers: pull JPEG frames out of encapsulated DICOM, wrap frames back into a
// minimal DICOM file for dcmdjpeg, and read dcmdjpeg's native output. Not a DICOM reader.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the shared test corpus, `<repo>/../shared/data`. */
export const DATA_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "shared", "data");

/** Absolute path of a corpus file, or undefined when the corpus is absent. */
export function corpusFile(relative: string): string | undefined {
  const p = join(DATA_ROOT, "dicom", relative);
  return existsSync(p) ? p : undefined;
}

/** True when a command-line tool is on PATH. */
export function hasTool(name: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}

/** Offset of the last (7FE0,0010) tag whose next bytes look like an explicit or implicit header. */
function lastPixelDataTag(b: Uint8Array): number {
  for (let i = b.length - 8; i >= 0; i--) {
    if (b[i] === 0xe0 && b[i + 1] === 0x7f && b[i + 2] === 0x10 && b[i + 3] === 0x00) return i;
  }
  throw new Error("no (7FE0,0010) tag");
}

/** Offset of the last (7FE0,0010) tag with undefined length (encapsulated), explicit or implicit VR. */
function encapsulatedPixelDataTag(b: Uint8Array): number {
  let found = -1;
  for (let i = 0; i + 12 <= b.length; i++) {
    if (b[i] !== 0xe0 || b[i + 1] !== 0x7f || b[i + 2] !== 0x10 || b[i + 3] !== 0x00) continue;
    const explicit = b[i + 4] === 0x4f && (b[i + 5] === 0x42 || b[i + 5] === 0x57) && b[i + 6] === 0 && b[i + 7] === 0;
    const len = explicit ? i + 8 : i + 4;
    if (b[len] === 0xff && b[len + 1] === 0xff && b[len + 2] === 0xff && b[len + 3] === 0xff) found = i;
  }
  if (found < 0) throw new Error("no encapsulated (7FE0,0010)");
  return found;
}

/** JPEG frames of an encapsulated PixelData (undefined length, items FFFE,E000); fragments joined per frame. */
export function extractJpegFrames(dicom: Uint8Array): Uint8Array[] {
  const tag = encapsulatedPixelDataTag(dicom);
  // Explicit VR OB (or OW): tag(4) "OB" 00 00 len(4); implicit: tag(4) len(4).
  const explicit = dicom[tag + 4] === 0x4f && (dicom[tag + 5] === 0x42 || dicom[tag + 5] === 0x57);
  let p = tag + (explicit ? 12 : 8);
  const items: Uint8Array[] = [];
  while (p + 8 <= dicom.length) {
    const group = u16(dicom, p);
    const elem = u16(dicom, p + 2);
    const len = u32(dicom, p + 4);
    p += 8;
    if (group === 0xfffe && elem === 0xe0dd) break;
    if (group !== 0xfffe || elem !== 0xe000) throw new Error("bad item");
    items.push(dicom.subarray(p, p + len));
    p += len;
  }
  const frames: Uint8Array[][] = [];
  for (const item of items.slice(1)) {
    // A fragment that starts with SOI begins a new frame.
    if (item.length >= 2 && item[0] === 0xff && item[1] === 0xd8) frames.push([item]);
    else if (frames.length) frames[frames.length - 1].push(item);
  }
  return frames.map((parts) => {
    const total = parts.reduce((n, x) => n + x.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const x of parts) {
      out.set(x, o);
      o += x.length;
    }
    return trimAfterEoi(out);
  });
}

/** Drops the pad byte(s) after the last EOI. */
function trimAfterEoi(f: Uint8Array): Uint8Array {
  for (let i = f.length - 2; i >= Math.max(0, f.length - 8); i--) {
    if (f[i] === 0xff && f[i + 1] === 0xd9) return f.subarray(0, i + 2);
  }
  return f;
}

/** Reads a corpus DICOM file and returns its JPEG frames, or undefined when the corpus is absent. */
export function corpusFrames(relative: string): Uint8Array[] | undefined {
  const p = corpusFile(relative);
  return p ? extractJpegFrames(new Uint8Array(readFileSync(p))) : undefined;
}

/** Description of the image a JPEG frame holds, for wrapping in DICOM. */
export interface WrapInfo {
  rows: number;
  cols: number;
  samples: number;
  bitsStored: number;
  photometric: string;
  transferSyntax: string;
}

class Writer {
  parts: number[] = [];
  u16(v: number) {
    this.parts.push(v & 0xff, (v >> 8) & 0xff);
  }
  u32(v: number) {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }
  el(group: number, elem: number, vr: string, value: Uint8Array | string | number) {
    let bytes: Uint8Array;
    if (typeof value === "number") bytes = new Uint8Array([value & 0xff, value >> 8]);
    else if (typeof value === "string") {
      const s = value.length % 2 ? value + (vr === "UI" ? "\0" : " ") : value;
      bytes = new TextEncoder().encode(s);
    } else bytes = value;
    this.u16(group);
    this.u16(elem);
    this.parts.push(vr.charCodeAt(0), vr.charCodeAt(1));
    if (vr === "OB" || vr === "OW") {
      this.u16(0);
      this.u32(bytes.length);
    } else this.u16(bytes.length);
    for (const x of bytes) this.parts.push(x);
  }
}

/** A minimal encapsulated DICOM file (Secondary Capture) holding the given JPEG frames. */
export function wrapJpegInDicom(frames: Uint8Array[], info: WrapInfo): Uint8Array {
  const w = new Writer();
  for (let i = 0; i < 128; i++) w.parts.push(0);
  w.parts.push(0x44, 0x49, 0x43, 0x4d);
  const sop = "1.2.840.10008.5.1.4.1.1.7";
  const inst = "1.2.3.4.5.6.7.8.9";
  const meta = new Writer();
  meta.el(0x0002, 0x0001, "OB", new Uint8Array([0, 1]));
  meta.el(0x0002, 0x0002, "UI", sop);
  meta.el(0x0002, 0x0003, "UI", inst);
  meta.el(0x0002, 0x0010, "UI", info.transferSyntax);
  meta.el(0x0002, 0x0012, "UI", "1.2.3.4");
  w.el(0x0002, 0x0000, "UL", new Uint8Array([meta.parts.length & 0xff, (meta.parts.length >> 8) & 0xff, 0, 0]));
  w.parts.push(...meta.parts);
  w.el(0x0008, 0x0016, "UI", sop);
  w.el(0x0008, 0x0018, "UI", inst);
  w.el(0x0028, 0x0002, "US", info.samples);
  w.el(0x0028, 0x0004, "CS", info.photometric);
  if (info.samples > 1) w.el(0x0028, 0x0006, "US", 0);
  w.el(0x0028, 0x0008, "IS", String(frames.length));
  w.el(0x0028, 0x0010, "US", info.rows);
  w.el(0x0028, 0x0011, "US", info.cols);
  w.el(0x0028, 0x0100, "US", info.bitsStored > 8 ? 16 : 8);
  w.el(0x0028, 0x0101, "US", info.bitsStored);
  w.el(0x0028, 0x0102, "US", info.bitsStored - 1);
  w.el(0x0028, 0x0103, "US", 0);
  w.u16(0x7fe0);
  w.u16(0x0010);
  w.parts.push(0x4f, 0x42, 0, 0);
  w.u32(0xffffffff);
  w.u16(0xfffe);
  w.u16(0xe000);
  w.u32(0);
  for (const f of frames) {
    const len = f.length + (f.length & 1);
    w.u16(0xfffe);
    w.u16(0xe000);
    w.u32(len);
    for (const x of f) w.parts.push(x);
    if (f.length & 1) w.parts.push(0);
  }
  w.u16(0xfffe);
  w.u16(0xe0dd);
  w.u32(0);
  return new Uint8Array(w.parts);
}

/** Native pixel bytes of an uncompressed explicit-VR little-endian file (last PixelData element). */
export function nativePixelBytes(dicom: Uint8Array): Uint8Array {
  const tag = lastPixelDataTag(dicom);
  const len = u32(dicom, tag + 8);
  return dicom.subarray(tag + 12, tag + 12 + len);
}

/** Decodes JPEG frames with dcmtk's dcmdjpeg; returns the native PixelData bytes (all frames). */
export function dcmdjpegDecode(frames: Uint8Array[], info: WrapInfo): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "jpegtest-"));
  try {
    const src = join(dir, "in.dcm");
    const dst = join(dir, "out.dcm");
    writeFileSync(src, wrapJpegInDicom(frames, info));
    // +cn: no colour conversion, keep the photometric the stream has.
    execFileSync("dcmdjpeg", ["+cn", src, dst], { stdio: ["ignore", "ignore", "pipe"] });
    return new Uint8Array(nativePixelBytes(new Uint8Array(readFileSync(dst))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Image decoded by a reference decoder: interleaved samples. */
export interface DecodedImage {
  width: number;
  height: number;
  components: number;
  /** Samples, interleaved; Uint16Array for precisions above 8. */
  pixels: Uint8Array | Uint16Array;
}

interface TurboDecoder {
  getEncodedBuffer(n: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; componentCount: number; bitsPerSample: number };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
let turbo: Promise<{ JPEGDecoder: new () => TurboDecoder }> | undefined;

/** Decodes an 8-bit JPEG with the libjpeg-turbo WebAssembly codec (colour converted to RGB). */
export async function libjpegTurboDecode(jpeg: Uint8Array): Promise<DecodedImage> {
  if (!turbo) {
    const require = createRequire(import.meta.url);
    const factory = require("@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs");
    turbo = factory();
  }
  const codec = await turbo!;
  const dec = new codec.JPEGDecoder();
  try {
    dec.getEncodedBuffer(jpeg.length).set(jpeg);
    dec.decode();
    const info = dec.getFrameInfo();
    return {
      width: info.width,
      height: info.height,
      components: info.componentCount,
      pixels: new Uint8Array(dec.getDecodedBuffer()),
    };
  } finally {
    dec.delete();
  }
}

/** Decodes an 8-bit JPEG with djpeg (PPM/PGM output, no colour conversion with `raw`). */
export function djpegDecode(jpeg: Uint8Array, args: string[] = []): DecodedImage {
  const out = execFileSync("djpeg", [...args, "-pnm"], { input: jpeg, maxBuffer: 1 << 28 });
  const text = new TextDecoder("latin1").decode(out.subarray(0, 64));
  const m = /^P([56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(text);
  if (!m) throw new Error("bad PNM");
  const components = m[1] === "6" ? 3 : 1;
  return { width: +m[2], height: +m[3], components, pixels: new Uint8Array(out.subarray(m[0].length)) };
}

/** Decodes one JPEG frame with dcmdjpeg (no colour conversion) as an interleaved image. */
export function dcmdjpegImage(jpeg: Uint8Array, info: WrapInfo): DecodedImage {
  const bytes = dcmdjpegDecode([jpeg], info);
  const n = info.rows * info.cols * info.samples;
  const pixels =
    info.bitsStored > 8 ? new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 2 * n)) : bytes.slice(0, n);
  return { width: info.cols, height: info.rows, components: info.samples, pixels };
}
