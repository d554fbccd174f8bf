import type { AttributeRow } from "./generated/attributes.js";

/** One attribute of the PS3.6 data dictionary. */
export interface DictionaryEntry {
  /** The tag as published, "x" for each wildcard digit of a repeating group: "(60xx,3000)". */
  tag: string;
  /** PS3.6 keyword, e.g. "PatientName"; "" for the few retired rows PS3.6 publishes without one. */
  keyword: string;
  /** PS3.6 name, e.g. "Patient's Name"; "" where PS3.6 publishes none. */
  name: string;
  /** The VR to use when the data set does not say (implicit VR): see canonicalVR. */
  vr: string;
  /** Every VR PS3.6 allows, in published order; empty when PS3.6 gives none. */
  vrs: readonly string[];
  /** Value multiplicity as published, e.g. "1", "1-n", "2-2n". */
  vm: string;
  /** True when PS3.6 marks the attribute retired. */
  retired: boolean;
}

/**
 * Splits a published VR such as "US or SS or OW" into its VRs. PS3.6 publishes no VR for
 * items and delimiters ("See Note 2": PS3.5 7.5, they are not data elements) and for three
 * unnamed retired rows (""): both give an empty list.
 */
export function publishedVRs(published: string): string[] {
  if (published === "" || published === "See Note 2") return [];
  return published.split(" or ");
}

/**
 * The single VR an implicit-VR reader should use.
 * - PS3.5 A.1: in implicit VR little endian, Pixel Data, Overlay Data and other "OB or OW"
 *   attributes are encoded as OW, so "OB or OW" gives "OW".
 * - "US or SS" (and "US or SS or OW", "US or OW") gives the first, "US": the bytes are the same
 *   size; a reader that knows Pixel Representation may re-read them as SS.
 * - No published VR (items, delimiters, unnamed retired rows) gives "UN" (PS3.5 6.2.2: unknown).
 */
export function canonicalVR(vrs: readonly string[]): string {
  if (vrs.length === 0) return "UN";
  if (vrs.includes("OB") && vrs.includes("OW")) return "OW";
  return vrs[0];
}

/** Builds the public entry for one generated row. */
export function entryFromRow(row: AttributeRow): DictionaryEntry {
  const [tag, keyword, name, published, vm, retired] = row;
  const vrs = Object.freeze(publishedVRs(published));
  return Object.freeze({ tag, keyword, name, vr: canonicalVR(vrs), vrs, vm, retired: retired === 1 });
}
