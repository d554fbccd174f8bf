// Marker-level structure of a sequential Huffman DCT JPEG (ITU-T T.81 Annex B): the segments
// in order, the frame header, and every scan with the tables in force when it starts.
import { DicomError } from "../../core/errors.js";
import { parseDht, type HuffmanSpec } from "./huffman-table.js";
import {
  DAC,
  DHT,
  DNL,
  DQT,
  DRI,
  EOI,
  SOF0,
  SOF1,
  SOI,
  SOS,
  frameProcessName,
  isRestart,
  isStandalone,
  isStartOfFrame,
} from "./markers.js";

/** One component of the frame header (T.81 B.2.2). */
export interface FrameComponent {
  /** Component identifier Ci. */
  readonly id: number;
  /** Horizontal and vertical sampling factors Hi, Vi (1..4). */
  readonly h: number;
  readonly v: number;
  /** Quantization table destination Tqi. */
  readonly quantTable: number;
}

/** The frame header (T.81 B.2.2) with derived MCU geometry (T.81 A.2). */
export interface FrameHeader {
  /** SOF0 (baseline) or SOF1 (extended sequential). */
  readonly marker: number;
  /** Sample precision P: 8, or 12 for extended. */
  readonly precision: number;
  readonly width: number;
  readonly height: number;
  readonly components: readonly FrameComponent[];
  readonly maxH: number;
  readonly maxV: number;
  /** MCUs of an interleaved scan per line and per column (T.81 A.2.3). */
  readonly mcusPerLine: number;
  readonly mcusPerColumn: number;
}

/** One component of a scan header (T.81 B.2.3), by index into the frame's components. */
export interface ScanComponent {
  readonly component: number;
  readonly dcTable: HuffmanSpec;
  readonly acTable: HuffmanSpec;
  /** Table destinations Tdj, Taj as written in the scan header. */
  readonly dcTableId: number;
  readonly acTableId: number;
}

/** A scan: where its header and entropy-coded data lie, and the tables in force for it. */
export interface ScanInfo {
  readonly components: readonly ScanComponent[];
  /** Restart interval Ri in MCUs (T.81 B.2.4.4), 0 when none. */
  readonly restartInterval: number;
  /** Byte range of the SOS marker segment, and of the entropy-coded data that follows it. */
  readonly headerStart: number;
  readonly dataStart: number;
  readonly dataEnd: number;
}

/** A marker segment or stand-alone marker: byte range from its 0xFF to its end. */
export interface Segment {
  readonly marker: number;
  readonly start: number;
  readonly end: number;
}

