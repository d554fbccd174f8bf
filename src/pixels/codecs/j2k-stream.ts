import { DicomError } from "../../core/errors.js";

/** What the SIZ and COD markers of a JPEG 2000 codestream say (ITU-T T.800 A.5.1, A.6.1). */
export interface J2kHeader {
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
  components: number;
  /** Precision of the first component, in bits. */
  precision: number;
  /** Whether the first component is signed. */
  signed: boolean;
  /** Whether every component has the first one's precision, sign and no subsampling. */
  uniform: boolean;
  /** Multiple component transform flag of the COD marker. */
  mct: boolean;
}

/**
 * The bare codestream of a JPEG 2000 frame. PS3.5 A.4.4 asks for a codestream without JP2
 * boxes, but some writers wrap it; the contiguous codestream box "jp2c" (T.800 I.5.4) is unwrapped.
 */
export function j2kCodestream(frame: Uint8Array): Uint8Array {
  if (frame.length >= 4 && frame[0] === 0xff && frame[1] === 0x4f && frame[2] === 0xff && frame[3] === 0x51) return frame;
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.length);
  let at = 0;
  while (at + 8 <= frame.length) {
    let length = dv.getUint32(at);
    const type = dv.getUint32(at + 4);
    let header = 8;
    if (length === 1) {
      if (at + 16 > frame.length) break;
      length = Number(dv.getBigUint64(at + 8));
      header = 16;
    } else if (length === 0) {
      length = frame.length - at;
    }
    if (length < header) break;
    if (type === 0x6a703263) {
      // "jp2c": the codestream, possibly followed by padding the decoder ignores.
      return frame.subarray(at + header, Math.min(frame.length, at + length));
    }
    at += length;
  }
  throw new DicomError("DECODE", "JPEG 2000 frame has neither a codestream start (SOC, SIZ) nor a jp2c box");
}

/** Reads SIZ and COD from the main header of a codestream. */
export function readJ2kHeader(codestream: Uint8Array): J2kHeader {
  const dv = new DataView(codestream.buffer, codestream.byteOffset, codestream.length);
  const fail = (why: string): never => {
    throw new DicomError("DECODE", `JPEG 2000 main header: ${why}`);
  };
  if (codestream.length < 4 || dv.getUint16(0) !== 0xff4f || dv.getUint16(2) !== 0xff51) fail("no SOC and SIZ markers");
  const lsiz = dv.getUint16(4);
  if (4 + lsiz > codestream.length || lsiz < 41) fail("SIZ marker is truncated");
  const xsiz = dv.getUint32(8), ysiz = dv.getUint32(12);
  const xo = dv.getUint32(16), yo = dv.getUint32(20);
  const components = dv.getUint16(40);
  if (lsiz !== 38 + 3 * components) fail("SIZ length does not match its component count");
  const ssiz = (c: number): number => dv.getUint8(42 + 3 * c);
  let uniform = true;
  for (let c = 0; c < components; c++) {
    if (ssiz(c) !== ssiz(0) || dv.getUint8(43 + 3 * c) !== 1 || dv.getUint8(44 + 3 * c) !== 1) uniform = false;
  }
  let mct = false;
  // Marker segments follow SIZ until the first tile part (SOT FF90).
  let at = 4 + lsiz;
  while (at + 4 <= codestream.length) {
    const marker = dv.getUint16(at);
    if (marker === 0xff90 || marker === 0xff93) break;
    const length = dv.getUint16(at + 2);
    if (marker === 0xff52 && at + 9 <= codestream.length) mct = dv.getUint8(at + 8) !== 0;
    at += 2 + length;
  }
  return {
    width: xsiz - xo,
    height: ysiz - yo,
    offsetX: xo,
    offsetY: yo,
    components,
    precision: (ssiz(0) & 0x7f) + 1,
    signed: (ssiz(0) & 0x80) !== 0,
    uniform,
    mct,
  };
}
