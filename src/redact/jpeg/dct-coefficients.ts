// Quantized DCT coefficients of every block of every component, decoded from the Huffman
// entropy-coded scans of a sequential JPEG (ITU-T T.81 F.2.2) and walked in coding order.
import { DicomError } from "../../core/errors.js";
import { EntropyReader } from "./entropy-reader.js";
import { huffmanDecoder } from "./huffman-table.js";
import type { FrameHeader, JpegStructure, ScanInfo } from "./jpeg-structure.js";

/** The coefficient blocks of one component, on the grid of interleaved MCUs (T.81 A.2.3). */
export interface CoefficientPlane {
  /** Blocks per line and per column, padded to whole MCUs. */
  readonly blocksPerLine: number;
  readonly blocksPerColumn: number;
  /** Blocks a non-interleaved scan codes per line and per column (T.81 A.2.2). */
  readonly codedBlocksPerLine: number;
  readonly codedBlocksPerColumn: number;
  /** 64 quantized coefficients per block, in zig-zag order, blocks in raster order. */
  readonly coefficients: Int16Array;
}

/** Empty coefficient planes sized for the frame's components. */
export function allocatePlanes(frame: FrameHeader): CoefficientPlane[] {
  return frame.components.map((c) => {
    const blocksPerLine = frame.mcusPerLine * c.h;
    const blocksPerColumn = frame.mcusPerColumn * c.v;
    return {
      blocksPerLine,
      blocksPerColumn,
      // T.81 A.1.1: component dimensions are ceil(X * Hi / Hmax), ceil(Y * Vi / Vmax).
      codedBlocksPerLine: Math.ceil(Math.ceil((frame.width * c.h) / frame.maxH) / 8),
      codedBlocksPerColumn: Math.ceil(Math.ceil((frame.height * c.v) / frame.maxV) / 8),
      coefficients: new Int16Array(blocksPerLine * blocksPerColumn * 64),
    };
  });
}

/**
 * Calls `block(slot, offset)` for every block of the scan in coding order (slot = index of the
 * scan component, offset = index of the block's first coefficient in its plane), and
 * `restart(m)` before the m-th restart interval after the first (T.81 A.2, B.2.4.4).
 */
export function walkScan(
  frame: FrameHeader,
  scan: ScanInfo,
  planes: readonly CoefficientPlane[],
  block: (slot: number, offset: number) => void,
  restart: (count: number) => void,
): void {
  const ri = scan.restartInterval;
  let mcu = 0;
  let restarts = 0;
  const nextMcu = (): void => {
    if (ri > 0 && mcu > 0 && mcu % ri === 0) restart(restarts++);
    mcu++;
  };
  if (scan.components.length === 1) {
    // T.81 A.2.2: a non-interleaved scan codes the component's blocks in raster order, one per MCU.
    const plane = planes[scan.components[0].component];
    for (let by = 0; by < plane.codedBlocksPerColumn; by++) {
      for (let bx = 0; bx < plane.codedBlocksPerLine; bx++) {
        nextMcu();
        block(0, (by * plane.blocksPerLine + bx) * 64);
      }
    }
    return;
  }
  // T.81 A.2.3: an interleaved MCU holds Hi x Vi blocks of each scan component, in order.
  const comps = scan.components.map((sc) => ({ c: frame.components[sc.component], plane: planes[sc.component] }));
  for (let my = 0; my < frame.mcusPerColumn; my++) {
    for (let mx = 0; mx < frame.mcusPerLine; mx++) {
      nextMcu();
      for (let slot = 0; slot < comps.length; slot++) {
        const { c, plane } = comps[slot];
        for (let v = 0; v < c.v; v++) {
          const row = (my * c.v + v) * plane.blocksPerLine + mx * c.h;
          for (let h = 0; h < c.h; h++) block(slot, (row + h) * 64);
        }
      }
    }
  }
}

/** Largest DC difference category for the precision (T.81 F.1.2.1.1, Table F.1 for P = 8; P + 3 in general). */
function maxDcCategory(precision: number): number {
  return precision + 3;
}

/** Decodes the quantized coefficients of every scan (T.81 F.2.2, Figures F.12-F.14). */
export function decodeCoefficients(data: Uint8Array, structure: JpegStructure): CoefficientPlane[] {
  const { frame } = structure;
  const planes = allocatePlanes(frame);
  const maxDc = maxDcCategory(frame.precision);
  for (const scan of structure.scans) {
    const reader = new EntropyReader(data, scan.dataStart, scan.dataEnd);
    const dcTables = scan.components.map((sc) => huffmanDecoder(sc.dcTable));
    const acTables = scan.components.map((sc) => huffmanDecoder(sc.acTable));
    const coefs = scan.components.map((sc) => planes[sc.component].coefficients);
    const pred = new Int32Array(scan.components.length);
    walkScan(
      frame,
      scan,
      planes,
      (slot, o) => {
        const blk = coefs[slot];
        // T.81 F.2.2.1: DC difference, added to the prediction from the previous block.
        const t = reader.decode(dcTables[slot]);
        if (t > maxDc) throw new DicomError("DECODE", `DC difference category ${t} too large`, { offset: reader.position });
        const dc = pred[slot] + reader.receiveExtend(t);
        // T.81 A.3.1: |DC| < 2^(P+3) / Q, so outside 16 bits the stream is corrupt.
        if (dc < -32767 || dc > 32767) throw new DicomError("DECODE", "DC coefficient out of range", { offset: reader.position });
        pred[slot] = dc;
        blk[o] = dc;
        // T.81 F.2.2.2 Figure F.13: run/size symbols, ZRL = 0xF0, EOB = 0x00.
        const ac = acTables[slot];
        for (let k = 1; k < 64; ) {
          const rs = reader.decode(ac);
          const s = rs & 15;
          const r = rs >> 4;
          if (s === 0) {
            if (r !== 15) break;
            k += 16;
            if (k > 64) throw new DicomError("DECODE", "AC run past the end of a block", { offset: reader.position });
            continue;
          }
          k += r;
          if (k > 63) throw new DicomError("DECODE", "AC run past the end of a block", { offset: reader.position });
          blk[o + k] = reader.receiveExtend(s);
          k++;
        }
      },
      (m) => {
        reader.restart(m);
        pred.fill(0);
      },
    );
    reader.checkNotOverrun();
  }
  return planes;
}