/** Everything the block redactor needs to know about a JPEG's markers. */
export interface JpegStructure {
  readonly frame: FrameHeader;
  /** Marker segments in stream order, SOI through EOI; SOS segments end at the header. */
  readonly segments: readonly Segment[];
  readonly scans: readonly ScanInfo[];
  /** DC quantizer Q00 of each component, from the tables in force at its first scan. */
  readonly dcQuantizers: readonly number[];
  /** APP14 "Adobe" colour transform flag (0 = none, 1 = YCbCr, 2 = YCCK), or -1 when absent. */
  readonly adobeTransform: number;
  /** True when an APP0 "JFIF" segment is present (T.871: components are YCbCr). */
  readonly jfif: boolean;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

function parseFrame(marker: number, body: Uint8Array, offset: number): FrameHeader {
  if (marker !== SOF0 && marker !== SOF1) {
    throw new DicomError("UNSUPPORTED", `JPEG ${frameProcessName(marker)} is not a sequential Huffman DCT process`, {
      offset,
    });
  }
  if (body.length < 6) throw new DicomError("DECODE", "SOF segment truncated", { offset });
  const precision = body[0];
  const height = u16(body, 1);
  const width = u16(body, 3);
  const n = body[5];
  // T.81 B.2.2 Table B.2: P = 8 for baseline, 8 or 12 for extended.
  if (precision !== 8 && !(marker === SOF1 && precision === 12)) {
    throw new DicomError("UNSUPPORTED", `sample precision ${precision} with ${frameProcessName(marker)}`, { offset });
  }
  if (height === 0) throw new DicomError("UNSUPPORTED", "frame height defined by a DNL marker", { offset });
  if (width === 0 || n === 0 || n > 4) {
    throw new DicomError("UNSUPPORTED", `frame of width ${width} with ${n} components`, { offset });
  }
  if (body.length < 6 + 3 * n) throw new DicomError("DECODE", "SOF segment truncated", { offset });
  const components: FrameComponent[] = [];
  for (let i = 0; i < n; i++) {
    const id = body[6 + 3 * i];
    const h = body[7 + 3 * i] >> 4;
    const v = body[7 + 3 * i] & 15;
    const quantTable = body[8 + 3 * i];
    if (h < 1 || h > 4 || v < 1 || v > 4 || quantTable > 3 || components.some((c) => c.id === id)) {
      throw new DicomError("DECODE", `frame component ${i} has invalid sampling, table or a duplicate id`, {
        offset,
      });
    }
    components.push({ id, h, v, quantTable });
  }
  const maxH = Math.max(...components.map((c) => c.h));
  const maxV = Math.max(...components.map((c) => c.v));
  return {
    marker,
    precision,
    width,
    height,
    components,
    maxH,
    maxV,
    mcusPerLine: Math.ceil(width / (8 * maxH)),
    mcusPerColumn: Math.ceil(height / (8 * maxV)),
  };
}

/** End of the entropy-coded data starting at `p`: the first 0xFF of the first non-RST marker. */
function entropyEnd(data: Uint8Array, p: number): number {
  for (;;) {
    const ff = data.indexOf(0xff, p);
    if (ff < 0 || ff + 1 >= data.length) {
      throw new DicomError("DECODE", "entropy-coded data has no end marker", { offset: data.length });
    }
    let q = ff + 1;
    while (q < data.length && data[q] === 0xff) q++; // fill bytes (T.81 B.1.1.2)
    if (q >= data.length) throw new DicomError("DECODE", "entropy-coded data has no end marker", { offset: q });
    const next = data[q];
    if (next !== 0 && !isRestart(next)) return ff;
    p = q + 1;
  }
}

/** Parses the markers of a sequential DCT JPEG; throws UNSUPPORTED for other processes. */
export function parseJpegStructure(data: Uint8Array): JpegStructure {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== SOI) {
    throw new DicomError("DECODE", "JPEG stream does not start with SOI", { offset: 0 });
  }
  const segments: Segment[] = [{ marker: SOI, start: 0, end: 2 }];
  const scans: ScanInfo[] = [];
  const dc: (HuffmanSpec | undefined)[] = [];
  const ac: (HuffmanSpec | undefined)[] = [];
  const quant: (number | undefined)[] = [];
  const dcQuantizers: number[] = [];
  let frame: FrameHeader | undefined;
  let restartInterval = 0;
  let adobeTransform = -1;
  let jfif = false;
  let p = 2;
  for (;;) {
    if (p + 1 >= data.length) throw new DicomError("DECODE", "JPEG stream ends without EOI", { offset: p });
    if (data[p] !== 0xff) throw new DicomError("DECODE", "expected a JPEG marker", { offset: p });
    while (p + 1 < data.length && data[p + 1] === 0xff) p++; // fill bytes
    const marker = data[p + 1];
    const start = p;
    if (marker === EOI) {
      segments.push({ marker, start, end: p + 2 });
      break;
    }
    if (isStandalone(marker)) throw new DicomError("DECODE", "stray stand-alone marker", { offset: p });
    if (p + 4 > data.length) throw new DicomError("DECODE", "marker segment truncated", { offset: p });
    const length = u16(data, p + 2);
    const end = p + 2 + length;
    if (length < 2 || end > data.length) throw new DicomError("DECODE", "marker segment truncated", { offset: p });
    const body = data.subarray(p + 4, end);
    segments.push({ marker, start, end });
    if (isStartOfFrame(marker)) {
      if (frame) throw new DicomError("UNSUPPORTED", "more than one frame header", { offset: p });
      frame = parseFrame(marker, body, p);
    } else if (marker === DHT) {
      for (const t of parseDht(body, p + 4)) (t.tableClass === 0 ? dc : ac)[t.id] = t.spec;
    } else if (marker === DQT) {
      // T.81 B.2.4.1: Pq selects 8- or 16-bit elements; element 0 is the DC quantizer.
      let q = 0;
      while (q < body.length) {
        const pq = body[q] >> 4;
        const tq = body[q] & 15;
        const size = pq === 0 ? 65 : 129;
        if (pq > 1 || tq > 3 || q + size > body.length) {
          throw new DicomError("DECODE", "invalid DQT segment", { offset: p + 4 + q });
        }
        quant[tq] = pq === 0 ? body[q + 1] : u16(body, q + 1);
        q += size;
      }
    } else if (marker === DRI) {
      if (body.length < 2) throw new DicomError("DECODE", "DRI segment truncated", { offset: p });
      restartInterval = u16(body, 0);
    } else if (marker === DAC) {
      throw new DicomError("UNSUPPORTED", "arithmetic-coded JPEG (DAC)", { offset: p });
    } else if (marker === DNL) {
      throw new DicomError("UNSUPPORTED", "DNL marker", { offset: p });
    } else if (marker === 0xee && body.length >= 12 && String.fromCharCode(...body.subarray(0, 5)) === "Adobe") {
      adobeTransform = body[11];
    } else if (marker === 0xe0 && body.length >= 5 && String.fromCharCode(...body.subarray(0, 5)) === "JFIF\0") {
      jfif = true;
    } else if (marker === SOS) {
      if (!frame) throw new DicomError("DECODE", "SOS before the frame header", { offset: p });
      const dataEnd = entropyEnd(data, end);
      scans.push(parseScan(frame, body, p, end, dataEnd, restartInterval, dc, ac, quant, dcQuantizers, scans));
      p = dataEnd;
      continue;
    }
    p = end;
  }
  if (!frame || scans.length === 0) throw new DicomError("DECODE", "JPEG stream has no frame or no scan");
  return { frame, segments, scans, dcQuantizers, adobeTransform, jfif };
}

