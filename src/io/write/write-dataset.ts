import { DicomError } from "../../core/errors.js";
import {
  ITEM, ITEM_DELIMITATION, SEQUENCE_DELIMITATION, UNDEFINED_LENGTH, formatTag, isGroupLengthTag, tagGroup,
} from "../../core/tag.js";
import { binaryValueSize, paddingByte } from "../../core/vr.js";
import type { Dataset, Encoding } from "../../core/dataset.js";
import type { Element, Item } from "../../core/element.js";
import { ByteSink } from "./byte-sink.js";
import { encodeHeader } from "./encode-header.js";

const IMPLICIT_LE: Encoding = { explicitVR: false, littleEndian: true };
const sameEncoding = (a: Encoding, b: Encoding): boolean => a.explicitVR === b.explicitVR && a.littleEndian === b.littleEndian;

/**
 * Encodes a dataset. Elements and items that still hold their source bytes are copied
 * verbatim; edited ones are encoded, with every enclosing sequence, item and group length
 * that the change affects recomputed (PS3.5 7.2, 7.5).
 */
export function writeDataset(ds: Dataset, enc: Encoding = ds.encoding): ByteSink {
  const same = sameEncoding(ds.encoding, enc);
  const parts: ByteSink[] = [];
  const groupLengthAt: number[] = [];
  for (let i = 0; i < ds.elements.length; i++) {
    const el = ds.elements[i];
    const part = new ByteSink();
    if (isGroupLengthTag(el.tag) && ds.dirtyGroups.has(tagGroup(el.tag))) groupLengthAt.push(i);
    if (same && el.raw) part.push(el.raw);
    else writeElement(el, ds.encoding, enc, part);
    parts.push(part);
  }
  for (const i of groupLengthAt) {
    const g = tagGroup(ds.elements[i].tag);
    let sum = 0;
    for (let j = 0; j < ds.elements.length; j++) if (j !== i && tagGroup(ds.elements[j].tag) === g) sum += parts[j].length;
    const part = new ByteSink();
    const value = new Uint8Array(4);
    new DataView(value.buffer).setUint32(0, sum, enc.littleEndian);
    part.push(encodeHeader(ds.elements[i].tag, "UL", 4, enc));
    part.push(value);
    parts[i] = part;
  }
  const out = new ByteSink();
  for (const p of parts) out.append(p);
  return out;
}

/** Encodes one element in the target encoding (source bytes reused for untouched parts). */
export function writeElement(el: Element, from: Encoding, enc: Encoding, out: ByteSink): void {
  if (el.items) {
    const itemEnc = el.unAsSequence ? IMPLICIT_LE : enc;
    const body = new ByteSink();
    for (const item of el.items) writeItem(item, itemEnc, body);
    const undefinedLength = el.length === UNDEFINED_LENGTH;
    out.push(encodeHeader(el.tag, el.unAsSequence ? "UN" : "SQ", undefinedLength ? UNDEFINED_LENGTH : body.length, enc));
    out.append(body);
    if (undefinedLength) out.push(encodeHeader(SEQUENCE_DELIMITATION, "", 0, enc, true));
    return;
  }
  if (el.fragments) {
    // PS3.5 A.4: encapsulated pixel data always has undefined length and a sequence delimiter.
    out.push(encodeHeader(el.tag, el.vr === "OW" ? "OW" : "OB", UNDEFINED_LENGTH, enc));
    for (const f of el.fragments) {
      if (f.value.length % 2 !== 0) throw new DicomError("ENCODE", "pixel data fragment of odd length", { tagPath: formatTag(el.tag) });
      out.push(encodeHeader(ITEM, "", f.value.length, enc, true));
      out.push(f.value);
    }
    out.push(encodeHeader(SEQUENCE_DELIMITATION, "", 0, enc, true));
    return;
  }
  let value = el.value ?? new Uint8Array(0);
  if (from.littleEndian !== enc.littleEndian) value = swapBytes(value, el.vr);
  if (value.length % 2 !== 0) {
    // PS3.5 7.1.1: values have even length; pad with the VR's padding byte.
    const padded = new Uint8Array(value.length + 1);
    padded.set(value);
    padded[value.length] = paddingByte(el.vr);
    value = padded;
  }
  out.push(encodeHeader(el.tag, el.vr, value.length, enc));
  out.push(value);
}

function writeItem(item: Item, enc: Encoding, out: ByteSink): void {
  if (item.raw && sameEncoding(item.dataset.encoding, enc)) {
    out.push(item.raw);
    return;
  }
  const body = writeDataset(item.dataset, enc);
  const undefinedLength = item.length === UNDEFINED_LENGTH;
  out.push(encodeHeader(ITEM, "", undefinedLength ? UNDEFINED_LENGTH : body.length, enc, true));
  out.append(body);
  if (undefinedLength) out.push(encodeHeader(ITEM_DELIMITATION, "", 0, enc, true));
}

/** Swaps the byte order of each binary value (for little <-> big endian transcoding). */
function swapBytes(value: Uint8Array, vr: string): Uint8Array {
  const size = binaryValueSize(vr);
  if (!size || size === 1) return value;
  const out = new Uint8Array(value.length);
  for (let i = 0; i + size <= value.length; i += size) for (let k = 0; k < size; k++) out[i + k] = value[i + size - 1 - k];
  return out;
}
