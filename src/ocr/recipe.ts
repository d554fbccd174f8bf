/**
 * The OCR recipe: how an 8-bit frame is turned into words for PHI detection.
 *
 * Default ("regions"): detect text-like lines (text-regions.ts); crop each, make the text dark on
 * light, stretch its contrast and scale it so glyphs are `targetCharHeight` pixels tall; stack
 * the crops into one tall image and OCR it in one engine call (page segmentation 6, a uniform
 * block); crops whose words come back with low confidence are OCRed once more binarised near the
 * ink level (helps text over noisy ground). Boxes are mapped back to frame coordinates and
 * duplicates dropped. "full" OCRs the whole frame (optionally upscaled), as a baseline.
 */
import type { OcrBox, OcrEngine, OcrImage, OcrWord, PageSegMode, RecognizeOptions } from "./engine.js";
import { crop, invert, pad, scale, stretch, toGrey, type GreyImage } from "./raster.js";
import { findTextRegions, type TextRegion, type TextRegionOptions } from "./text-regions.js";

/** Options of `ocrImage`. */
export interface OcrRecipeOptions {
  /** "regions" (default) or "full". */
  strategy?: "regions" | "full";
  /** Options of the text-region detector. */
  regions?: TextRegionOptions;
  /** Glyph height in pixels that crops are scaled to. Default 24. */
  targetCharHeight?: number;
  /** Largest upscale factor for crops. Default 8. */
  maxScale?: number;
  /** Page segmentation mode of the stacked crops (or the full frame). Default 6 (11 for "full"). */
  psm?: PageSegMode;
  /** Largest stacked image height in pixels before a new engine call starts. Default 2400. */
  maxStackHeight?: number;
  /** Crops whose mean word confidence is below this are OCRed again, binarised. 0 disables. Default 60. */
  retryBelowConfidence?: number;
  /** Only crops with glyphs at least this tall are retried (smaller ones do not gain). Default 6. */
  retryMinCharHeight?: number;
  /** Binarisation of retries: threshold at this fraction from the ink level to the median. Default 0.25. */
  binaryLevel?: number;
  /** Upscale factor of the "full" strategy. Default 1. */
  fullScale?: number;
  /** Invert the "full" frame (dark text on light). Default false. */
  fullInvert?: boolean;
  /** Words below this confidence are dropped. Default 0. */
  minConfidence?: number;
  /** Keep words without any letter or digit (rules, dashes read from texture). Default false. */
  keepSymbolWords?: boolean;
  /**
   * Engine variables for every call. Default { tessedit_do_invert: "0" }: crops are already dark
   * on light, so tesseract need not re-read low-confidence lines inverted (saves time on noise).
   */
  variables?: Record<string, string>;
}

/** A prepared crop and how its pixels map back to the frame. */
interface Piece {
  image: GreyImage;
  /** Frame box of the source region. */
  source: OcrBox;
  factor: number;
  /** Top of the piece inside the engine input, in engine-input pixels. */
  top: number;
}

const BORDER = 10;

/** Region crop as dark text on light ground with stretched contrast, before scaling. */
function darkOnLight(grey: GreyImage, region: TextRegion): GreyImage {
  let img = crop(grey, region.box);
  if (region.polarity === "bright") img = invert(img);
  let lo = 255;
  let hi = 0;
  for (const v of img.data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? stretch(img, lo, hi) : img;
}

/** Dark ink on light ground: pixels darker than ink + q * (median - ink) become black. */
export function binariseNearInk(img: GreyImage, q: number): GreyImage {
  const hist = new Uint32Array(256);
  let ink = 255;
  for (const v of img.data) {
    hist[v]++;
    if (v < ink) ink = v;
  }
  let seen = 0;
  let med = 255;
  for (let g = 0; g < 256; g++) {
    seen += hist[g];
    if (seen * 2 >= img.data.length) {
      med = g;
      break;
    }
  }
  const t = ink + q * (med - ink);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i] <= t ? 0 : 255;
  return { ...img, data: out };
}

function makePiece(base: GreyImage, region: TextRegion, factor: number, binaryLevel?: number): Piece {
  let img = scale(base, factor);
  if (binaryLevel !== undefined) img = binariseNearInk(img, binaryLevel);
  return { image: pad(img, BORDER, 255), source: region.box, factor, top: 0 };
}

/** Stacks pieces vertically on a white canvas and records where each starts. */
function stackPieces(pieces: Piece[]): GreyImage {
  const width = Math.max(...pieces.map((p) => p.image.width));
  const height = pieces.reduce((h, p) => h + p.image.height, 0);
  const data = new Uint8Array(width * height).fill(255);
  let y = 0;
  for (const p of pieces) {
    for (let r = 0; r < p.image.height; r++) {
      data.set(p.image.data.subarray(r * p.image.width, (r + 1) * p.image.width), (y + r) * width);
    }
    p.top = y;
    y += p.image.height;
  }
  return { width, height, channels: 1, data };
}

/** Maps a word of the stacked input back to frame coordinates, clipped to its source region. */
function mapWord(w: OcrWord, piece: Piece): OcrWord | undefined {
  const f = piece.factor;
  const s = piece.source;
  const x0 = Math.max(s.x, s.x + (w.box.x - BORDER) / f);
  const y0 = Math.max(s.y, s.y + (w.box.y - piece.top - BORDER) / f);
  const x1 = Math.min(s.x + s.w, s.x + (w.box.x + w.box.w - BORDER) / f);
  const y1 = Math.min(s.y + s.h, s.y + (w.box.y + w.box.h - piece.top - BORDER) / f);
  if (x1 <= x0 || y1 <= y0) return undefined;
  return { ...w, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } };
}