function parseScan(
  frame: FrameHeader,
  body: Uint8Array,
  start: number,
  dataStart: number,
  dataEnd: number,
  restartInterval: number,
  dc: readonly (HuffmanSpec | undefined)[],
  ac: readonly (HuffmanSpec | undefined)[],
  quant: readonly (number | undefined)[],
  dcQuantizers: number[],
  earlier: readonly ScanInfo[],
): ScanInfo {
  const n = body[0];
  if (n < 1 || n > 4 || body.length < 4 + 2 * n) {
    throw new DicomError("DECODE", "invalid SOS segment", { offset: start });
  }
  const components: ScanComponent[] = [];
  let blocksPerMcu = 0;
  for (let j = 0; j < n; j++) {
    const id = body[1 + 2 * j];
    const component = frame.components.findIndex((c) => c.id === id);
    if (component < 0) throw new DicomError("DECODE", `scan names component id ${id} absent from the frame`, { offset: start });
    const repeated =
      components.some((c) => c.component === component) ||
      earlier.some((s) => s.components.some((c) => c.component === component));
    if (repeated) throw new DicomError("DECODE", `component id ${id} coded in more than one scan`, { offset: start });
    const dcTableId = body[2 + 2 * j] >> 4;
    const acTableId = body[2 + 2 * j] & 15;
    const dcTable = dc[dcTableId];
    const acTable = ac[acTableId];
    // T.81 B.2.3 Table B.3: Td, Ta are 0..1 for baseline, 0..3 otherwise.
    const limit = frame.marker === SOF0 ? 1 : 3;
    if (dcTableId > limit || acTableId > limit || !dcTable || !acTable) {
      throw new DicomError("DECODE", `scan uses an undefined Huffman table (DC ${dcTableId}, AC ${acTableId})`, {
        offset: start,
      });
    }
    const c = frame.components[component];
    const q = quant[c.quantTable];
    if (q === undefined || q === 0) {
      throw new DicomError("DECODE", `quantization table ${c.quantTable} undefined or zero`, { offset: start });
    }
    dcQuantizers[component] = q;
    blocksPerMcu += c.h * c.v;
    components.push({ component, dcTable, acTable, dcTableId, acTableId });
  }
  const ss = body[1 + 2 * n];
  const se = body[2 + 2 * n];
  const ahal = body[3 + 2 * n];
  // T.81 B.2.3: sequential DCT scans code the whole band 0..63 with no successive approximation.
  if (ss !== 0 || se !== 63 || ahal !== 0) {
    throw new DicomError("DECODE", "sequential scan with spectral selection or successive approximation", {
      offset: start,
    });
  }
  // T.81 B.2.3: an interleaved MCU holds at most 10 blocks.
  if (n > 1 && blocksPerMcu > 10) throw new DicomError("DECODE", "interleaved MCU of more than 10 blocks", { offset: start });
  return { components, restartInterval, headerStart: start, dataStart, dataEnd };
}
