// A JPEG DCT decoder in TypeScript for what libjpeg-turbo's 8-bit build cannot do: 12-bit
// precision (T.81 processes 2/4 extended sequential and 10/12 progressive, Huffman coded),
// greyscale only. The inverse DCT is IJG's accurate integer one, so results match dcmtk.
import { DicomError } from "../../core/errors.js";
import { BitReader, type HuffmanTable, ZIGZAG, buildHuffmanTable } from "./jpeg-huffman.js";
import { idctBlock } from "./jpeg-idct.js";

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  blocksWide: number;
  blocksHigh: number;
  /** Coefficients of every block, zig-zag order undone (natural order), 64 per block. */
  coefs: Int32Array;
  pred: number;
  dc?: HuffmanTable;
  ac?: HuffmanTable;
}

interface Frame {
  progressive: boolean;
  precision: number;
  width: number;
  height: number;
  hMax: number;
  vMax: number;
  mcusWide: number;
  mcusHigh: number;
  components: Component[];
}

const fail = (why: string): never => {
  throw new DicomError("DECODE", `JPEG stream: ${why}`);
};

/** Decodes a Huffman-coded DCT JPEG (sequential or progressive, 8 or 12 bit, one component) to samples. */
export function decodeJpegDctSoftware(data: Uint8Array): { width: number; height: number; precision: number; samples: Uint16Array } {
  const quant: Uint16Array[] = [];
  const dcTables: HuffmanTable[] = [];
  const acTables: HuffmanTable[] = [];
  let frame: Frame | undefined;
  let restartInterval = 0;
  let eobrun = 0;
  if (data[0] !== 0xff || data[1] !== 0xd8) fail("no SOI marker");
  let at = 2;
  for (;;) {
    while (at < data.length && data[at] !== 0xff) at++; // tolerate junk between segments
    while (at + 1 < data.length && data[at + 1] === 0xff) at++;
    if (at + 1 >= data.length) break;
    const marker = data[at + 1];
    if (marker === 0xd9) break;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (at + 4 > data.length) fail("truncated marker segment");
    const length = (data[at + 2] << 8) | data[at + 3];
    const seg = data.subarray(at + 4, at + 2 + length);
    if (seg.length !== length - 2) fail("truncated marker segment");
    switch (marker) {
      case 0xdb: // DQT, T.81 B.2.4.1
        for (let p = 0; p < seg.length; ) {
          const wide = seg[p] >> 4, id = seg[p] & 15;
          const table = new Uint16Array(64);
          for (let k = 0; k < 64; k++) table[ZIGZAG[k]] = wide ? (seg[p + 1 + 2 * k] << 8) | seg[p + 2 + 2 * k] : seg[p + 1 + k];
          quant[id] = table;
          p += 1 + (wide ? 128 : 64);
        }
        break;
      case 0xc4: // DHT, T.81 B.2.4.2
        for (let p = 0; p < seg.length; ) {
          const cls = seg[p] >> 4, id = seg[p] & 15;
          const counts = seg.subarray(p + 1, p + 17);
          const n = counts.reduce((a, b) => a + b, 0);
          const table = buildHuffmanTable(counts, seg.subarray(p + 17, p + 17 + n));
          (cls === 0 ? dcTables : acTables)[id] = table;
          p += 17 + n;
        }
        break;
      case 0xdd: // DRI
        restartInterval = (seg[0] << 8) | seg[1];
        break;
      case 0xc0:
      case 0xc1:
      case 0xc2:
        frame = readFrame(seg, marker === 0xc2);
        break;
      case 0xda: {
        if (!frame) return fail("scan before frame header");
        const count = seg[0];
        const comps: Component[] = [];
        for (let i = 0; i < count; i++) {
          const comp = frame.components.find((c) => c.id === seg[1 + 2 * i]) ?? fail("scan names an unknown component");
          comp.dc = dcTables[seg[2 + 2 * i] >> 4];
          comp.ac = acTables[seg[2 + 2 * i] & 15];
          comps.push(comp);
        }
        const o = 1 + 2 * count;
        const scan = { ss: seg[o], se: seg[o + 1], ah: seg[o + 2] >> 4, al: seg[o + 2] & 15 };
        const reader = new BitReader(data, at + 2 + length);
        eobrun = 0;
        decodeScan(frame, comps, scan, reader, restartInterval, () => eobrun, (v) => (eobrun = v));
        at = reader.endOfScan();
        continue;
      }
      default:
        if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          fail(`SOF 0xFF${marker.toString(16).toUpperCase()} is not supported`);
        }
    }
    at += 2 + length;
  }
  if (!frame) return fail("no frame header");
  const { width, height, precision } = frame;
  const comp = frame.components[0];
  const q = quant[comp.tq] ?? fail("missing quantisation table");
  const stride = comp.blocksWide * 8;
  const full = new Uint16Array(stride * comp.blocksHigh * 8);
  for (let by = 0; by < comp.blocksHigh; by++) {
    for (let bx = 0; bx < comp.blocksWide; bx++) {
      idctBlock(comp.coefs, (by * comp.blocksWide + bx) * 64, q, precision, full, by * 8 * stride + bx * 8, stride);
    }
  }
  const samples = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) samples.set(full.subarray(y * stride, y * stride + width), y * width);
  return { width, height, precision, samples };
}

