// Block-selective redaction of sequential DCT JPEG (ITU-T T.81 processes 1, 2 and 4): every
// 8x8 block whose pixels meet a rectangle becomes flat; all other blocks keep their exact
// quantized coefficients, so they decode to the same pixels as before.
import { DicomError } from "../../core/errors.js";
import { blocksIntersecting, clipRect, geometryOfStructure, type JpegColorModel, type JpegRect } from "./block-geometry.js";
import { decodeCoefficients, type CoefficientPlane } from "./dct-coefficients.js";
import { countScanSymbols, writeScan, type ScanSymbolCounts } from "./dct-scan-encoder.js";
import { EntropyWriter } from "./entropy-writer.js";
import { optimalHuffmanSpec } from "./huffman-optimal.js";
import { dhtSegment, huffmanEncoder, type HuffmanEncoder, type HuffmanTableDef } from "./huffman-table.js";
import { parseJpegStructure, type FrameHeader, type JpegStructure, type ScanInfo } from "./jpeg-structure.js";
import { DHT, SOS } from "./markers.js";

/** Options of redactJpegBlocks. */
export interface JpegBlockRedactOptions {
  /**
   * Fill sample value(s), 0..2^P-1. A number is the level of the first component (luma); for
   * YCbCr the chroma components get the neutral 2^(P-1), otherwise every component gets the
   * number. An array gives each component's value. Default 0 (the darkest).
   */
  readonly fill?: number | readonly number[];
  /** Overrides the colour model read from the markers (e.g. "rgb" when DICOM says RGB). */
  readonly colorModel?: JpegColorModel;
  /**
   * "auto" (default) keeps the original DHT segments when they have a code for every symbol
   * the new data needs, else builds optimal tables (T.81 K.2); "optimal" always builds them.
   */
  readonly huffman?: "auto" | "optimal";
}

/** What redactJpegBlocksDetailed did. */
export interface JpegBlockRedaction {
  readonly jpeg: Uint8Array;
  /** Number of blocks set to the fill, per frame component. */
  readonly blocksFilled: readonly number[];
  /** Whether the output keeps the original Huffman tables or carries optimal ones. */
  readonly huffmanTables: "original" | "optimal";
}

/**
 * Sets every block whose pixel area intersects a rectangle to a flat fill and re-encodes the
 * JPEG; other blocks keep their quantized coefficients. DQT, SOF, APPn, COM, DRI and SOS
 * segments are copied byte for byte. Throws UNSUPPORTED for progressive, lossless,
 * hierarchical and arithmetic-coded JPEG.
 */
export function redactJpegBlocks(
  jpeg: Uint8Array,
  rects: readonly JpegRect[],
  options: JpegBlockRedactOptions = {},
): Uint8Array {
  return redactJpegBlocksDetailed(jpeg, rects, options).jpeg;
}

/** As redactJpegBlocks, also reporting the blocks filled and the Huffman tables used. */
export function redactJpegBlocksDetailed(
  jpeg: Uint8Array,
  rects: readonly JpegRect[],
  options: JpegBlockRedactOptions = {},
): JpegBlockRedaction {
  const structure = parseJpegStructure(jpeg);
  const { frame } = structure;
  const clipped = rects.map((r) => clipRect(r, frame.width, frame.height)).filter((r) => r !== undefined);
  const dcFill = fillDcValues(structure, options);
  if (clipped.length === 0) {
    return { jpeg: jpeg.slice(), blocksFilled: frame.components.map(() => 0), huffmanTables: "original" };
  }
  const planes = decodeCoefficients(jpeg, structure);
  const blocksFilled = frame.components.map((_, c) => fillBlocks(frame, c, planes[c], clipped, dcFill[c]));
  if (options.huffman !== "optimal") {
    const out = writeJpeg(jpeg, structure, planes, undefined);
    if (out) return { jpeg: out, blocksFilled, huffmanTables: "original" };
  }
  const counts = structure.scans.map((scan) => countScanSymbols(frame, scan, planes));
  const out = writeJpeg(jpeg, structure, planes, counts);
  if (!out) throw new DicomError("ENCODE", "optimal Huffman table lacks a code");
  return { jpeg: out, blocksFilled, huffmanTables: "optimal" };
}

/**
 * Quantized DC of a flat block of sample value `level` (T.81 A.3.3: F(0,0) = 8 x the
 * level-shifted value): of floor and ceil of (level - 2^(P-1)) * 8 / Q00, the one whose
 * reconstruction, clamped to the sample range, lies nearer the level; ties go darker. For
 * level 0 this is the floor, so every decoder clamps the block to exactly 0.
 */
function flatDc(level: number, precision: number, q: number): number {
  const mid = 1 << (precision - 1);
  const max = (1 << precision) - 1;
  const ideal = ((level - mid) * 8) / q;
  const error = (dc: number): number => Math.abs(Math.min(max, Math.max(0, (dc * q) / 8 + mid)) - level);
  const lo = Math.floor(ideal);
  const hi = Math.ceil(ideal);
  return error(hi) < error(lo) ? hi : lo;
}

