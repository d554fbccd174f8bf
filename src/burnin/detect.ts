// Detection: render a frame for OCR, find text lines and read their words (frame coordinates).
import type { DicomFile } from "../io/read/read-file.js";
import type { DecodedFrame } from "../pixels/format.js";
import { renderFrame, toPixelBox, type Rendered } from "../pixels/render/index.js";
import { findFrameLines, readFrameLines, type FoundLines, type OcrRecipeOptions } from "../ocr/recipe.js";
import type { OcrEngine } from "../ocr/engine.js";
import type { Rect } from "../redact/index.js";
import type { FrameText } from "./types.js";

/** Options of `detectText`. */
export interface DetectOptions {
  engine: OcrEngine;
  recipe?: OcrRecipeOptions;
}

/** A frame's text lines, found but not read yet (`findLines`, then `readLines`). */
export interface FrameLines {
  frame: number;
  /** The lines' boxes in frame pixels (empty when the recipe reads whole frames). */
  boxes: Rect[];
  /** True when the recipe reads whole frames, so no lines were looked for. */
  full: boolean;
  found: FoundLines;
  rendering: Rendered;
}

/**
 * Renders one decoded frame to 8-bit grey with a min-max window (burned-in text sits at the
 * extremes of the stored range, which header windows often clip) and finds its text lines.
 */
export function findLines(file: DicomFile, frame: DecodedFrame, index: number, recipe?: OcrRecipeOptions): FrameLines {
  const r = renderFrame(file, frame, { frameIndex: index, voi: "minmax", grayscale: true });
  const found = findFrameLines({ width: r.width, height: r.height, channels: r.channels, data: r.data }, recipe);
  return { frame: index, boxes: found.lines.map((l) => toPixelBox(l.box, r)), full: found.full, found, rendering: r };
}

/** Reads the lines `findLines` found; boxes come back in frame pixel coordinates. */
export async function readLines(lines: FrameLines, options: DetectOptions): Promise<FrameText> {
  const r = lines.rendering;
  const res = await readFrameLines(options.engine, lines.found, options.recipe);
  const map = (b: { x: number; y: number; w: number; h: number }) => toPixelBox(b, r);
  const out = res.lines.map((g) => ({ box: map(g.box), charHeight: g.charHeight / (r.scale || 1), readable: g.readable, score: g.score }));
  // `line` of an ocrFrame word is the index into `lines`.
  const words = res.words.map((w) => ({ text: w.text, confidence: w.confidence, box: map(w.box), line: w.line !== undefined && w.line < out.length ? w.line : undefined }));
  return { frame: lines.frame, words, lines: out };
}

/** Finds and reads one frame's text (`findLines` then `readLines`). */
export async function detectText(file: DicomFile, frame: DecodedFrame, index: number, options: DetectOptions): Promise<FrameText> {
  return await readLines(findLines(file, frame, index, options.recipe), options);
}
