// The file's own identifying values, read from the ORIGINAL header before it is de-identified.
import type { Dataset } from "../core/dataset.js";
import { isPrivateTag } from "../core/tag.js";
import { isStringVR } from "../core/vr.js";
import { lookupTag } from "../dictionary/index.js";
import { elementText } from "../dataset/values.js";
import { contextFromValues, type HeaderValue, type PhiContext } from "../phi/context.js";

const SKIP_VRS = new Set(["UI", "CS", "IS", "DS", "UR", "AE"]);

/**
 * Collects every standard text value of the header (nested items included) with its keyword
 * and VR, and routes them into a PhiContext (names, IDs, dates, institutions, addresses...).
 * Private elements are left out: their values are mostly vendor parameters.
 */
export function headerContext(ds: Dataset): PhiContext {
  const values: HeaderValue[] = [];
  const walk = (d: Dataset) => {
    for (const el of d.elements) {
      if (el.items) { for (const it of el.items) walk(it.dataset); continue; }
      if (!el.value || !isStringVR(el.vr) || SKIP_VRS.has(el.vr) || isPrivateTag(el.tag)) continue;
      const text = elementText(el, d);
      if (text) values.push({ keyword: lookupTag(el.tag)?.keyword ?? "", vr: el.vr, value: text });
    }
  };
  walk(ds);
  return contextFromValues(values);
}
