/**
 * The OCR recipe: how an 8-bit frame is turned into text lines and words for PHI detection.
 *
 * Default ("lines"): detect text lines (text-lines.ts); turn each into clean dark glyphs on white
 * at `targetCharHeight` (line-image.ts); pack the line images onto shelves of one image and read
 * it in one engine call (line-stack.ts; page segmentation 6, a uniform block). Optionally, lines
 * read with low confidence are read once more prepared another way and the more confident
 * reading is kept. Every line comes back
 * with its words and a `readable` verdict, so that a caller can redact text it could not read
 * rather than assume it harmless. Frames without text cost only the detection. When lines were
 * found but at most one was read with confidence, the whole frame is read once more and its
 * confident words become lines too (full-fallback.ts).
 * "full" OCRs the whole frame (optionally upscaled), as a baseline.
 */
import type { OcrBox, OcrEngine, OcrImage, OcrWord, PageSegMode, RecognizeOptions } from "./engine.js";
import { lineImage, type LineImageOptions } from "./line-image.js";
import { readStacked, type StackOptions } from "./line-stack.js";
import { invert, scale, toGrey, type GreyImage } from "./raster.js";
import { faintInkPieces, type FaintInkOptions } from "./faint-ink.js";
import { findTextLines, type FindTextLinesOptions, type TextLine } from "./text-lines.js";
import { fallbackLines } from "./full-fallback.js";

/** Options of `ocrFrame` / `ocrImage`. */
export interface OcrRecipeOptions {
  /** "lines" (default; "regions" is its former name) or "full". */
  strategy?: "lines" | "regions" | "full";
  /** Options of the text-line detector. */
  lines?: FindTextLinesOptions;
  /**
   * Pieces of text rows and stacks over ground of nearly the ink's grey (faint-ink.ts), added to
   * the detected lines; false turns them off.
   */
  faintInk?: FaintInkOptions | false;
  /** Glyph height in pixels that line images are scaled to. Default 24. */
  targetCharHeight?: number;
  /** Largest upscale factor for line images. Default 8. */
  maxScale?: number;
  /** Binarise line images at half ink (first reading; a retry uses the other). Default false. */
  binarise?: boolean;
  /** Page segmentation mode of the stacked lines (or the full frame). Default 6 (11 for "full"). */
  psm?: PageSegMode;
  /** Largest stacked image height in pixels before a new engine call starts. Default 2400. */
  maxStackHeight?: number;
  /** Width of the shelves line images are packed onto for one engine call. Default 1600. */
  shelfWidth?: number;
  /** Lines whose mean word confidence is below this are read again, prepared the other way. Default 0 (off). */
  retryBelowConfidence?: number;
  /** A line is `readable` when its mean word confidence reaches this. Default 80. */
  readableConfidence?: number;
  /** ... and its words span at least this share of its width. Default 0.6. */
  readableCoverage?: number;
  /** Upscale factor of the "full" strategy. Default 1. */
  fullScale?: number;
  /** Invert the "full" frame (dark text on light). Default false. */
  fullInvert?: boolean;
  /** Words below this confidence are dropped. Default 0. */
  minConfidence?: number;
  /**
   * When lines were detected but at most one was read with confidence, read the whole frame once
   * and add its confident words as lines (full-fallback.ts). Default true.
   */
  fullFallback?: boolean;
  /** Keep words without any letter or digit (rules, dashes read from texture). Default false. */
  keepSymbolWords?: boolean;
  /**
   * Engine variables for every call. Default { tessedit_do_invert: "0" }: line images are already
   * dark on white, so tesseract need not re-read low-confidence lines inverted.
   */
  variables?: Record<string, string>;
}

/** A detected text region, as the pixel pipeline consumes it (one per text line). */
export interface TextRegion {
  /** Box in frame pixels. */
  box: OcrBox;
  /** "bright": light glyphs on darker ground; "dark": the reverse. */
  polarity: "bright" | "dark";
  /** Median glyph height in pixels. */
  charHeight: number;
  /** Number of glyph components. */
  components: number;
}