/** OCRs pieces in stacks of at most maxHeight pixels; returns the mapped words per piece. */
async function recognisePieces(
  engine: OcrEngine,
  pieces: Piece[],
  call: RecognizeOptions,
  maxHeight: number,
  lineBase: number,
): Promise<OcrWord[][]> {
  const batches: Piece[][] = [];
  let current: Piece[] = [];
  let height = 0;
  for (const p of pieces) {
    if (current.length > 0 && height + p.image.height > maxHeight) {
      batches.push(current);
      current = [];
      height = 0;
    }
    current.push(p);
    height += p.image.height;
  }
  if (current.length > 0) batches.push(current);
  const perPiece = new Map<Piece, OcrWord[]>(pieces.map((p) => [p, []]));
  await Promise.all(
    batches.map(async (batch, b) => {
      const words = await engine.recognize(stackPieces(batch), call);
      for (const w of words) {
        const cy = w.box.y + w.box.h / 2;
        const piece = batch.find((p) => cy >= p.top && cy < p.top + p.image.height);
        const mapped = piece === undefined ? undefined : mapWord(w, piece);
        if (piece !== undefined && mapped !== undefined) {
          perPiece.get(piece)?.push({ ...mapped, line: lineBase + b * 10000 + (w.line ?? 0), block: b });
        }
      }
    }),
  );
  return pieces.map((p) => perPiece.get(p) ?? []);
}

/** Intersection area over the smaller box's area. */
function overlapShare(a: OcrBox, b: OcrBox): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  return inter === 0 ? 0 : inter / Math.min(a.w * a.h, b.w * b.h);
}

/**
 * Drops words mostly (60 %) inside a more confident word from another engine call: the same text
 * read twice (overlapping regions, both polarities, retries). Words of one call never overlap.
 */
export function mergeDuplicateWords(words: OcrWord[]): OcrWord[] {
  const sorted = [...words].sort((a, b) => b.confidence - a.confidence);
  const kept: OcrWord[] = [];
  for (const w of sorted) if (!kept.some((k) => k.line !== w.line && overlapShare(k.box, w.box) > 0.6)) kept.push(w);
  return kept.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

function meanConfidence(words: OcrWord[]): number {
  return words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
}

/** Words and the text regions they were read from (regions are empty for the "full" strategy). */
export interface OcrFrameResult {
  words: OcrWord[];
  /** Detected text regions, including those where OCR read nothing (e.g. glyphs too small). */
  regions: TextRegion[];
}

/** Runs the OCR recipe on one frame; word boxes are in the frame's pixel coordinates. */
export async function ocrImage(engine: OcrEngine, image: OcrImage, options: OcrRecipeOptions = {}): Promise<OcrWord[]> {
  return (await ocrFrame(engine, image, options)).words;
}

/** Like `ocrImage`, and also returns the detected text regions (for region-level redaction policies). */
export async function ocrFrame(engine: OcrEngine, image: OcrImage, options: OcrRecipeOptions = {}): Promise<OcrFrameResult> {
  const all = await run(engine, image, options);
  const minConfidence = options.minConfidence ?? 0;
  const keep = (w: OcrWord): boolean => w.confidence >= minConfidence && (options.keepSymbolWords === true || /[\p{L}\p{N}]/u.test(w.text));
  return { words: mergeDuplicateWords(all.words.filter(keep)), regions: all.regions };
}

async function run(engine: OcrEngine, image: OcrImage, options: OcrRecipeOptions): Promise<OcrFrameResult> {
  const grey = toGrey(image);
  if ((options.strategy ?? "regions") === "full") {
    const factor = options.fullScale ?? 1;
    let input = scale(grey, factor);
    if (options.fullInvert === true) input = invert(input);
    const words = await engine.recognize(input, { psm: options.psm ?? 11 });
    const scaled = words.map((w) => ({ ...w, box: { x: w.box.x / factor, y: w.box.y / factor, w: w.box.w / factor, h: w.box.h / factor } }));
    return { words: scaled, regions: [] };
  }
  const regions = findTextRegions(grey, options.regions);
  if (regions.length === 0) return { words: [], regions };
  const target = options.targetCharHeight ?? 24;
  const maxScale = options.maxScale ?? 8;
  const call: RecognizeOptions = { psm: options.psm ?? 6, variables: options.variables ?? { tessedit_do_invert: "0" } };
  const maxHeight = options.maxStackHeight ?? 2400;
  const bases = regions.map((r) => darkOnLight(grey, r));
  const factors = regions.map((r) => Math.min(maxScale, Math.max(1, target / Math.max(1, r.charHeight))));
  const first = await recognisePieces(
    engine,
    regions.map((r, i) => makePiece(bases[i], r, factors[i])),
    call,
    maxHeight,
    0,
  );
  const words = first.flat();
  const retryBelow = options.retryBelowConfidence ?? 60;
  const retryMin = options.retryMinCharHeight ?? 6;
  const retry = regions
    .map((_, i) => i)
    .filter((i) => retryBelow > 0 && regions[i].charHeight >= retryMin && meanConfidence(first[i]) < retryBelow);
  if (retry.length > 0) {
    const level = options.binaryLevel ?? 0.25;
    const second = await recognisePieces(
      engine,
      retry.map((i) => makePiece(bases[i], regions[i], factors[i], level)),
      call,
      maxHeight,
      1_000_000,
    );
    words.push(...second.flat());
  }
  return { words, regions };
}
