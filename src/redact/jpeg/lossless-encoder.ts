// JPEG lossless encoder (ITU-T T.81 Annex H, process 14): one interleaved scan, any
// predictor 1-7, no point transform, Huffman tables built from the data (T.81 K.2).
import { DicomError } from "../../core/errors.js";
import { EntropyWriter } from "./entropy-writer.js";
import { optimalHuffmanSpec } from "./huffman-optimal.js";
import { dhtSegment, huffmanEncoder, type HuffmanSpec, type HuffmanTableDef } from "./huffman-table.js";
import { EOI, SOF3, SOI, SOS } from "./markers.js";

/** Image description and coding choices for encodeJpegLossless. */
export interface JpegLosslessOptions {
  readonly width: number;
  readonly height: number;
  /** Samples per pixel, 1..4; with more than one the samples are pixel-interleaved (R,G,B,R,...). */
  readonly components: number;
  /** Sample precision P, 2..16 bits (T.81 B.2.2 Table B.2). */
  readonly precision: number;
  /** Predictor selection value 1..7 (T.81 H.1.2.1 Table H.1); 1 is the DICOM "SV1" syntax. Default 1. */
  readonly predictor?: number;
}

function check(ok: boolean, reason: string): void {
  if (!ok) throw new DicomError("ENCODE", reason);
}

/**
 * Prediction differences of every sample, pixel-interleaved, modulo 2^16 as signed 16-bit
 * values (T.81 H.1.2.1, H.1.2.2), plus their magnitude-category histogram per component.
 */
function differences(
  pixels: Uint8Array | Uint16Array,
  o: Required<JpegLosslessOptions>,
): { diffs: Int16Array; histograms: Uint32Array[] } {
  const { width, height, components: nc, precision, predictor } = o;
  const diffs = new Int16Array(pixels.length);
  const histograms = Array.from({ length: nc }, () => new Uint32Array(256));
  const line = width * nc;
  let or = 0;
  for (let i = 0; i < pixels.length; i++) or |= pixels[i];
  check(or >>> precision === 0, `a sample exceeds the ${precision}-bit range`);
  for (let c = 0; c < nc; c++) {
    const hist = histograms[c];
    for (let y = 0; y < height; y++) {
      const row = y * line;
      for (let x = 0; x < width; x++) {
        const i = row + x * nc + c;
        let px: number;
        // T.81 H.1.2.1: the first line uses Ra (the first sample 2^(P-1)), each line's first sample Rb.
        if (y === 0) px = x === 0 ? 1 << (precision - 1) : pixels[i - nc];
        else if (x === 0) px = pixels[i - line];
        else {
          const ra = pixels[i - nc];
          const rb = pixels[i - line];
          const rc = pixels[i - line - nc];
          switch (predictor) {
            case 1:
              px = ra;
              break;
            case 2:
              px = rb;
              break;
            case 3:
              px = rc;
              break;
            case 4:
              px = ra + rb - rc;
              break;
            case 5:
              px = ra + ((rb - rc) >> 1);
              break;
            case 6:
              px = rb + ((ra - rc) >> 1);
              break;
            default:
              px = (ra + rb) >> 1;
          }
        }
        // T.81 H.1.2.1: the difference is taken modulo 2^16.
        const d = ((pixels[i] - px) << 16) >> 16;
        diffs[i] = d;
        hist[d === -32768 ? 16 : 32 - Math.clz32(d < 0 ? -d : d)]++;
      }
    }
  }
  return { diffs, histograms };
}

/** Total bits of the entropy-coded data: codes plus SSSS extra bits (none for SSSS 16). */
function totalBits(specs: readonly HuffmanSpec[], histograms: readonly Uint32Array[]): number {
  let bits = 0;
  specs.forEach((spec, c) => {
    const enc = huffmanEncoder(spec);
    for (let s = 0; s <= 16; s++) bits += histograms[c][s] * (enc.size[s] + (s < 16 ? s : 0));
  });
  return bits;
}

/**
 * Makes the coded data end with at least one padding bit, by swapping the code lengths of two
 * symbols when it would end byte-aligned. Any length assignment is a valid table (T.81 K.2
 * is only the shortest one); this costs a few bits. Some decoders (jpeg-lossless-decoder-js)
 * drop the last sample when its code ends exactly where the EOI marker begins.
 */