/** One detected text line with what OCR read in it. */
export interface OcrLine extends TextLine {
  /** Words read in the line (frame coordinates), left to right. */
  words: OcrWord[];
  /** Mean word confidence, 0-100 (0 when nothing was read). */
  confidence: number;
  /** Lowest word confidence, 0-100 (0 when nothing was read). */
  minConfidence: number;
  /** Share of the line's width covered by word boxes, 0-1. */
  coverage: number;
  /**
   * True when the line was read with confidence (mean confidence >= `readableConfidence` and
   * words covering >= `readableCoverage` of its width). A line that is not readable is text that
   * could not be read: a fail-safe policy redacts it rather than keep it.
   */
  readable: boolean;
}

/** Result of `ocrFrame`. */
export interface OcrFrameResult {
  /** Every word read (frame coordinates); `line` is the index into `lines`. */
  words: OcrWord[];
  /** Detected text lines as regions (same order as `lines`); empty for the "full" strategy. */
  regions: TextRegion[];
  /** Detected text lines with their words and readability; empty for the "full" strategy. */
  lines: OcrLine[];
}

function mean(words: OcrWord[]): number {
  return words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
}

/** Share of [box.x, box.x + box.w) covered by the words' horizontal extents. */
function widthCoverage(box: OcrBox, words: OcrWord[]): number {
  const spans = words.map((w) => [Math.max(box.x, w.box.x), Math.min(box.x + box.w, w.box.x + w.box.w)] as const).sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let end = box.x;
  for (const [a, b] of spans) {
    const from = Math.max(a, end);
    if (b > from) covered += b - from;
    end = Math.max(end, b);
  }
  return box.w > 0 ? covered / box.w : 0;
}

/** Runs the OCR recipe on one frame; word boxes are in the frame's pixel coordinates. */
export async function ocrImage(engine: OcrEngine, image: OcrImage, options: OcrRecipeOptions = {}): Promise<OcrWord[]> {
  return (await ocrFrame(engine, image, options)).words;
}

/** The text lines found in a frame, before any of them is read (see `findFrameLines`). */
export interface FoundLines {
  /** The frame as 8-bit grey. */
  grey: GreyImage;
  /** Detected text lines (frame coordinates); empty for the "full" strategy. */
  lines: TextLine[];
  /** True for the "full" strategy, which reads the whole frame rather than detected lines. */
  full: boolean;
  /**
   * The frame as the whole-frame fallback reads it, when not `grey`: for colour, the brightest
   * channel (luma can bring text in a saturated colour to the grey of its coloured ground).
   * Made on demand: most frames never need the fallback.
   */
  fallbackGrey?: () => GreyImage;
}

/** The first half of `ocrFrame`: finds the frame's text lines without calling the engine. */
export function findFrameLines(image: OcrImage, options: OcrRecipeOptions = {}): FoundLines {
  const grey = toGrey(image);
  if (options.strategy === "full") return { grey, lines: [], full: true };
  const lines = findTextLines(grey, options.lines);
  const faint = options.faintInk === false ? [] : faintInkPieces(grey, lines, options.faintInk);
  return { grey, lines: [...lines, ...faint], full: false };
}

/** Runs the OCR recipe on one frame and returns words, regions and lines with their readability. */
export async function ocrFrame(engine: OcrEngine, image: OcrImage, options: OcrRecipeOptions = {}): Promise<OcrFrameResult> {
  return await readFrameLines(engine, findFrameLines(image, options), options);
}