function readFrame(seg: Uint8Array, progressive: boolean): Frame {
  const precision = seg[0];
  const height = (seg[1] << 8) | seg[2];
  const width = (seg[3] << 8) | seg[4];
  const count = seg[5];
  if (precision !== 8 && precision !== 12) fail(`precision ${precision} is not a DCT precision`);
  if (count !== 1) throw new DicomError("UNSUPPORTED", `${precision}-bit JPEG DCT with ${count} components is not supported`);
  if (width === 0 || height === 0) fail("zero image size (DNL is not supported)");
  const parts = Array.from({ length: count }, (_, i) => ({ id: seg[6 + 3 * i], h: seg[7 + 3 * i] >> 4, v: seg[7 + 3 * i] & 15, tq: seg[8 + 3 * i] }));
  const hMax = Math.max(...parts.map((p) => p.h)), vMax = Math.max(...parts.map((p) => p.v));
  const mcusWide = Math.ceil(width / (8 * hMax)), mcusHigh = Math.ceil(height / (8 * vMax));
  const components = parts.map((p): Component => {
    // T.81 A.2: a single-component scan covers ceil(size / 8) blocks; MCUs may cover more.
    const blocksWide = mcusWide * p.h, blocksHigh = mcusHigh * p.v;
    return { ...p, blocksWide, blocksHigh, coefs: new Int32Array(blocksWide * blocksHigh * 64), pred: 0 };
  });
  return { progressive, precision, width, height, hMax, vMax, mcusWide, mcusHigh, components };
}

interface Scan {
  ss: number;
  se: number;
  ah: number;
  al: number;
}

type BlockDecoder = (comp: Component, offset: number, r: BitReader) => void;

function decodeScan(
  frame: Frame,
  comps: Component[],
  scan: Scan,
  r: BitReader,
  restartInterval: number,
  getEob: () => number,
  setEob: (v: number) => void,
): void {
  for (const c of comps) c.pred = 0;
  const block = blockDecoder(frame, scan, getEob, setEob);
  const single = comps.length === 1;
  const c0 = comps[0];
  // Non-interleaved scans cover only the component's own blocks (T.81 A.2.2).
  const unitsWide = single ? Math.ceil(Math.ceil((frame.width * c0.h) / frame.hMax) / 8) : frame.mcusWide;
  const unitsHigh = single ? Math.ceil(Math.ceil((frame.height * c0.v) / frame.vMax) / 8) : frame.mcusHigh;
  const total = unitsWide * unitsHigh;
  for (let n = 0; n < total; n++) {
    if (restartInterval > 0 && n > 0 && n % restartInterval === 0) {
      r.restart();
      for (const c of comps) c.pred = 0;
      setEob(0);
    }
    const ux = n % unitsWide, uy = Math.floor(n / unitsWide);
    if (single) {
      block(c0, (uy * c0.blocksWide + ux) * 64, r);
      continue;
    }
    for (const c of comps) {
      for (let v = 0; v < c.v; v++) {
        for (let h = 0; h < c.h; h++) {
          block(c, ((uy * c.v + v) * c.blocksWide + ux * c.h + h) * 64, r);
        }
      }
    }
  }
}

