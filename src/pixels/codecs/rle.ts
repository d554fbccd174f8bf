import { DicomError } from "../../core/errors.js";
import type { DecodedFrame, PixelFormat } from "../format.js";
import type { Codec } from "./codec.js";
import { decodedFrame, frameSamples, toDatasetSamples } from "./samples.js";

/** RLE Lossless transfer syntax (PS3.5 A.4.2, Annex G). */
export const RLE_LOSSLESS = "1.2.840.10008.1.2.5";

const HEADER = 64;

function check(format: PixelFormat, code: "DECODE" | "ENCODE"): number {
  const ba = format.bitsAllocated;
  if (ba !== 8 && ba !== 16 && ba !== 32) {
    throw new DicomError("UNSUPPORTED", `RLE with Bits Allocated ${ba} is not supported`, { tagPath: "BitsAllocated (0028,0100)" });
  }
  const segments = format.samplesPerPixel * (ba / 8);
  // PS3.5 G.5: the header has room for 15 segment offsets.
  if (segments > 15) throw new DicomError(code, `RLE needs ${segments} segments, at most 15 fit`);
  return segments;
}

/** PS3.5 G.3.2: decodes one PackBits segment into `out` (exactly out.length bytes). */
function unpackSegment(src: Uint8Array, out: Uint8Array, segment: number): void {
  let i = 0;
  let o = 0;
  const end = src.length;
  while (o < out.length) {
    if (i >= end) throw new DicomError("DECODE", `RLE segment ${segment} ends after ${o} of ${out.length} bytes`);
    const n = src[i++];
    if (n < 128) {
      const count = n + 1;
      if (i + count > end || o + count > out.length) {
        throw new DicomError("DECODE", `RLE segment ${segment} literal run overflows`);
      }
      out.set(src.subarray(i, i + count), o);
      i += count;
      o += count;
    } else if (n > 128) {
      const count = 257 - n;
      if (i >= end || o + count > out.length) throw new DicomError("DECODE", `RLE segment ${segment} replicate run overflows`);
      out.fill(src[i++], o, o + count);
      o += count;
    }
    // n === 128 is a no-op.
  }
}

/** Decodes one RLE frame (PS3.5 G.5) to pixel-interleaved samples. */
export function decodeRle(frame: Uint8Array, format: PixelFormat): DecodedFrame {
  const segments = check(format, "DECODE");
  if (frame.length < HEADER) throw new DicomError("DECODE", `RLE frame of ${frame.length} bytes has no header`);
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.length);
  const count = dv.getUint32(0, true);
  if (count !== segments) throw new DicomError("DECODE", `RLE header says ${count} segments, format needs ${segments}`);
  const offsets: number[] = [];
  for (let s = 0; s < count; s++) offsets.push(dv.getUint32(4 + s * 4, true));
  offsets.push(frame.length);
  for (let s = 0; s < count; s++) {
    if (offsets[s] < HEADER || offsets[s] > offsets[s + 1]) throw new DicomError("DECODE", `RLE segment ${s} offset is invalid`);
  }
  const pixels = format.rows * format.columns;
  const spp = format.samplesPerPixel;
  const bytesPerSample = format.bitsAllocated / 8;
  const planes = new Uint8Array(pixels);
  const words = new Float64Array(pixels * spp);
  // PS3.5 G.2: segments go sample by sample, most significant byte first.
  for (let s = 0; s < count; s++) {
    unpackSegment(frame.subarray(offsets[s], offsets[s + 1]), planes, s);
    const sample = Math.floor(s / bytesPerSample);
    const weight = 2 ** (8 * (bytesPerSample - 1 - (s % bytesPerSample)));
    for (let p = 0; p < pixels; p++) words[p * spp + sample] += planes[p] * weight;
  }
  return decodedFrame(toDatasetSamples(words, format), format);
}

/** PS3.5 G.3.1: PackBits of one row into out at `at`; runs of 3 or more replicated, packets of 128 bytes at most. */
function packRow(row: Uint8Array, out: Uint8Array, at: number): number {
  const n = row.length;
  let i = 0;
  while (i < n) {
    let run = 1;
    while (i + run < n && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 3) {
      out[at++] = 257 - run;
      out[at++] = row[i];
      i += run;
      continue;
    }
    const start = i;
    while (i < n && i - start < 128) {
      if (i + 2 < n && row[i] === row[i + 1] && row[i] === row[i + 2]) break;
      i++;
    }
    out[at++] = i - start - 1;
    out.set(row.subarray(start, i), at);
    at += i - start;
  }
  return at;
}

/** Encodes one frame as RLE (PS3.5 G.3, G.5): one segment per sample byte, each row packed separately. */
export function encodeRle(frame: DecodedFrame, format: PixelFormat): Uint8Array {
  const segments = check(format, "ENCODE");
  const src = frameSamples(frame, format);
  const { rows, columns, samplesPerPixel: spp } = format;
  const bytesPerSample = format.bitsAllocated / 8;
  const span = 2 ** format.bitsAllocated;
  const parts: Uint8Array[] = [];
  const row = new Uint8Array(columns);
  const worst = rows * (columns + Math.ceil(columns / 128)) + 1;
  for (let s = 0; s < segments; s++) {
    const sample = Math.floor(s / bytesPerSample);
    const divisor = 2 ** (8 * (bytesPerSample - 1 - (s % bytesPerSample)));
    const out = new Uint8Array(worst);
    let at = 0;
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < columns; x++) {
        const v = src[(y * columns + x) * spp + sample];
        const word = v < 0 ? v + span : v;
        row[x] = Math.floor(word / divisor) & 0xff;
      }
      at = packRow(row, out, at);
    }
    if (at % 2) out[at++] = 0; // PS3.5 G.5: segments have even length.
    parts.push(out.subarray(0, at));
  }
  const total = HEADER + parts.reduce((n, p) => n + p.length, 0);
  const result = new Uint8Array(total);
  const dv = new DataView(result.buffer);
  dv.setUint32(0, segments, true);
  let at = HEADER;
  parts.forEach((p, s) => {
    dv.setUint32(4 + s * 4, at, true);
    result.set(p, at);
    at += p.length;
  });
  return result;
}

/** The RLE Lossless codec (decode and encode, pure TypeScript). */
export const rleCodec: Codec = {
  name: "rle",
  transferSyntaxes: [RLE_LOSSLESS],
  lossless: true,
  decode: decodeRle,
  encode: async (frame, format) => encodeRle(frame, format),
  encodedFormat: (format) => ({ ...format, planarConfiguration: 0 }),
};
