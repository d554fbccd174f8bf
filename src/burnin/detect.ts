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
  const lines = res.regions.map((g) => ({ box: map(g.box), charHeight: g.charHeight / (r.scale || 1) }));
  const words = res.words.map((w) => {
    const box = map(w.box);
    const cx = box.x + box.w / 2;
    const cy = box.y + box.h / 2;
    const line = lines.findIndex((l) => cx >= l.box.x && cx <= l.box.x + l.box.w && cy >= l.box.y && cy <= l.box.y + l.box.h);
    return { text: w.text, confidence: w.confidence, box, line: line >= 0 ? line : undefined };
  });
  return { frame: index, words, lines };
}
