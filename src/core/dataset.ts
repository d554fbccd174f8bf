import { tagGroup, type Tag } from "../core/tag.js";
import type { Element } from "./element.js";

/** The byte encoding of a dataset: VR explicit or implicit, byte order. */
export interface Encoding {
  explicitVR: boolean;
  littleEndian: boolean;
}

/**
 * An ordered list of data elements with the encoding they were read in. Nested datasets
 * (sequence items) point to their parent so Specific Character Set can be inherited.
 */
export class Dataset {
  readonly elements: Element[];
  readonly encoding: Encoding;
  parent?: Dataset;
  /** True once an element was added, removed or replaced directly in this dataset. */
  modified = false;
  /** Groups touched by an edit, whose group length (gggg,0000) must be recomputed. */
  readonly dirtyGroups = new Set<number>();

  constructor(encoding: Encoding, elements: Element[] = [], parent?: Dataset) {
    this.encoding = encoding;
    this.elements = elements;
    this.parent = parent;
  }

  /** The element with this tag, if present. */
  get(tag: Tag): Element | undefined {
    const i = this.indexOf(tag);
    return i < 0 ? undefined : this.elements[i];
  }

  /** Index of the element with this tag, or -1. */
  private indexOf(tag: Tag): number {
    const els = this.elements;
    // Elements are nearly always in ascending order: binary search, then a linear fallback.
    let lo = 0;
    let hi = els.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = els[mid].tag;
      if (t === tag) return mid;
      if (t < tag) lo = mid + 1;
      else hi = mid - 1;
    }
    if (this.ascending()) return -1;
    return els.findIndex((el) => el.tag === tag);
  }

  /** Element count when the order was last checked, and whether it was ascending then. */
  private checkedLength = -1;
  private wasAscending = false;

  /**
   * True when the elements are in ascending tag order (a binary search miss is then final).
   * Rechecked when the count changes: readers push in file order and may meet a disordered file.
   */
  private ascending(): boolean {
    const els = this.elements;
    if (this.checkedLength !== els.length) {
      let ok = true;
      for (let i = 1; i < els.length && ok; i++) ok = els[i - 1].tag < els[i].tag;
      this.wasAscending = ok;
      this.checkedLength = els.length;
    }
    return this.wasAscending;
  }

  /** True when an element with this tag is present. */
  has(tag: Tag): boolean {
    return this.get(tag) !== undefined;
  }

  /**
   * Replaces the element of this tag where it stands (also in a file whose elements are out of
   * order), or inserts it before the first greater tag; marks the dataset modified.
   */
  put(el: Element): void {
    const els = this.elements;
    const at = this.indexOf(el.tag);
    if (at >= 0) els[at] = el;
    else {
      const i = els.findIndex((e) => e.tag > el.tag);
      if (i < 0) els.push(el);
      else els.splice(i, 0, el);
    }
    this.checkedLength = -1;
    this.touch(el.tag);
  }

  /** Removes the element with this tag; returns whether one was there. */
  delete(tag: Tag): boolean {
    const i = this.indexOf(tag);
    if (i < 0) return false;
    this.elements.splice(i, 1);
    this.checkedLength = -1;
    this.touch(tag);
    return true;
  }

  /** Marks the dataset modified for a change of an element of this tag's group. */
  touch(tag: Tag): void {
    this.modified = true;
    this.dirtyGroups.add(tagGroup(tag));
  }
}
