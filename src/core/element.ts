import type { Tag } from "../core/tag.js";
import type { Dataset } from "./dataset.js";

/** An item of a sequence: a nested dataset, plus where it came from. */
export interface Item {
  dataset: Dataset;
  /** Offset of the item tag in the source buffer (-1 for a new item). */
  offset: number;
  /** Declared item length, or 0xFFFFFFFF for undefined length. */
  length: number;
  /** Exact source bytes of the whole item (tag to delimiter); undefined once edited. */
  raw?: Uint8Array;
}

/** One fragment of encapsulated pixel data (PS3.5 A.4); the first is the basic offset table. */
export interface Fragment {
  /** Offset of the fragment's item tag in the source buffer (-1 for a new fragment). */
  offset: number;
  value: Uint8Array;
}

/**
 * A data element. `raw` holds the exact source bytes (header, value and any delimiters),
 * so an element nobody touched is written back verbatim. Values are views, never copies.
 */
export interface Element {
  tag: Tag;
  /** VR as encoded (explicit VR) or as the dictionary says (implicit VR); "UN" when unknown. */
  vr: string;
  /** Declared value length, or 0xFFFFFFFF for undefined length. */
  length: number;
  /** Offset of the element's first byte in the source buffer (-1 for a new element). */
  offset: number;
  /** Value bytes in the dataset's byte order (not for sequences or encapsulated pixel data). */
  value?: Uint8Array;
  /** Items, for SQ (and UN of undefined length, read as implicit VR per CP-246). */
  items?: Item[];
  /** Fragments, for encapsulated pixel data of undefined length. */
  fragments?: Fragment[];
  /** Exact source bytes of the whole element; undefined when the element was edited or is new. */
  raw?: Uint8Array;
  /** True when a UN element of undefined length was read as a sequence (CP-246). */
  unAsSequence?: boolean;
}

/** True when the element holds items. */
export function isSequence(el: Element): boolean {
  return el.items !== undefined;
}
