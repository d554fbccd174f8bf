// The --redact-region x,y,w,h argument.
import { DicomError } from "../../core/errors.js";
import type { Rect } from "../types.js";

/**
 * Parses "x,y,w,h" (whole pixels; x, y >= 0 from the top-left corner, w, h >= 1) into a
 * rectangle. Errors are CONFIG errors naming the argument.
 */
export function parseRegionArg(text: string, argument = "--redact-region"): Rect {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,6}$/.test(p))) {
    throw new DicomError("CONFIG", `${argument} must be x,y,w,h in whole pixels (e.g. 0,0,640,48)`);
  }
  const [x, y, w, h] = parts.map(Number);
  if (w < 1 || h < 1) throw new DicomError("CONFIG", `${argument}: width and height must be at least 1`);
  return { x, y, w, h };
}

/** Parses every occurrence of a repeated --redact-region argument. */
export function parseRegionArgs(texts: readonly string[], argument = "--redact-region"): Rect[] {
  return texts.map((t) => parseRegionArg(t, argument));
}
