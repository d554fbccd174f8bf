import { DicomError } from "../../core/errors.js";
import { formatTag, tagElement, tagGroup, type Tag } from "../../core/tag.js";
import { hasLongLength } from "../../core/vr.js";
import type { Encoding } from "../../core/dataset.js";

/**
 * Encodes an element header (PS3.5 7.1.1-7.1.3): explicit VR uses 8 bytes, or 12 for the
 * long-length VRs; implicit VR and item tags use tag + 32-bit length.
 */
export function encodeHeader(tag: Tag, vr: string, length: number, enc: Encoding, isItemTag = false): Uint8Array {
  const le = enc.littleEndian;
  if (!enc.explicitVR || isItemTag) {
    const h = new Uint8Array(8);
    const v = new DataView(h.buffer);
    v.setUint16(0, tagGroup(tag), le);
    v.setUint16(2, tagElement(tag), le);
    v.setUint32(4, length >>> 0, le);
    return h;
  }
  const long = hasLongLength(vr);
  const h = new Uint8Array(long ? 12 : 8);
  const v = new DataView(h.buffer);
  v.setUint16(0, tagGroup(tag), le);
  v.setUint16(2, tagElement(tag), le);
  h[4] = vr.charCodeAt(0);
  h[5] = vr.charCodeAt(1);
  if (long) {
    v.setUint32(8, length >>> 0, le);
  } else {
    if (length > 0xffff) throw new DicomError("ENCODE", `value of ${length} bytes does not fit the 16-bit length of VR ${vr}`, { tagPath: formatTag(tag) });
    v.setUint16(6, length, le);
  }
  return h;
}
