import type { Dataset } from "../core/dataset.js";
import type { Element } from "../core/element.js";
import { tagKey } from "../core/tag.js";
import { elementNumbers, elementText } from "./values.js";

/** One attribute in the DICOM JSON model (PS3.18 F.2). */
export interface JsonAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
}

/** Options of `toDicomJson`. */
export interface JsonOptions {
  /** Binary values above this many bytes are omitted (value-less attribute); default: all included. */
  bulkDataLimit?: number;
}

const toBase64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");

function attribute(el: Element, ds: Dataset, options: JsonOptions): JsonAttribute {
  const out: JsonAttribute = { vr: el.vr };
  if (el.items) {
    out.Value = el.items.map((it) => toDicomJson(it.dataset, options));
    return out;
  }
  if (el.fragments) {
    // PS3.18 F.2.7: encapsulated pixel data is carried as InlineBinary of the whole value.
    return out;
  }
  if (!el.value || el.value.length === 0) return out;
  switch (el.vr) {
    case "PN": {
      // PS3.18 F.2.2: component groups Alphabetic=Ideographic=Phonetic.
      const text = elementText(el, ds) ?? "";
      out.Value = text.split("\\").map((v) => {
        const [a, i, p] = v.split("=");
        const o: Record<string, string> = {};
        if (a) o.Alphabetic = a.trim();
        if (i) o.Ideographic = i.trim();
        if (p) o.Phonetic = p.trim();
        return o;
      });
      return out;
    }
    case "IS": case "DS": case "US": case "SS": case "UL": case "SL": case "FL": case "FD": case "SV": case "UV":
      out.Value = elementNumbers(el, ds);
      return out;
    case "AT":
      out.Value = elementNumbers(el, ds).map((n) => tagKey(n));
      return out;
    case "OB": case "OW": case "OD": case "OF": case "OL": case "OV": case "UN":
      if (options.bulkDataLimit === undefined || el.value.length <= options.bulkDataLimit) out.InlineBinary = toBase64(el.value);
      return out;
    default: {
      const text = elementText(el, ds) ?? "";
      out.Value = el.vr === "LT" || el.vr === "ST" || el.vr === "UT" || el.vr === "UR" ? [text] : text.split("\\").map((s) => s.trim());
      return out;
    }
  }
}

/** Converts a dataset to the DICOM JSON model (PS3.18 F): {"GGGGEEEE": {vr, Value | InlineBinary}}. */
export function toDicomJson(ds: Dataset, options: JsonOptions = {}): Record<string, JsonAttribute> {
  const out: Record<string, JsonAttribute> = {};
  for (const el of ds.elements) out[tagKey(el.tag)] = attribute(el, ds, options);
  return out;
}
