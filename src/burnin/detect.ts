// Detection: render a frame for OCR, find text lines and read their words (frame coordinates).
import type { DicomFile } from "../io/read/read-file.js";
import { tag } from "../core/tag.js";
import { getText } from "../dataset/values.js";
import { isColourFormat, type DecodedFrame } from "../pixels/format.js";
import { renderFrame, toPixelBox, type Rendered } from "../pixels/render/index.js";
import { findFrameLines, readFrameLines, type FoundLines, type OcrRecipeOptions } from "../ocr/recipe.js";
import type { TextLine } from "../ocr/text-lines.js";
import type { GreyImage } from "../ocr/raster.js";
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
  /** The lines' boxes in frame pixels, cut to their glyph rows like `readLines` does (empty when the recipe reads whole frames). */
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
  const rendering = renderFrame(file, frame, { frameIndex: index, voi: "minmax", grayscale: true });
  const lines = findLinesIn(rendering, index, wasLossy(file) ? { ...recipe, lines: { lossy: true, ...recipe?.lines } } : recipe);
  if (!isColourFormat(frame.format) || lines.full) return lines;
  const fallbackGrey = (): GreyImage => {
    const b = renderFrame(file, frame, { frameIndex: index, grayscale: true, greyOfColour: "brightest" });
    return { width: b.width, height: b.height, channels: 1, data: b.data };
  };
  return { ...lines, found: { ...lines.found, fallbackGrey } };
}

/** True when the pixels went through lossy compression: a lossy transfer syntax, or Lossy Image Compression (0028,2110) "01". */
function wasLossy(file: DicomFile): boolean {
  return file.transferSyntax.lossy || getText(file.dataset, tag(0x0028, 0x2110)) === "01";
}

/** Finds the text lines of an 8-bit rendering (a frame's, or an overlay plane's). */
export function findLinesIn(r: Rendered, index: number, recipe?: OcrRecipeOptions): FrameLines {
  const found = findFrameLines({ width: r.width, height: r.height, channels: r.channels, data: r.data }, recipe);
  return { frame: index, boxes: found.lines.map((l) => cutToBand(toPixelBox(l.box, r), bandOf(l, r))), full: found.full, found, rendering: r };
}

/** A line's glyph rows (`TextLine.band`) in frame pixels, when it has them. */
function bandOf(l: TextLine, r: Rendered): Rect | undefined {
  return l.band ? toPixelBox({ x: l.box.x, y: l.band.y0, w: l.box.w, h: l.band.y1 - l.band.y0 }, r) : undefined;
}

/** A box cut to a band's rows (unchanged without a band, or when they do not meet). */
function cutToBand(b: Rect, band: Rect | undefined): Rect {
  if (!band) return b;
  const y0 = Math.max(b.y, band.y);
  const y1 = Math.min(b.y + b.h, band.y + band.h);
  return y1 > y0 ? { ...b, y: y0, h: y1 - y0 } : b;
}

/**
 * Reads the lines `findLines` found; boxes come back in frame pixel coordinates. A line much
 * taller than its glyphs (it grew over texture above or below them) has its box and its words'
 * boxes cut to the glyphs' rows, so that redaction does not take the texture with it.
 */
export async function readLines(lines: FrameLines, options: DetectOptions): Promise<FrameText> {
  const r = lines.rendering;
  const res = await readFrameLines(options.engine, lines.found, options.recipe);
  const bands = res.lines.map((g) => bandOf(g, r));
  const out = res.lines.map((g, i) => ({
    box: cutToBand(toPixelBox(g.box, r), bands[i]),
    charHeight: g.charHeight / (r.scale || 1),
    readable: g.readable,
    score: g.score,
    level: g.level,
    polarity: g.polarity,
    ...(g.faint === true ? { faint: true } : {}),
  }));
  // `line` of an ocrFrame word is the index into `lines`.
  const words = res.words.map((w) => {
    const line = w.line !== undefined && w.line < out.length ? w.line : undefined;
    return { text: w.text, confidence: w.confidence, box: cutToBand(toPixelBox(w.box, r), line === undefined ? undefined : bands[line]), line };
  });
  return { frame: lines.frame, words, lines: out };
}

/** Finds and reads one frame's text (`findLines` then `readLines`). */
export async function detectText(file: DicomFile, frame: DecodedFrame, index: number, options: DetectOptions): Promise<FrameText> {
  return await readLines(findLines(file, frame, index, options.recipe), options);
}
