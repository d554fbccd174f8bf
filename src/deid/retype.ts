import type { Dataset } from "../core/dataset.js";
import { isPrivateTag } from "../core/tag.js";
import { lookupTag } from "../dictionary/index.js";
import { invalidate, type Location } from "../dataset/edit.js";

/**
 * PS3.5 6.2.2: a standard attribute encoded as UN (e.g. by a system that did not know it)
 * is given its dictionary VR before de-identification, so that its value is read, remapped
 * or cleaned like any other, and written back with the right VR. Returns how many changed.
 */
export function retypeUnknown(ds: Dataset, chain: Location["chain"] = []): number {
  let n = 0;
  for (const el of ds.elements) {
    if (el.items) {
      for (const item of el.items) n += retypeUnknown(item.dataset, [...chain, { dataset: ds, element: el, item }]);
      continue;
    }
    if (el.vr !== "UN" || isPrivateTag(el.tag) || el.fragments) continue;
    const vr = lookupTag(el.tag)?.vr;
    if (!vr || vr === "UN" || vr === "SQ") continue;
    el.vr = vr;
    el.raw = undefined;
    ds.touch(el.tag);
    invalidate(chain);
    n++;
  }
  return n;
}
