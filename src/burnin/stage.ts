// The burned-in text stage of one file: every frame detected, decided, turned into rectangles.
import { createHash } from "node:crypto";
import type { DicomFile } from "../io/read/read-file.js";
import { openPixels, readFrame } from "../pixels/image.js";
import type { OcrEngine } from "../ocr/engine.js";
import type { OcrRecipeOptions } from "../ocr/recipe.js";
import type { PhiContext } from "../phi/context.js";
import type { Rect } from "../redact/index.js";
import { findLines, readLines } from "./detect.js";
import { decideRedactions } from "./decide.js";
import { hiddenRowDecisions } from "./hidden-rows.js";
import type { PixelMode, RedactionDecision } from "./types.js";

/** Options of the burned-in text stage. */
export interface BurnInOptions {
  mode: PixelMode;
  engine: OcrEngine;
  recipe?: OcrRecipeOptions;
  /** Redact text lines that could not be read confidently (default true). */
  failSafe?: boolean;
  /** Cover the rows of a redacted stack hidden in ground of their ink's own value (hidden-rows.ts; default true). */
  hiddenRows?: boolean;
}

/** What the stage found and decided in one file: geometry, reasons and counts, never text. */
export interface BurnInResult {
  rects: Map<number, Rect[]>;
  decisions: RedactionDecision[];
  framesAnalyzed: number;
  /** Frames whose text areas were identical to an analysed frame, so its decisions were reused. */
  framesReused: number;
  /** Text lines detected, summed over analysed frames. */
  linesFound: number;
  /** Mean OCR confidence of the words read (0 when none). */
  meanConfidence: number;
  /** Why the frames were found by their start markers rather than the Basic Offset Table (PixelSource.tableIgnored). */
  tableIgnored?: string;
}

/** A digest of the samples of a frame inside some boxes (to spot frames whose text did not change). */
function boxesDigest(pixels: ArrayLike<number>, columns: number, spp: number, boxes: readonly Rect[]): string {
  const h = createHash("sha1");
  for (const b of boxes) {
    for (let y = Math.max(0, b.y); y < b.y + b.h; y++) {
      const row: number[] = [];
      for (let x = Math.max(0, b.x); x < Math.min(columns, b.x + b.w); x++) for (let c = 0; c < spp; c++) row.push(pixels[(y * columns + x) * spp + c] ?? 0);
      h.update(Uint32Array.from(row));
    }
  }
  return h.digest("hex");
}

/** True when every box of `now` lies (90 % of its area) inside a box of `before` grown by half its height. */
function withinEarlierLines(now: readonly Rect[], before: readonly Rect[]): boolean {
  return now.every((b) => before.some((o) => {
    const g = Math.max(2, Math.round(o.h / 2));
    const w = Math.min(b.x + b.w, o.x + o.w + g) - Math.max(b.x, o.x - g);
    const h = Math.min(b.y + b.h, o.y + o.h + g) - Math.max(b.y, o.y - g);
    return w > 0 && h > 0 && w * h >= 0.9 * b.w * b.h;
  }));
}

/**
 * Runs detection and decision on every frame. Multi-frame images (ultrasound cine) often
 * carry the same text in every frame. Text lines are found in every frame; when a frame's
 * lines all lie within the previous analysed frame's lines and its pixels inside those are
 * identical, that frame's decisions are reused instead of running OCR again. A frame with a
 * text line anywhere else (a name shown part way through a cine) is read and decided anew.
 */
export async function burnedInStage(file: DicomFile, context: PhiContext, options: BurnInOptions): Promise<BurnInResult> {
  const result: BurnInResult = { rects: new Map(), decisions: [], framesAnalyzed: 0, framesReused: 0, linesFound: 0, meanConfidence: 0 };
  if (options.mode === "off") return result;
  const src = openPixels(file);
  if (src.tableIgnored) result.tableIgnored = src.tableIgnored;
  let last: { digest: string; lines: Rect[]; decisions: RedactionDecision[] } | undefined;
  let confSum = 0;
  let confN = 0;
  for (let f = 0; f < src.format.numberOfFrames; f++) {
    const frame = await readFrame(src, f);
    const spp = frame.format.samplesPerPixel;
    const found = findLines(file, frame, f, options.recipe);
    let decisions: RedactionDecision[] | undefined;
    if (last && !found.full && withinEarlierLines(found.boxes, last.lines) && boxesDigest(frame.pixels, frame.format.columns, spp, last.lines) === last.digest) {
      decisions = last.decisions.map((d) => ({ ...d, frame: f }));
      result.framesReused++;
    } else {
      const text = await readLines(found, { engine: options.engine, recipe: options.recipe });
      decisions = decideRedactions(text, { mode: options.mode, context, failSafe: options.failSafe });
      // Rows of a redacted stack drawn over ground of their ink's own value: only the rendering shows where (hidden-rows.ts).
      if (options.mode === "phi" && options.hiddenRows !== false) decisions.push(...hiddenRowDecisions(decisions, text, found.rendering));
      result.framesAnalyzed++;
      result.linesFound += text.lines.length;
      for (const w of text.words) { confSum += w.confidence; confN++; }
      const lines = text.lines.map((l) => l.box);
      // Only a next frame can reuse these decisions: single-frame images skip the digest.
      const more = f + 1 < src.format.numberOfFrames;
      last = more && lines.length ? { digest: boxesDigest(frame.pixels, frame.format.columns, spp, lines), lines, decisions } : undefined;
    }
    result.decisions.push(...decisions);
    if (decisions.length) result.rects.set(f, decisions.map((d) => d.box));
  }
  result.meanConfidence = confN ? confSum / confN : 0;
  return result;
}
