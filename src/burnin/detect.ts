// Detection: render a frame for OCR, find text lines and read their words (frame coordinates).
import type { DicomFile } from "../io/read/read-file.js";
import type { DecodedFrame } from "../pixels/format.js";
import { renderFrame, toPixelBox } from "../pixels/render/index.js";
import { ocrFrame, type OcrRecipeOptions } from "../ocr/recipe.js";
import type { OcrEngine } from "../ocr/engine.js";
import type { FrameText } from "./types.js";

/** Options of `detectText`. */
export interface DetectOptions {
  engine: OcrEngine;
  recipe?: OcrRecipeOptions;
}

/**
 * Renders one decoded frame to 8-bit grey with a min-max window (burned-in text sits at the
 * extremes of the stored range, which header windows often clip) and runs the OCR recipe.
 * Boxes come back in frame pixel coordinates.
 */
export async function detectText(file: DicomFile, frame: DecodedFrame, index: number, options: DetectOptions): Promise<FrameText> {
  const r = renderFrame(file, frame, { frameIndex: index, voi: "minmax", grayscale: true });
  const res = await ocrFrame(options.engine, { width: r.width, height: r.height, channels: r.channels, data: r.data }, options.recipe);
  const map = (b: { x: number; y: number; w: number; h: number }) => toPixelBox(b, r);
  const lines = res.lines.map((g) => ({ box: map(g.box), charHeight: g.charHeight / (r.scale || 1), readable: g.readable, score: g.score }));
  // `line` of an ocrFrame word is the index into `lines`.
  const words = res.words.map((w) => ({ text: w.text, confidence: w.confidence, box: map(w.box), line: w.line !== undefined && w.line < lines.length ? w.line : undefined }));
  return { frame: index, words, lines };
}
