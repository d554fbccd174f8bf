import { DicomError } from "../core/errors.js";
import { Dataset } from "../core/dataset.js";
import type { Element, Item } from "../core/element.js";
import { UNDEFINED_LENGTH, formatTag, tag as makeTag, type Tag } from "../core/tag.js";
import { formatTagPath, type PathStep } from "../core/tag-path.js";
import { encodeValues, privateCreatorOf, vrFor } from "./values.js";
import { parsePath, privateTag, type PathExprStep } from "./path.js";

/** A located element: the dataset that holds it, its tag, and the chain of enclosing elements/items. */
export interface Location {
  dataset: Dataset;
  tag: Tag;
  /** Enclosing sequence elements and items, outermost first, whose source bytes an edit invalidates. */
  chain: { dataset: Dataset; element: Element; item: Item }[];
  path: PathStep[];
}

/** Options for resolving a path. */
export interface ResolveOptions {
  /** Create missing items and private creator reservations (for `set`). */
  create?: boolean;
}

/** PS3.5 7.8.1: finds the block number reserved by a private creator in a group. */
function findBlock(ds: Dataset, group: number, creator: string): number | undefined {
  for (let b = 0x10; b <= 0xff; b++) if (privateCreatorOf(ds, privateTag(group, b, 0)) === creator) return b;
  return undefined;
}

/** Reserves the first free private block for a creator (PS3.5 7.8.1) and returns its number. */
function reserveBlock(ds: Dataset, group: number, creator: string): number {
  for (let b = 0x10; b <= 0xff; b++) {
    if (!ds.has(makeTag(group, b))) {
      const value = encodeValues(ds, makeTag(group, b), "LO", [creator]);
      ds.put({ tag: makeTag(group, b), vr: "LO", length: value.length, offset: -1, value });
      return b;
    }
  }
  throw new DicomError("BAD_PATH", `no free private block in group ${group.toString(16)}`);
}

function stepTag(ds: Dataset, step: PathExprStep, create: boolean, where: string): Tag | undefined {
  if (step.tag !== undefined) return step.tag;
  const p = step.privateRef!;
  let block = findBlock(ds, p.group, p.creator);
  if (block === undefined) {
    if (!create) return undefined;
    block = reserveBlock(ds, p.group, p.creator);
  }
  if (block === undefined) throw new DicomError("BAD_PATH", `private creator not found at ${where}`);
  return privateTag(p.group, block, p.element);
}

/**
 * Resolves a path expression to every element location it names ("[*]" fans out).
 * Missing intermediate elements give no location, unless `create` makes them.
 */
export function resolve(root: Dataset, path: string | PathExprStep[], options: ResolveOptions = {}): Location[] {
  const steps = typeof path === "string" ? parsePath(path) : path;
  const out: Location[] = [];
  const walk = (ds: Dataset, i: number, chain: Location["chain"], done: PathStep[]) => {
    const step = steps[i];
    const t = stepTag(ds, step, !!options.create, formatTagPath(done));
    if (t === undefined) return;
    if (i === steps.length - 1) {
      out.push({ dataset: ds, tag: t, chain, path: [...done, { tag: t }] });
      return;
    }
    let el = ds.get(t);
    if (!el) {
      if (!options.create) return;
      el = { tag: t, vr: "SQ", length: UNDEFINED_LENGTH, offset: -1, items: [] };
      ds.put(el);
    }
    if (!el.items) throw new DicomError("BAD_PATH", `${formatTagPath([...done, { tag: t }])} is not a sequence`);
    const indices = step.item === "*" ? el.items.map((_, k) => k) : [step.item as number];
    for (const k of indices) {
      if (k >= el.items.length) {
        if (!options.create || k !== el.items.length) {
          if (options.create) throw new DicomError("BAD_PATH", `item ${k} of ${formatTag(t)} does not exist (it has ${el.items.length})`);
          continue;
        }
        el.items.push({ dataset: new Dataset(el.unAsSequence ? { explicitVR: false, littleEndian: true } : ds.encoding, [], ds), offset: -1, length: UNDEFINED_LENGTH });
        invalidate([...chain, { dataset: ds, element: el, item: el.items[k] }]);
      }
      const item = el.items[k];
      walk(item.dataset, i + 1, [...chain, { dataset: ds, element: el, item }], [...done, { tag: t, item: k }]);
    }
  };
  walk(root, 0, [], []);
  return out;
}

/** Clears the source bytes of every enclosing element and item, so the writer re-encodes them. */
export function invalidate(chain: Location["chain"]): void {
  for (const c of chain) {
    c.element.raw = undefined;
    c.item.raw = undefined;
    c.dataset.touch(c.element.tag);
  }
}

/** Sets an element's values at a location (creating it with the dictionary VR if needed). */
export function setAt(loc: Location, values: readonly (string | number)[], vr?: string): void {
  const existing = loc.dataset.get(loc.tag);
  if (existing?.items || existing?.fragments) throw new DicomError("BAD_PATH", `${formatTagPath(loc.path)} holds items or fragments; set its children instead`);
  const v = existing?.vr && existing.vr !== "UN" ? (vr ?? existing.vr) : vrFor(loc.tag, vr);
  const value = encodeValues(loc.dataset, loc.tag, v, values);
  loc.dataset.put({ tag: loc.tag, vr: v, length: value.length, offset: -1, value });
  invalidate(loc.chain);
}

/** Replaces an element at a location with a given element (raw bytes dropped). */
export function putAt(loc: Location, el: Element): void {
  loc.dataset.put({ ...el, tag: loc.tag, raw: undefined });
  invalidate(loc.chain);
}

/** Removes the element at a location; returns whether it was there. */
export function removeAt(loc: Location): boolean {
  const had = loc.dataset.delete(loc.tag);
  if (had) invalidate(loc.chain);
  return had;
}

/** Sets values at a path (e.g. "PatientName", "ReferencedImageSequence[0].ReferencedSOPInstanceUID"). */
export function setValue(root: Dataset, path: string, values: readonly (string | number)[], options: { vr?: string } = {}): number {
  const locs = resolve(root, path, { create: true });
  for (const loc of locs) setAt(loc, values, options.vr);
  return locs.length;
}

/** Removes the element(s) at a path; returns how many were removed. */
export function removeValue(root: Dataset, path: string): number {
  return resolve(root, path).filter((loc) => removeAt(loc)).length;
}