function fillDcValues(structure: JpegStructure, options: JpegBlockRedactOptions): number[] {
  const { frame } = structure;
  const n = frame.components.length;
  const max = (1 << frame.precision) - 1;
  const mid = 1 << (frame.precision - 1);
  const model = options.colorModel ?? geometryOfStructure(structure).colorModel;
  const fill = options.fill ?? 0;
  let levels: number[];
  if (typeof fill === "number") {
    levels = frame.components.map((_, c) => (model === "ycbcr" && c > 0 ? mid : fill));
  } else {
    if (fill.length !== n) {
      throw new DicomError("BAD_VALUE", `Argument "fill" must hold ${n} values, one per component`);
    }
    levels = [...fill];
  }
  if (!levels.every((l) => Number.isInteger(l) && l >= 0 && l <= max)) {
    throw new DicomError("BAD_VALUE", `Argument "fill" must hold integers from 0 to ${max}`);
  }
  return levels.map((l, c) => {
    const q = structure.dcQuantizers[c];
    return q === undefined ? 0 : flatDc(l, frame.precision, q);
  });
}

/** Sets the blocks of one component that meet any rectangle to DC = dc, AC = 0; returns how many. */
function fillBlocks(frame: FrameHeader, c: number, plane: CoefficientPlane, rects: readonly JpegRect[], dc: number): number {
  const marked = new Uint8Array(plane.blocksPerLine * plane.blocksPerColumn);
  let count = 0;
  for (const rect of rects) {
    const r = blocksIntersecting(frame, c, rect);
    for (let by = r.y0; by < r.y1; by++) {
      for (let bx = r.x0; bx < r.x1; bx++) {
        const b = by * plane.blocksPerLine + bx;
        if (marked[b]) continue;
        marked[b] = 1;
        count++;
        plane.coefficients[b * 64] = dc;
        plane.coefficients.fill(0, b * 64 + 1, b * 64 + 64);
      }
    }
  }
  return count;
}

/** Optimal tables for one scan: one per (class, id) the scan uses, from the summed statistics. */
function optimalScanTables(
  scan: ScanInfo,
  counts: ScanSymbolCounts,
): { defs: HuffmanTableDef[]; dc: HuffmanEncoder[]; ac: HuffmanEncoder[] } {
  const sums = new Map<number, Uint32Array>();
  const add = (key: number, hist: Uint32Array): void => {
    const sum = sums.get(key) ?? new Uint32Array(256);
    for (let s = 0; s < 256; s++) sum[s] += hist[s];
    sums.set(key, sum);
  };
  scan.components.forEach((sc, slot) => {
    add(sc.dcTableId, counts.dc[slot]);
    add(16 + sc.acTableId, counts.ac[slot]);
  });
  const defs: HuffmanTableDef[] = [];
  const encoders = new Map<number, HuffmanEncoder>();
  for (const [key, hist] of [...sums].sort((a, b) => a[0] - b[0])) {
    const spec = optimalHuffmanSpec(hist);
    defs.push({ tableClass: key >= 16 ? 1 : 0, id: key & 15, spec });
    encoders.set(key, huffmanEncoder(spec));
  }
  return {
    defs,
    dc: scan.components.map((sc) => encoders.get(sc.dcTableId)!),
    ac: scan.components.map((sc) => encoders.get(16 + sc.acTableId)!),
  };
}

/**
 * Writes the segments in their original order and bytes, each scan's entropy-coded data
 * re-encoded. Without counts, with the original tables: undefined when they lack a code the
 * data needs. With counts, with optimal tables: original DHT segments are dropped and each SOS
 * is preceded by a DHT holding the tables that scan uses (T.81 B.2.4.2 allows tables between scans).
 */
function writeJpeg(
  jpeg: Uint8Array,
  structure: JpegStructure,
  planes: readonly CoefficientPlane[],
  counts: readonly ScanSymbolCounts[] | undefined,
): Uint8Array | undefined {
  const writer = new EntropyWriter(jpeg.length + 4096);
  let scanIndex = 0;
  for (const seg of structure.segments) {
    if (seg.marker === DHT && counts) continue;
    if (seg.marker !== SOS) {
      writer.bytes(jpeg.subarray(seg.start, seg.end));
      continue;
    }
    const scan = structure.scans[scanIndex];
    let dc: HuffmanEncoder[];
    let ac: HuffmanEncoder[];
    if (counts) {
      const tables = optimalScanTables(scan, counts[scanIndex]);
      writer.bytes(dhtSegment(tables.defs));
      dc = tables.dc;
      ac = tables.ac;
    } else {
      dc = scan.components.map((sc) => huffmanEncoder(sc.dcTable));
      ac = scan.components.map((sc) => huffmanEncoder(sc.acTable));
    }
    scanIndex++;
    writer.bytes(jpeg.subarray(seg.start, seg.end));
    if (!writeScan(writer, structure.frame, scan, planes, dc, ac)) return undefined;
  }
  return writer.finish();
}
