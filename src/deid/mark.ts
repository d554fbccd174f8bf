import { Dataset } from "../core/dataset.js";
import type { Element } from "../core/element.js";
import { tag, UNDEFINED_LENGTH } from "../core/tag.js";
import { encodeValues } from "../dataset/values.js";
import type { MethodCode, ProfileOptions } from "../profile/options.js";
import { methodCodes } from "../profile/options.js";

const T = {
  identityRemoved: tag(0x0012, 0x0062), method: tag(0x0012, 0x0063), methodCodes: tag(0x0012, 0x0064),
  longitudinal: tag(0x0028, 0x0303), codeValue: tag(0x0008, 0x0100), scheme: tag(0x0008, 0x0102), meaning: tag(0x0008, 0x0104),
};

/** The marking elements: their values are this tool's own words (the residual check skips them). */
export const MARK_TAGS: ReadonlySet<number> = new Set([T.identityRemoved, T.method, T.methodCodes, T.longitudinal]);

function textElement(ds: Dataset, t: number, vr: string, values: string[]): Element {
  const value = encodeValues(ds, t, vr, values);
  return { tag: t, vr, length: value.length, offset: -1, value };
}

function codeItem(parent: Dataset, c: MethodCode): Dataset {
  const item = new Dataset(parent.encoding, [], parent);
  item.put(textElement(item, T.codeValue, "SH", [c.value]));
  item.put(textElement(item, T.scheme, "SH", ["DCM"]));
  item.put(textElement(item, T.meaning, "LO", [c.meaning]));
  return item;
}

/**
 * PS3.15 E.1.1 / PS3.3 C.7.1.1: marks a de-identified dataset: Patient Identity Removed YES,
 * De-identification Method (text) and its Code Sequence (CID 7050: 113100 and each option),
 * Longitudinal Temporal Information Modified.
 */
export function markDeidentified(ds: Dataset, options: ProfileOptions, toolText: string): MethodCode[] {
  const codes = methodCodes(options);
  ds.put(textElement(ds, T.identityRemoved, "CS", ["YES"]));
  const method = [toolText, ...codes.map((c) => c.meaning)].map((s) => s.slice(0, 64));
  ds.put(textElement(ds, T.method, "LO", method));
  ds.put({
    tag: T.methodCodes, vr: "SQ", length: UNDEFINED_LENGTH, offset: -1,
    items: codes.map((c) => ({ dataset: codeItem(ds, c), offset: -1, length: UNDEFINED_LENGTH })),
  });
  const lt = options.retainLongitudinal === "full" ? "UNMODIFIED" : options.retainLongitudinal === "modified" ? "MODIFIED" : "REMOVED";
  ds.put(textElement(ds, T.longitudinal, "CS", [lt]));
  return codes;
}
