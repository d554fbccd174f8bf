import { DicomError } from "../core/errors.js";
import { SPECIFIC_CHARACTER_SET, formatTag, privateCreatorTagFor, type Tag } from "../core/tag.js";
import { binaryValueSize, isMultiValuedText, isStringVR, paddingByte, usesCharset } from "../core/vr.js";
import type { Dataset } from "../core/dataset.js";
import type { Element } from "../core/element.js";
import { lookupTag } from "../dictionary/index.js";
import { decodeText, encodeText } from "../io/charset.js";

const latin1 = new TextDecoder("latin1");

/** PS3.3 C.12.1.1.2: Specific Character Set values in force for a dataset (inherited by items). */
export function charsetsOf(ds: Dataset): readonly string[] {
  for (let d: Dataset | undefined = ds; d; d = d.parent) {
    const el = d.elements.length && d.get(SPECIFIC_CHARACTER_SET);
    if (el && el.value) {
      // Values are never written into (an edit puts a new element), so the bytes are the key.
      let terms = charsetCache.get(el.value);
      if (!terms) charsetCache.set(el.value, (terms = latin1.decode(el.value).split("\\").map((s) => s.trim())));
      return terms;
    }
  }
  return [];
}
const charsetCache = new WeakMap<Uint8Array, readonly string[]>();

/** PS3.5 7.8.1: the private creator string reserving the block of a private data element, if any. */
export function privateCreatorOf(ds: Dataset, tag: Tag): string | undefined {
  const ct = privateCreatorTagFor(tag);
  const el = ct === undefined ? undefined : ds.get(ct);
  return el?.value ? latin1.decode(el.value).replace(/[\0 ]+$/, "").trim() : undefined;
}

/** Decodes an element's text (string VRs), stripping trailing padding; undefined for non-text. */
export function elementText(el: Element, ds: Dataset): string | undefined {
  if (!el.value || !isStringVR(el.vr)) return undefined;
  const text = usesCharset(el.vr) ? decodeText(el.value, charsetsOf(ds), { vr: el.vr }) : latin1.decode(el.value);
  // PS3.5 6.2: trailing spaces (and NUL for UI) are padding.
  return text.replace(/[\0 ]+$/, "");
}

/** The text of an element by tag, or undefined when absent or not a string VR. */
export function getText(ds: Dataset, tag: Tag): string | undefined {
  const el = ds.get(tag);
  return el ? elementText(el, ds) : undefined;
}

/** The values of a multi-valued string element (split at backslashes), trimmed. */
export function getStrings(ds: Dataset, tag: Tag): string[] {
  const el = ds.get(tag);
  if (!el) return [];
  const t = elementText(el, ds);
  if (t === undefined || t === "") return [];
  return (isMultiValuedText(el.vr) ? t.split("\\") : [t]).map((s) => (el.vr === "LT" || el.vr === "ST" || el.vr === "UT" ? s : s.trim()));
}

/** Numeric values of binary (US, SS, UL, SL, FL, FD, SV, UV, AT) or numeric-string (IS, DS) elements. */
export function elementNumbers(el: Element, ds: Dataset): number[] {
  if (!el.value) return [];
  if (el.vr === "IS" || el.vr === "DS") {
    const t = latin1.decode(el.value).trim();
    return t === "" ? [] : t.split("\\").map((s) => Number(s.trim()));
  }
  const size = binaryValueSize(el.vr);
  if (!size) return [];
  const v = new DataView(el.value.buffer, el.value.byteOffset, el.value.byteLength);
  const le = ds.encoding.littleEndian;
  const out: number[] = [];
  for (let i = 0; i + size <= el.value.length; i += size) {
    switch (el.vr) {
      case "US": case "OW": out.push(v.getUint16(i, le)); break;
      case "SS": out.push(v.getInt16(i, le)); break;
      case "UL": case "OL": out.push(v.getUint32(i, le)); break;
      case "SL": out.push(v.getInt32(i, le)); break;
      case "FL": case "OF": out.push(v.getFloat32(i, le)); break;
      case "FD": case "OD": out.push(v.getFloat64(i, le)); break;
      case "SV": out.push(Number(v.getBigInt64(i, le))); break;
      case "UV": case "OV": out.push(Number(v.getBigUint64(i, le))); break;
      case "AT": out.push(((v.getUint16(i, le) * 0x10000) + v.getUint16(i + 2, le)) >>> 0); break;
    }
  }
  return out;
}

