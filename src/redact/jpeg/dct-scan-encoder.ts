// Huffman encoding of quantized DCT coefficients, scan by scan (ITU-T T.81 F.1.2), with a
// counting pass that gathers the symbol statistics for optimal tables (T.81 K.2).
import { DicomError } from "../../core/errors.js";
import { walkScan, type CoefficientPlane } from "./dct-coefficients.js";
import type { EntropyWriter } from "./entropy-writer.js";
import type { HuffmanEncoder } from "./huffman-table.js";
import type { FrameHeader, ScanInfo } from "./jpeg-structure.js";
import { RST0 } from "./markers.js";

/** Symbol frequencies of one scan: one 256-entry DC and AC histogram per scan component. */
export interface ScanSymbolCounts {
  readonly dc: Uint32Array[];
  readonly ac: Uint32Array[];
}

/** Magnitude category SSSS of a value (T.81 F.1.2.1.1 Table F.1, F.1.2.2.1 Table F.2). */
export function magnitudeCategory(v: number): number {
  return 32 - Math.clz32(v < 0 ? -v : v);
}

/** Counts the DC and AC symbols each scan component would emit (T.81 K.2 statistics pass). */
export function countScanSymbols(
  frame: FrameHeader,
  scan: ScanInfo,
  planes: readonly CoefficientPlane[],
): ScanSymbolCounts {
  const n = scan.components.length;
  const dc = Array.from({ length: n }, () => new Uint32Array(256));
  const ac = Array.from({ length: n }, () => new Uint32Array(256));
  const coefs = scan.components.map((sc) => planes[sc.component].coefficients);
  const pred = new Int32Array(n);
  // T.81 F.1.2.1.1: DC differences fall in categories 0..P+3.
  const maxDc = frame.precision + 3;
  walkScan(
    frame,
    scan,
    planes,
    (slot, o) => {
      const blk = coefs[slot];
      const s = magnitudeCategory(blk[o] - pred[slot]);
      if (s > maxDc) throw new DicomError("ENCODE", `DC difference category ${s} exceeds precision limit`);
      pred[slot] = blk[o];
      dc[slot][s]++;
      const hist = ac[slot];
      let r = 0;
      for (let k = 1; k < 64; k++) {
        const v = blk[o + k];
        if (v === 0) {
          r++;
          continue;
        }
        for (; r > 15; r -= 16) hist[0xf0]++;
        const size = magnitudeCategory(v);
        if (size > 15) throw new DicomError("ENCODE", "AC coefficient out of range");
        hist[(r << 4) | size]++;
        r = 0;
      }
      if (r > 0) hist[0]++;
    },
    () => pred.fill(0),
  );
  return { dc, ac };
}

/**
 * Writes the entropy-coded data of one scan with the given encoders (one per scan component),
 * with RSTm markers every restart interval (T.81 F.1.2, F.1.2.3, B.2.4.4). Returns false, with
 * the writer's content then unusable, as soon as a symbol has no code in its table.
 */
export function writeScan(
  writer: EntropyWriter,
  frame: FrameHeader,
  scan: ScanInfo,
  planes: readonly CoefficientPlane[],
  dcEncoders: readonly HuffmanEncoder[],
  acEncoders: readonly HuffmanEncoder[],
): boolean {
  const n = scan.components.length;
  const coefs = scan.components.map((sc) => planes[sc.component].coefficients);
  const pred = new Int32Array(n);
  const maxDc = frame.precision + 3;
  let complete = true;
  walkScan(
    frame,
    scan,
    planes,
    (slot, o) => {
      if (!complete) return;
      const blk = coefs[slot];
      // T.81 F.1.2.1: DC difference as category code plus the low bits (negative: diff - 1).
      const diff = blk[o] - pred[slot];
      pred[slot] = blk[o];
      const dcEnc = dcEncoders[slot];
      const s = magnitudeCategory(diff);
      if (s > maxDc) throw new DicomError("ENCODE", `DC difference category ${s} exceeds precision limit`);
      if (dcEnc.size[s] === 0) complete = false;
      writer.write(dcEnc.code[s], dcEnc.size[s]);
      writer.write(diff < 0 ? diff - 1 : diff, s);
      // T.81 F.1.2.2 Figure F.2: zero runs of 16 as ZRL (0xF0), trailing zeros as EOB (0x00).
      const acEnc = acEncoders[slot];
      const acSize = acEnc.size;
      let r = 0;
      for (let k = 1; k < 64; k++) {
        const v = blk[o + k];
        if (v === 0) {
          r++;
          continue;
        }
        for (; r > 15; r -= 16) {
          if (acSize[0xf0] === 0) complete = false;
          writer.write(acEnc.code[0xf0], acSize[0xf0]);
        }
        const size = magnitudeCategory(v);
        const rs = (r << 4) | size;
        if (acSize[rs] === 0) complete = false;
        writer.write(acEnc.code[rs], acSize[rs]);
        writer.write(v < 0 ? v - 1 : v, size);
        r = 0;
      }
      if (r > 0) {
        if (acSize[0] === 0) complete = false;
        writer.write(acEnc.code[0], acSize[0]);
      }
    },
    (m) => {
      writer.marker(RST0 + (m & 7));
      pred.fill(0);
    },
  );
  writer.flush();
  return complete;
}
