/**
 * The whole-frame fallback of the "lines" recipe. Line detection is made for text drawn in a flat
 * colour at the extremes of the image (what modalities burn in); text drawn thin and antialiased,
 * or in a colour well inside the image's range, can break into pieces that are not taken for
 * lines, and then at most one line of the frame is read with confidence. For such a frame the engine reads
 * the whole frame once (the engine finds its own lines) and its confident words are grouped
 * into lines of their own, added to the detected ones.
 */
import type { OcrEngine, OcrWord } from "./engine.js";
import { scale, type GreyImage } from "./raster.js";
import type { TextLine } from "./text-lines.js";

/** Options of `fallbackLines`. */
export interface FullFallbackOptions {
  /** Words read less confidently than this are left out (texture read as text). Default 60. */
  minWordConfidence?: number;
  /** Keeps a word (letters or digits, as the recipe's own filter). */
  keep: (w: OcrWord) => boolean;
}

/** A line the fallback read: the detector's line fields and its words (frame coordinates). */
export interface FallbackLine extends TextLine {
  words: OcrWord[];
}

/** True when two word boxes lie on one row: their vertical centres within half the taller's height. */
function sameRow(a: OcrWord, b: OcrWord): boolean {
  const h = Math.max(a.box.h, b.box.h);
  return Math.abs(a.box.y + a.box.h / 2 - (b.box.y + b.box.h / 2)) <= h / 2;
}

/** Whether a word's glyphs are lighter than the ground inside its box (for `TextLine.polarity`). */
function polarityOf(grey: GreyImage, w: OcrWord): "bright" | "dark" {
  const { width, height, data } = grey;
  const x0 = Math.max(0, Math.floor(w.box.x));
  const y0 = Math.max(0, Math.floor(w.box.y));
  const x1 = Math.min(width, Math.ceil(w.box.x + w.box.w));
  const y1 = Math.min(height, Math.ceil(w.box.y + w.box.h));
  let sum = 0;
  let n = 0;
  let lo = 255;
  let hi = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = data[y * width + x];
      sum += v;
      n++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  // Glyphs cover the lesser part of a word's box: the mean lies nearer the ground's value.
  return n === 0 || sum / n - lo < hi - sum / n ? "bright" : "dark";
}

/** Frames whose shorter side is at most this many pixels are read at twice their size. */
const SMALL_FRAME = 320;

/** Black pixels added on every side of the frame: leptonica's layout analysis complains (on stderr) of boxes reaching past the edges of some frames otherwise. */
const BORDER = 8;

/** The frame inside a black border of BORDER pixels. */
function bordered(grey: GreyImage): GreyImage {
  const width = grey.width + 2 * BORDER;
  const height = grey.height + 2 * BORDER;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < grey.height; y++) data.set(grey.data.subarray(y * grey.width, (y + 1) * grey.width), (y + BORDER) * width + BORDER);
  return { width, height, channels: 1, data };
}

/**
 * Reads the whole frame (page segmentation 3: the engine finds its own blocks and lines) and
 * groups the confident words into lines: words on one row, at most two of their heights apart.
 * Words come back in frame coordinates with `line` set to their line's index from `firstIndex`.
 */
export async function fallbackLines(engine: OcrEngine, grey: GreyImage, firstIndex: number, options: FullFallbackOptions): Promise<FallbackLine[]> {
  const min = options.minWordConfidence ?? 60;
  // Small frames (a 256-px MR or ultrasound) carry small text: read them at twice the size.
  const f = Math.min(grey.width, grey.height) <= SMALL_FRAME ? 2 : 1;
  const read = await engine.recognize(bordered(scale(grey, f)), { psm: 3 });
  const words = read
    .map((w) => ({ ...w, box: { x: (w.box.x - BORDER) / f, y: (w.box.y - BORDER) / f, w: w.box.w / f, h: w.box.h / f } }))
    .filter((w) => options.keep(w) && w.confidence >= min);
  words.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const rows: OcrWord[][] = [];
  for (const w of words) {
    const row = rows.find((r) => r.some((o) => sameRow(o, w) && Math.max(o.box.x - (w.box.x + w.box.w), w.box.x - (o.box.x + o.box.w)) <= 2 * Math.max(o.box.h, w.box.h)));
    if (row) row.push(w);
    else rows.push([w]);
  }
  return rows.map((row, k) => {
    row.sort((a, b) => a.box.x - b.box.x);
    const x0 = Math.min(...row.map((w) => w.box.x));
    const y0 = Math.min(...row.map((w) => w.box.y));
    const x1 = Math.max(...row.map((w) => w.box.x + w.box.w));
    const y1 = Math.max(...row.map((w) => w.box.y + w.box.h));
    const heights = row.map((w) => w.box.h).sort((a, b) => a - b);
    const text = row.map((w) => w.text).join("");
    return {
      box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 },
      polarity: polarityOf(grey, row[0]),
      // A word box spans ascenders and descenders: its glyphs are about 0.7 of it.
      charHeight: Math.max(1, Math.round(0.7 * heights[heights.length >> 1])),
      glyphs: text.length,
      level: 0,
      score: 1,
      words: row.map((w) => ({ ...w, line: firstIndex + k })),
    };
  });
}
