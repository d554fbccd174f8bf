import { DicomError } from "../../core/errors.js";

/** One frame component of a JPEG SOF marker (ITU-T T.81 B.2.2). */
export interface JpegComponent {
  id: number;
  h: number;
  v: number;
  tq: number;
}

/** What the markers before the first scan say about a JPEG stream (ITU-T T.81 Annex B). */
export interface JpegHeader {
  /** SOF marker low byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, 0xC3 lossless, ... */
  sof: number;
  precision: number;
  width: number;
  height: number;
  components: JpegComponent[];
  /** APP0 "JFIF" present. */
  jfif: boolean;
  /** APP14 "Adobe" colour transform flag, or undefined when there is no Adobe marker. */
  adobeTransform?: number;
}

/** True for SOF markers of DCT processes (sequential or progressive, Huffman or arithmetic). */
export function isDctSof(sof: number): boolean {
  return [0xc0, 0xc1, 0xc2, 0xc9, 0xca].includes(sof);
}

/** True for SOF markers of lossless processes (T.81 Annex H). */
export function isLosslessSof(sof: number): boolean {
  return sof === 0xc3 || sof === 0xcb;
}

/** Reads the JPEG markers up to the first SOS; fails closed when there is no frame header. */
export function readJpegHeader(data: Uint8Array): JpegHeader {
  const fail = (why: string): never => {
    throw new DicomError("DECODE", `JPEG stream: ${why}`);
  };
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) fail("no SOI marker");
  let at = 2;
  let header: JpegHeader | undefined;
  let jfif = false;
  let adobeTransform: number | undefined;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) fail(`expected a marker at byte ${at}`);
    const marker = data[at + 1];
    if (marker === 0xff) {
      at++; // T.81 B.1.1.2: fill bytes
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) break;
    const length = (data[at + 2] << 8) | data[at + 3];
    if (length < 2 || at + 2 + length > data.length) fail(`marker segment at byte ${at} is truncated`);
    const seg = data.subarray(at + 4, at + 2 + length);
    if (marker === 0xda) break;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (seg.length < 6) fail("SOF marker is truncated");
      const count = seg[5];
      if (seg.length < 6 + 3 * count) fail("SOF marker is truncated");
      const components: JpegComponent[] = [];
      for (let c = 0; c < count; c++) {
        const o = 6 + 3 * c;
        components.push({ id: seg[o], h: seg[o + 1] >> 4, v: seg[o + 1] & 15, tq: seg[o + 2] });
      }
      header = {
        sof: marker,
        precision: seg[0],
        height: (seg[1] << 8) | seg[2],
        width: (seg[3] << 8) | seg[4],
        components,
        jfif: false,
      };
    } else if (marker === 0xe0 && seg.length >= 5 && String.fromCharCode(...seg.subarray(0, 4)) === "JFIF") {
      jfif = true;
    } else if (marker === 0xee && seg.length >= 12 && String.fromCharCode(...seg.subarray(0, 5)) === "Adobe") {
      adobeTransform = seg[11];
    }
    at += 2 + length;
  }
  if (!header) return fail("no SOF marker before the first scan");
  return { ...header, jfif, adobeTransform };
}
