import { DicomError } from "../core/errors.js";
import { parseTag, tag as makeTag, type Tag } from "../core/tag.js";
import { lookupKeyword } from "../dictionary/index.js";

/** One step of a path expression: a tag (or a private creator + element byte), and an item selector. */
export interface PathExprStep {
  /** The tag, when given directly or by keyword. */
  tag?: Tag;
  /** Private tag by creator: group, creator string and the element's low byte (PS3.5 7.8.1). */
  privateRef?: { group: number; creator: string; element: number };
  /** Item index, "*" for every item, or undefined for the element itself. */
  item?: number | "*";
}

/**
 * Parses a path like `ReferencedImageSequence[0].ReferencedSOPInstanceUID`,
 * `(0008,1140)[*].(0008,1155)`, `00100010`, or a private tag by creator
 * `(0029,"SIEMENS CSA HEADER",10)`. Errors name the path, never a value.
 */
export function parsePath(text: string): PathExprStep[] {
  const steps: PathExprStep[] = [];
  const re = /\s*(\((?:[0-9A-Fa-f]{4}),"[^"]*",(?:[0-9A-Fa-f]{2})\)|\([0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\)|[0-9A-Fa-f]{8}|[A-Za-z][A-Za-z0-9]*)(?:\[(\d+|\*)\])?\s*(\.|$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new DicomError("BAD_PATH", `cannot parse path "${text}" at character ${at + 1}`);
    const step: PathExprStep = {};
    const head = m[1];
    const priv = /^\(([0-9A-Fa-f]{4}),"([^"]*)",([0-9A-Fa-f]{2})\)$/.exec(head);
    if (priv) {
      const group = parseInt(priv[1], 16);
      if ((group & 1) === 0) throw new DicomError("BAD_PATH", `private creator given for even group ${priv[1]} in "${text}"`);
      step.privateRef = { group, creator: priv[2], element: parseInt(priv[3], 16) };
    } else {
      const t = /^[0-9A-Fa-f]{8}$/.test(head) || head.startsWith("(") ? parseTag(head) : lookupKeyword(head);
      if (t === undefined) throw new DicomError("BAD_PATH", `unknown keyword "${head}" in path "${text}"`);
      step.tag = t;
    }
    if (m[2] !== undefined) step.item = m[2] === "*" ? "*" : parseInt(m[2], 10);
    steps.push(step);
    at = re.lastIndex;
    if (m[3] === "" ) break;
  }
  if (steps.length === 0) throw new DicomError("BAD_PATH", "empty path");
  for (let i = 0; i < steps.length - 1; i++) {
    if (steps[i].item === undefined) throw new DicomError("BAD_PATH", `step ${i + 1} of "${text}" needs an item index like [0]`);
  }
  return steps;
}

/** Builds a private tag from its group, block (from the creator element) and element byte. */
export function privateTag(group: number, block: number, element: number): Tag {
  return makeTag(group, (block << 8) | element);
}