function avoidByteAlignedEnd(specs: HuffmanSpec[], histograms: readonly Uint32Array[]): void {
  if (totalBits(specs, histograms) % 8 !== 0) return;
  for (let c = 0; c < specs.length; c++) {
    const { counts, symbols } = specs[c];
    const lengths: number[] = [];
    counts.forEach((n, i) => lengths.push(...new Array<number>(n).fill(i + 1)));
    const freq = (k: number): number => histograms[c][symbols[k]];
    // Swapping entries j < k of HUFFVAL swaps their code lengths: total changes by (lk - lj)(fj - fk).
    for (let j = 0; j < symbols.length; j++) {
      for (let k = j + 1; k < symbols.length; k++) {
        if (((lengths[k] - lengths[j]) * (freq(j) - freq(k))) % 8 === 0) continue;
        const swapped = symbols.slice();
        [swapped[j], swapped[k]] = [swapped[k], swapped[j]];
        specs[c] = { counts, symbols: swapped };
        return;
      }
    }
  }
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/**
 * Encodes pixels as a JPEG lossless (process 14) stream: SOF3, one DHT with one table per
 * component built from the data, one interleaved scan with predictor Ss and no point
 * transform (Al = 0), so it decodes to exactly the input (DICOM 1.2.840.10008.1.2.4.57/.70).
 */
export function encodeJpegLossless(pixels: Uint8Array | Uint16Array, options: JpegLosslessOptions): Uint8Array {
  const o: Required<JpegLosslessOptions> = { predictor: 1, ...options };
  const { width, height, components: nc, precision, predictor } = o;
  check(Number.isInteger(width) && width >= 1 && width <= 0xffff, 'Argument "width" must be 1..65535');
  check(Number.isInteger(height) && height >= 1 && height <= 0xffff, 'Argument "height" must be 1..65535');
  // T.81 B.2.3: a scan holds at most 4 components.
  check(Number.isInteger(nc) && nc >= 1 && nc <= 4, 'Argument "components" must be 1..4');
  check(Number.isInteger(precision) && precision >= 2 && precision <= 16, 'Argument "precision" must be 2..16');
  check(Number.isInteger(predictor) && predictor >= 1 && predictor <= 7, 'Argument "predictor" must be 1..7');
  check(pixels.length === width * height * nc, 'Argument "pixels" must hold width x height x components samples');

  const { diffs, histograms } = differences(pixels, o);
  const specs = histograms.map((h) => optimalHuffmanSpec(h));
  avoidByteAlignedEnd(specs, histograms);
  const tables: HuffmanTableDef[] = specs.map((spec, c) => ({ tableClass: 0, id: c, spec }));
  const encoders = tables.map((t) => huffmanEncoder(t.spec));

  const header: number[] = [0xff, SOI];
  // T.81 B.2.2: SOF3 with H = V = 1 and Tq = 0 for every component.
  const sof = [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, nc];
  for (let c = 0; c < nc; c++) sof.push(c + 1, 0x11, 0);
  header.push(...segment(SOF3, sof));
  const writer = new EntropyWriter(pixels.length * (precision > 8 ? 2 : 1) + 1024);
  writer.bytes(Uint8Array.from(header));
  writer.bytes(dhtSegment(tables));
  // T.81 B.2.3, H.2: Ss = predictor, Se = 0, Ah = 0, Al = 0 (no point transform).
  const sos = [nc];
  for (let c = 0; c < nc; c++) sos.push(c + 1, c << 4);
  sos.push(predictor, 0, 0);
  writer.bytes(Uint8Array.from(segment(SOS, sos)));

  // T.81 H.1.2.2: category code, then SSSS low bits of the difference (negative: diff - 1);
  // category 16 (difference 32768) has no extra bits.
  for (let i = 0; i < diffs.length; ) {
    for (let c = 0; c < nc; c++, i++) {
      const d = diffs[i];
      const enc = encoders[c];
      if (d === -32768) {
        writer.write(enc.code[16], enc.size[16]);
        continue;
      }
      const s = 32 - Math.clz32(d < 0 ? -d : d);
      writer.write(enc.code[s], enc.size[s]);
      writer.write(d < 0 ? d - 1 : d, s);
    }
  }
  writer.marker(EOI);
  return writer.finish();
}