/** The first numeric value of an element by tag, or undefined. */
export function getNumber(ds: Dataset, tag: Tag): number | undefined {
  const el = ds.get(tag);
  return el ? elementNumbers(el, ds)[0] : undefined;
}

/** All numeric values of an element by tag. */
export function getNumbers(ds: Dataset, tag: Tag): number[] {
  const el = ds.get(tag);
  return el ? elementNumbers(el, ds) : [];
}

/** The VR for a new element: the given one, else the dictionary's, else an error naming the tag. */
export function vrFor(tag: Tag, vr?: string): string {
  const v = vr ?? lookupTag(tag)?.vr;
  if (!v || v === "UN" && !vr) throw new DicomError("BAD_VALUE", `VR of ${formatTag(tag)} unknown; give it explicitly`, { tagPath: formatTag(tag) });
  return v;
}

/**
 * Encodes values for an element of this VR in the dataset's byte order and character set:
 * strings joined with backslashes and padded to even length; numbers as binary values.
 */
export function encodeValues(ds: Dataset, tag: Tag, vr: string, values: readonly (string | number)[]): Uint8Array {
  let bytes: Uint8Array;
  if (isStringVR(vr)) {
    const text = values.map(String).join("\\");
    if (usesCharset(vr)) {
      const enc = encodeText(text, charsetsOf(ds));
      if (!enc) throw new DicomError("BAD_VALUE", `value for ${formatTag(tag)} cannot be written in this file's character set`, { tagPath: formatTag(tag) });
      bytes = enc;
    } else {
      if (!/^[\x00-\x7f]*$/.test(text)) throw new DicomError("BAD_VALUE", `value for ${formatTag(tag)} (${vr}) must be ASCII`, { tagPath: formatTag(tag) });
      bytes = new TextEncoder().encode(text);
    }
  } else {
    const size = binaryValueSize(vr);
    if (!size) {
      if (vr === "OB" || vr === "UN") return padEven(Uint8Array.from(values.map(Number)), vr);
      throw new DicomError("BAD_VALUE", `cannot encode values of VR ${vr} for ${formatTag(tag)}`, { tagPath: formatTag(tag) });
    }
    bytes = new Uint8Array(size * values.length);
    const v = new DataView(bytes.buffer);
    const le = ds.encoding.littleEndian;
    values.forEach((x, i) => {
      const n = Number(x);
      if (!Number.isFinite(n)) throw new DicomError("BAD_VALUE", `non-numeric value for ${formatTag(tag)} (${vr})`, { tagPath: formatTag(tag) });
      const o = i * size;
      switch (vr) {
        case "US": case "OW": v.setUint16(o, n, le); break;
        case "SS": v.setInt16(o, n, le); break;
        case "UL": case "OL": v.setUint32(o, n, le); break;
        case "SL": v.setInt32(o, n, le); break;
        case "FL": case "OF": v.setFloat32(o, n, le); break;
        case "FD": case "OD": v.setFloat64(o, n, le); break;
        case "SV": v.setBigInt64(o, BigInt(Math.trunc(n)), le); break;
        case "UV": case "OV": v.setBigUint64(o, BigInt(Math.trunc(n)), le); break;
        case "AT": v.setUint16(o, n >>> 16, le); v.setUint16(o + 2, n & 0xffff, le); break;
      }
    });
  }
  return padEven(bytes, vr);
}

/** PS3.5 7.1.1: pads a value to even length with the VR's padding byte. */
export function padEven(bytes: Uint8Array, vr: string): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = paddingByte(vr);
  return out;
}