function blockDecoder(frame: Frame, scan: Scan, getEob: () => number, setEob: (v: number) => void): BlockDecoder {
  const { ss, se, ah, al } = scan;
  if (!frame.progressive) {
    // T.81 F.2.2: sequential DC then AC.
    return (c, o, r) => {
      const t = r.decode(c.dc ?? fail("missing DC table"));
      c.pred += r.receiveExtend(t);
      c.coefs[o] = c.pred;
      const ac = c.ac ?? fail("missing AC table");
      for (let k = 1; k < 64; ) {
        const rs = r.decode(ac);
        const s = rs & 15, run = rs >> 4;
        if (s) {
          k += run;
          if (k > 63) fail("AC run past the end of a block");
          c.coefs[o + ZIGZAG[k]] = r.receiveExtend(s);
          k++;
        } else if (run === 15) k += 16;
        else break;
      }
    };
  }
  if (ss === 0) {
    // T.81 G.1.2.1: DC first scan and refinement.
    if (ah === 0) {
      return (c, o, r) => {
        const t = r.decode(c.dc ?? fail("missing DC table"));
        c.pred += r.receiveExtend(t);
        c.coefs[o] = c.pred * 2 ** al;
      };
    }
    return (c, o, r) => {
      if (r.bit()) c.coefs[o] |= 1 << al;
    };
  }
  if (ah === 0) {
    // T.81 G.1.2.2: AC first scan with end-of-band runs.
    return (c, o, r) => {
      let eob = getEob();
      if (eob > 0) {
        setEob(eob - 1);
        return;
      }
      const ac = c.ac ?? fail("missing AC table");
      for (let k = ss; k <= se; ) {
        const rs = r.decode(ac);
        const s = rs & 15, run = rs >> 4;
        if (s) {
          k += run;
          if (k > 63) fail("AC run past the end of a block");
          c.coefs[o + ZIGZAG[k]] = r.receiveExtend(s) * 2 ** al;
          k++;
        } else if (run === 15) k += 16;
        else {
          eob = (1 << run) - 1 + (run ? r.read(run) : 0);
          setEob(eob);
          break;
        }
      }
    };
  }
  // T.81 G.1.2.3: AC refinement: correction bits for known coefficients, new ones of magnitude 1.
  return (c, o, r) => {
    const p1 = 1 << al, m1 = -1 << al;
    const coefs = c.coefs;
    const refine = (z: number): void => {
      if (r.bit() && (coefs[z] & p1) === 0) coefs[z] += coefs[z] >= 0 ? p1 : m1;
    };
    let k = ss;
    let eob = getEob();
    if (eob === 0) {
      const ac = c.ac ?? fail("missing AC table");
      for (; k <= se; ) {
        const rs = r.decode(ac);
        let s = rs & 15;
        let run = rs >> 4;
        if (s) {
          s = r.bit() ? p1 : m1;
        } else if (run !== 15) {
          eob = (1 << run) + (run ? r.read(run) : 0);
          break;
        }
        for (; k <= se; k++) {
          const z = o + ZIGZAG[k];
          if (coefs[z] !== 0) refine(z);
          else if (run-- === 0) break;
        }
        if (s && k <= se) coefs[o + ZIGZAG[k]] = s;
        k++;
      }
    }
    if (eob > 0) {
      for (; k <= se; k++) {
        const z = o + ZIGZAG[k];
        if (coefs[z] !== 0) refine(z);
      }
      eob--;
    }
    setEob(eob);
  };
}