/** The second half of `ocrFrame`: reads the lines `findFrameLines` found (or the whole frame for "full"). */
export async function readFrameLines(engine: OcrEngine, frameLines: FoundLines, options: OcrRecipeOptions = {}): Promise<OcrFrameResult> {
  const { grey, lines: found } = frameLines;
  const minConfidence = options.minConfidence ?? 0;
  const keep = (w: OcrWord): boolean => w.confidence >= minConfidence && (options.keepSymbolWords === true || /[\p{L}\p{N}]/u.test(w.text));
  if (frameLines.full) {
    const factor = options.fullScale ?? 1;
    let input = scale(grey, factor);
    if (options.fullInvert === true) input = invert(input);
    const words = await engine.recognize(input, { psm: options.psm ?? 11 });
    const scaled = words.map((w) => ({ ...w, box: { x: w.box.x / factor, y: w.box.y / factor, w: w.box.w / factor, h: w.box.h / factor } }));
    return { words: scaled.filter(keep), regions: [], lines: [] };
  }
  const regions = found.map(regionOf);
  // A frame where nothing looks like text costs no engine call, not even the fallback's.
  if (found.length === 0) return { words: [], regions, lines: [] };
  const detected = await readDetected(engine, frameLines, options, keep);
  if (options.fullFallback === false || detected.filter((l) => l.readable).length > FALLBACK_MAX_READABLE) return { words: detected.flatMap((l) => l.words), regions, lines: detected };
  const added = (await fallbackLines(engine, frameLines.fallbackGrey?.() ?? grey, detected.length, { keep })).map((l) => withReadability(l, l.words, options));
  const lines = [...detected, ...added];
  return { words: lines.flatMap((l) => l.words), regions: [...regions, ...added.map(regionOf)], lines };
}

/** The whole-frame fallback runs when at most this many detected lines were read with confidence. */
const FALLBACK_MAX_READABLE = 1;

/** A text line as a region. */
const regionOf = (l: TextLine): TextRegion => ({ box: l.box, polarity: l.polarity, charHeight: l.charHeight, components: l.glyphs });

/** A line with its words and the verdicts `OcrLine` carries (confidence, coverage, readable). */
function withReadability(l: TextLine, words: OcrWord[], options: OcrRecipeOptions): OcrLine {
  const confidence = mean(words);
  const coverage = widthCoverage(l.box, words);
  return {
    ...l,
    words,
    confidence,
    minConfidence: words.length === 0 ? 0 : Math.min(...words.map((w) => w.confidence)),
    coverage,
    readable: words.length > 0 && confidence >= (options.readableConfidence ?? 80) && coverage >= (options.readableCoverage ?? 0.6),
  };
}

/** Reads the detected lines (stacked, with the optional retry) into `OcrLine`s. */
async function readDetected(engine: OcrEngine, frameLines: FoundLines, options: OcrRecipeOptions, keep: (w: OcrWord) => boolean): Promise<OcrLine[]> {
  const { grey, lines: found } = frameLines;
  const call: RecognizeOptions = { psm: options.psm ?? 6, variables: options.variables ?? { tessedit_do_invert: "0" } };
  const stack: StackOptions = { maxHeight: options.maxStackHeight, shelfWidth: options.shelfWidth };
  const prep: LineImageOptions = { targetCharHeight: options.targetCharHeight ?? 24, maxScale: options.maxScale, binarise: options.binarise ?? false };
  const first = await readStacked(
    engine,
    // Faint pieces are not read: their ink is near their ground's grey, and a stack's reading of
    // the other lines changes with what else it holds.
    found.flatMap((l, i) => (l.faint === true ? [] : [{ line: i, prepared: lineImage(grey, l, prep) }])),
    call,
    stack,
  );
  const readings = found.map((_, i) => (first.get(i) ?? []).filter(keep));
  const retryBelow = options.retryBelowConfidence ?? 0;
  const retry = found.map((_, i) => i).filter((i) => retryBelow > 0 && found[i].faint !== true && mean(readings[i]) < retryBelow);
  if (retry.length > 0) {
    const other: LineImageOptions = { ...prep, binarise: !(prep.binarise ?? true) };
    const second = await readStacked(
      engine,
      retry.map((i) => ({ line: i, prepared: lineImage(grey, found[i], other) })),
      call,
      stack,
    );
    for (const i of retry) {
      const again = (second.get(i) ?? []).filter(keep);
      if (mean(again) * Math.min(1, widthCoverage(found[i].box, again) + 0.2) > mean(readings[i]) * Math.min(1, widthCoverage(found[i].box, readings[i]) + 0.2)) {
        readings[i] = again;
      }
    }
  }
  return found.map((l, i) => withReadability(l, readings[i].sort((a, b) => a.box.x - b.box.x), options));
}
