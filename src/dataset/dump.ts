import type { Dataset } from "../core/dataset.js";
import type { Element } from "../core/element.js";
import { UNDEFINED_LENGTH, formatTag, isPrivateTag } from "../core/tag.js";
import { isStringVR } from "../core/vr.js";
import { lookupTag } from "../dictionary/index.js";
import { elementNumbers, elementText, privateCreatorOf } from "./values.js";

/** Options of `dumpDataset`. */
export interface DumpOptions {
  /** Longest value preview, in characters (default 64). */
  maxValueLength?: number;
}


/** A short readable preview of an element's value. */
export function valuePreview(el: Element, ds: Dataset, max = 64): string {
  if (el.items) return `(Sequence with ${el.items.length} item${el.items.length === 1 ? "" : "s"})`;
  if (el.fragments) return `(Encapsulated: ${el.fragments.length - 1} fragment${el.fragments.length === 2 ? "" : "s"} + offset table)`;
  if (!el.value || el.value.length === 0) return "(no value)";
  let s: string;
  if (isStringVR(el.vr)) s = `[${elementText(el, ds) ?? ""}]`;
  else {
    const nums = elementNumbers(el, ds);
    if (nums.length && el.value.length <= 64) s = nums.map((n) => (el.vr === "AT" ? formatTag(n) : String(n))).join("\\");
    else s = Array.from(el.value.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("\\") + (el.value.length > 16 ? "..." : "");
  }
  return s.length > max ? s.slice(0, max - 3) + "..." : s;
}

/** A dcmdump-like listing: tag, VR, value preview, length, keyword (or private creator), nesting. */
export function dumpDataset(ds: Dataset, options: DumpOptions = {}, indent = 0): string[] {
  const lines: string[] = [];
  const pad = "  ".repeat(indent);
  for (const el of ds.elements) {
    const entry = lookupTag(el.tag);
    let name = entry?.keyword ?? "";
    if (!entry && isPrivateTag(el.tag)) name = `Private [${privateCreatorOf(ds, el.tag) ?? "no creator"}]`;
    if (!name) name = "Unknown";
    const len = el.length === UNDEFINED_LENGTH ? "u/l" : String(el.length);
    lines.push(`${pad}${formatTag(el.tag)} ${el.vr} ${valuePreview(el, ds, options.maxValueLength)}  # ${len}, ${name}`);
    if (el.items) {
      el.items.forEach((item, i) => {
        lines.push(`${pad}  (FFFE,E000) item ${i + 1}  # ${item.length === UNDEFINED_LENGTH ? "u/l" : item.length}`);
        lines.push(...dumpDataset(item.dataset, options, indent + 2));
      });
    }
    if (el.fragments) {
      el.fragments.forEach((f, i) => lines.push(`${pad}  (FFFE,E000) ${i === 0 ? "offset table" : `fragment ${i}`}  # ${f.value.length}`));
    }
  }
  return lines;
}
