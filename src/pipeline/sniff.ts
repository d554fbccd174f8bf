import { isVR } from "../core/vr.js";

/** Bytes `looksLikeDicom` needs from the start of a file: preamble + "DICM". */
export const SNIFF_BYTES = 132;

const hasDicmAt = (b: Uint8Array, at: number): boolean =>
  b.length >= at + 4 && b[at] === 0x44 && b[at + 1] === 0x49 && b[at + 2] === 0x43 && b[at + 3] === 0x4d;

/**
 * Cheap test on the first bytes of a file: "DICM" at offset 128 (PS3.10 7.1) or 0, or a
 * plausible first element of a bare dataset (low even group, then a VR or a length that fits).
 * A true answer is a guess the reader may still refute (NOT_DICOM); a false one skips the file.
 */
export function looksLikeDicom(head: Uint8Array, fileSize: number): boolean {
  if (hasDicmAt(head, 128) || hasDicmAt(head, 0)) return true;
  if (head.length < 8) return false;
  const gLE = head[0] | (head[1] << 8);
  const gBE = (head[0] << 8) | head[1];
  const little = gLE <= gBE;
  const group = little ? gLE : gBE;
  // Same rule as readDicom's detectEncoding, minus group 0000 (commands never start a file).
  if (group < 0x0002 || group > 0x0030 || group % 2 === 1) return false;
  if (isVR(String.fromCharCode(head[4], head[5]))) return true;
  if (!little) return false; // no implicit VR big endian transfer syntax exists
  const length = (head[4] | (head[5] << 8) | (head[6] << 16) | (head[7] << 24)) >>> 0;
  return length === 0xffffffff || length <= fileSize - 8;
}
