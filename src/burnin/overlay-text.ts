// Clean Graphics on overlay planes (PS3.15 E.1-1: Overlay Data (60xx,3000) is C under the
// Clean Graphics Option): each 1-bit plane is read like a frame, and its PHI text bits cleared.
import { tag } from "../core/tag.js";
import type { DicomFile } from "../io/read/read-file.js";
import type { PhiContext } from "../phi/context.js";
import { rendered } from "../pixels/render/index.js";
import { clearOverlayBits, overlayFrames, overlayPlane } from "../redact/overlays.js";
import { findLinesIn, readLines } from "./detect.js";
import { decideRedactions } from "./decide.js";
import type { BurnInOptions } from "./stage.js";
import type { RedactionDecision } from "./types.js";

/** What the overlay stage did: the groups it read whole (their text cleaned), decisions in overlay coordinates, bits cleared. */
export interface OverlayTextResult {
  /** Overlay groups (0x6000-0x601E) whose every frame was read and cleaned: their Overlay Data may be kept. */
  cleaned: number[];
  /** Overlay groups that could not be read (not a 1-bit plane of its declared size): they go whole. */
  unreadable: number[];
  /** Decisions per overlay plane; `frame` is the overlay frame, boxes are in the overlay's own coordinates. */
  decisions: (RedactionDecision & { group: number })[];
  bitsCleared: number;
}

/**
 * Finds the text in every overlay plane with the burned-in text pipeline (lines, OCR, PHI
 * decision with this file's header values) and clears the bits inside the redaction boxes. A
 * plane is an image of its own: set bits are drawn bright on dark, in the overlay's coordinates.
 */
export async function cleanOverlayText(file: DicomFile, context: PhiContext, options: BurnInOptions): Promise<OverlayTextResult> {
  const result: OverlayTextResult = { cleaned: [], unreadable: [], decisions: [], bitsCleared: 0 };
  if (options.mode === "off") return result;
  const ds = file.dataset;
  for (let group = 0x6000; group <= 0x601e; group += 2) {
    if (!ds.get(tag(group, 0x3000))) continue;
    // Whether the group is a readable plane does not depend on the frame (overlayPlane checks the data holds them all).
    const first = overlayPlane(ds, group, 0);
    if (!first) {
      result.unreadable.push(group);
      continue;
    }
    for (let k = 0; k < overlayFrames(ds, group); k++) {
      const p = k === 0 ? first : overlayPlane(ds, group, k)!;
      const text = await readLines(findLinesIn(rendered(p.width, p.height, 1, p.data), k, options.recipe), { engine: options.engine, recipe: options.recipe });
      const decisions = decideRedactions(text, { mode: options.mode, context, failSafe: options.failSafe });
      result.decisions.push(...decisions.map((d) => ({ ...d, group })));
      result.bitsCleared += clearOverlayBits(ds, group, k, decisions.map((d) => d.box));
    }
    result.cleaned.push(group);
  }
  return result;
}
