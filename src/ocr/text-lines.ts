/**
 * Text-line detection: finds the lines of burned-in text in an 8-bit frame so that OCR reads
 * small crops and unreadable text can still be redacted.
 *
 * Per polarity: stroke masks (stroke-mask.ts) and candidate lines (line-candidates.ts), kept
 * when they look like text: regular glyph heights on a common baseline, glyphs drawn at one grey
 * level near the frame's extreme and standing out from the ground around them, quiet rows just
 * above or below (texture has strokes everywhere). Rows stacked with accepted lines pass a
 * relaxed test (block-rows.ts: text over texture of nearly its own grey). Of overlapping lines of opposite polarity the
 * one that stands out more is kept (the other is the ground showing between glyphs); lines of
 * one row are merged, and each box is grown to the strokes that touch it.
 * Everything is relative to the measured glyph height; no position in the image is assumed.
 */
import { overlapArea, type OcrBox } from "./engine.js";
import { blockRows, type BlockRowOptions } from "./block-rows.js";
import { candidateLines, median, type CandidateOptions, type LineCandidate } from "./line-candidates.js";
import { clampBox, shrink, type GreyImage } from "./raster.js";
import { strokeMasks, type StrokeMaskOptions, type StrokeMasks, type StrokePolarity } from "./stroke-mask.js";

/** Options of the text-likeness test. */
export interface TextLikeOptions {
  /** Largest stroke density just above or below the line (the quieter side), relative to inside it. Default 0.2. */
  maxSurround?: number;
  /** Short lines (one or two glyphs, or under three heights long): largest density on the busier side. Default 0.4. */
  maxShortSurround?: number;
  /** Largest distance of the line's grey level from the frame's extreme. Default 24. */
  maxLevelGap?: number;
  /** Smallest difference between the line's level and the ground around it. Default 60. */
  minLineContrast?: number;
  /** Fewest glyph components of a line accepted on its own (shorter ones only extend accepted lines). Default 2. */
  minGlyphs?: number;
  /** Smallest glyph height of a line accepted on its own (smaller fragments only extend accepted lines). Default 4. */
  minSeedHeight?: number;
}

/**
 * Whether a candidate looks like a line of text: drawn near an ink level and standing out from
 * the ground around it, quiet rows above or below (short lines: on both sides; long lines of
 * strong contrast may be busier, text running across anatomy),
 * and either several glyphs of regular height on one baseline at one grey level, or one run of
 * touching glyphs at least four heights long with gaps in it.
 */
export function isTextLine(line: LineCandidate, options: TextLikeOptions = {}): boolean {
  if (line.levelGap > (options.maxLevelGap ?? 24) || line.contrast < (options.minLineContrast ?? 60)) return false;
  const long = line.box.w / line.charHeight;
  const n = line.glyphs.length;
  // Long lines of strong contrast may have texture on both sides (text across anatomy).
  const strong = n >= 5 && line.contrast >= 150;
  if (Math.min(line.above, line.below) > (strong ? 2.5 : 1) * (options.maxSurround ?? 0.2)) return false;
  if (line.charHeight < (options.minSeedHeight ?? 4)) return false;
  if (n > 1 && n < (options.minGlyphs ?? 2)) return false;
  if ((n <= 2 || long < 3) && Math.max(line.above, line.below) > (options.maxShortSurround ?? 0.4)) return false;
  if (n === 1) return long >= 4 && line.glyphs[0].area / (line.box.w * line.box.h) <= 0.8;
  if (line.density > 0.97 || long < 1.5) return false;
  return line.regularHeight >= 0.6 && line.aligned >= 0.6 && line.sameLevel >= 0.6;
}

/**
 * Text-likeness score of a candidate, 0-1: a logistic model over its measurements (weights
 * fitted on candidates from labelled overlay images; every feature is relative to glyph height
 * or grey range, none to positions).
 */
export function textScore(line: LineCandidate): number {
  const n = line.glyphs.length;
  const area = line.glyphs.reduce((a, g) => a + g.area, 0);
  const sorted = [...line.glyphs].sort((a, b) => a.x0 - b.x0);
  const gaps = sorted.slice(1).map((g, i) => Math.max(0, g.x0 - sorted[i].x1));
  const meanGap = gaps.length === 0 ? 0 : gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const gapSd = gaps.length === 0 ? 0 : Math.sqrt(gaps.reduce((a, b) => a + (b - meanGap) ** 2, 0) / gaps.length);
  const z =
    -6.397 +
    0.871 * Math.log(n) +
    0.273 * Math.log(Math.max(1, line.box.w / line.charHeight)) +
    0.517 * line.regularHeight +
    3.702 * line.aligned -
    1.748 * line.density +
    1.356 * line.sameLevel -
    1.726 * (Math.min(line.levelGap, 64) / 64) -
    2.72 * Math.min(Math.min(line.above, line.below), 1) -
    0.768 * Math.min(Math.max(line.above, line.below), 1.5) +
    1.46 * (line.contrast / 255) +
    3.215 * (area / Math.max(1, line.box.w * line.box.h)) +
    0.694 * Math.min(gapSd / Math.max(1, line.charHeight), 2) -
    0.362 * Math.log(line.charHeight) -
    1.183 * (n === 1 ? 1 : 0);
  return 1 / (1 + Math.exp(-z));
}

/** A detected line of text. */
export interface TextLine {
  /** Box around the line's glyphs, padded by `pad` pixels and clamped to the image. */
  box: OcrBox;
  /** "bright": light glyphs on darker ground; "dark": the reverse. */
  polarity: StrokePolarity;
  /** Median glyph (component) height in pixels; drives OCR upscaling. */
  charHeight: number;
  /** Number of glyph components. */
  glyphs: number;
  /** The grey level the glyphs are drawn at (brightest, or darkest, glyph value). */
  level: number;
  /**
   * How text-like the line is, 0-1 (`textScore` of its most text-like part). Lines are found
   * from 0.25; a fail-safe that redacts unread lines may ask for more to spare texture.
   */
  score: number;
  /**
   * Rows [y0, y1) that hold the line's glyphs of regular height, padded by 2 px: set when the
   * box grew much taller than its glyphs (texture or stray pieces above or below them).
   */
  band?: { y0: number; y1: number };
  /** Found beside other lines over ground of nearly its ink's grey (faint-ink.ts); not given to OCR. */
  faint?: boolean;
}

interface Merged {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  polarity: StrokePolarity;
  /** Top and bottom (end-exclusive) of every glyph of the merged candidates, in pairs (pieces joined along the row by `extendAlongRows` are not counted). */
  spans: number[];
  h: number;
  level: number;
  score: number;
}

/** The heights of the glyphs whose tops and bottoms `spans` holds in pairs. */
function glyphHeights(spans: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < spans.length; i += 2) out.push(spans[i + 1] - spans[i]);
  return out;
}

/** Merges lines of one polarity and glyph height that share a row and overlap or nearly touch. */
function mergeRows(lines: LineCandidate[], maxGapRatio: number): Merged[] {
  const out: Merged[] = lines.map((l) => ({
    x0: l.box.x,
    y0: l.box.y,
    x1: l.box.x + l.box.w,
    y1: l.box.y + l.box.h,
    polarity: l.polarity,
    spans: l.glyphs.flatMap((g) => [g.y0, g.y1]),
    h: l.charHeight,
    level: l.level,
    score: textScore(l),
  }));
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i];
        const b = out[j];
        if (a.polarity !== b.polarity) continue;
        const h = Math.max(a.h, b.h);
        if (h > 1.6 * Math.min(a.h, b.h)) continue;
        // One row: each box overlaps most of the other's rows (a tall box around several lines
        // does not pull them together).
        const rows = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (rows < 0.6 * Math.max(a.y1 - a.y0, b.y1 - b.y0)) continue;
        if (Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1) > maxGapRatio * h) continue;
        a.x0 = Math.min(a.x0, b.x0);
        a.y0 = Math.min(a.y0, b.y0);
        a.x1 = Math.max(a.x1, b.x1);
        a.y1 = Math.max(a.y1, b.y1);
        a.spans.push(...b.spans);
        a.h = median(glyphHeights(a.spans));
        a.level = a.polarity === "bright" ? Math.max(a.level, b.level) : Math.min(a.level, b.level);
        a.score = Math.max(a.score, b.score);
        out.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return out;
}

/** A line box at least this many glyph heights tall records the rows of its glyphs (`TextLine.band`). */
const TALL_LINE = 1.5;

/** Pixels added above and below the glyphs' rows in a band (antialiased edges). */
const BAND_PAD = 2;

/**
 * The rows [y0, y1) of a line's glyphs of regular height (0.5-1.6 times the median `h`; `spans`
 * holds each glyph's top and end-exclusive bottom in pairs), padded by BAND_PAD, when the line's
 * box [boxY0, boxY1) is at least TALL_LINE glyph heights tall and the band is shorter than it:
 * the box then grew over texture or stray pieces above or below the text. The glyphs of pieces
 * joined along the row do not count: pieces of texture are what such a box grew by.
 */
export function glyphBand(spans: readonly number[], h: number, boxY0: number, boxY1: number): { y0: number; y1: number } | undefined {
  if (boxY1 - boxY0 < TALL_LINE * h) return undefined;
  let top = Infinity;
  let bottom = -Infinity;
  for (let i = 0; i + 1 < spans.length; i += 2) {
    const gh = spans[i + 1] - spans[i];
    if (gh < 0.5 * h || gh > 1.6 * h) continue;
    top = Math.min(top, spans[i]);
    bottom = Math.max(bottom, spans[i + 1]);
  }
  top = Math.max(boxY0, top - BAND_PAD);
  bottom = Math.min(boxY1, bottom + BAND_PAD);
  return bottom > top && bottom - top < boxY1 - boxY0 ? { y0: top, y1: bottom } : undefined;
}

/**
 * A glyph band grown back over the rows of its box, next to it, that are at least half at the
 * line's own ink level: glyphs running into a band of their ink's grey (white text under a
 * saturated edge) lose their tops or feet there, and their measured heights with them, so
 * the rows the band would cut may hold them. Undefined when it takes the whole box back.
 */
export function withInkLevelRows(image: GreyImage, band: { y0: number; y1: number }, x0: number, x1: number, boxY0: number, boxY1: number, level: number): { y0: number; y1: number } | undefined {
  const atLevel = (y: number): boolean => {
    let n = 0;
    for (let x = x0; x < x1; x++) if (Math.abs(image.data[y * image.width + x] - level) <= 2) n++;
    return 2 * n >= x1 - x0;
  };
  let { y0, y1 } = band;
  while (y0 > boxY0 && atLevel(y0 - 1)) y0--;
  while (y1 < boxY1 && atLevel(y1)) y1++;
  return y0 === boxY0 && y1 === boxY1 ? undefined : { y0, y1 };
}

/** Share of box `a` covered by box `b`. */
function coveredBy(a: OcrBox, b: OcrBox): number {
  return overlapArea(a, b) / Math.max(1, a.w * a.h);
}

/**
 * Grows a line's box (end-exclusive x0, y0, x1, y1) row by row and column by column while the
 * next row or column holds a stroke pixel alongside the box, by at most `margin` pixels per side:
 * antialiased edges, accents and descenders that did not make it into a glyph component.
 */
function growToStrokes(mask: Uint8Array, width: number, height: number, b: Merged, marginX: number, marginY: number): void {
  // A row (column) next to the box is taken when it holds stroke pixels touching strokes on the
  // box's edge, but not so many that it is texture rather than the edge of glyphs.
  const rowTakes = (y: number, edge: number): boolean => {
    let n = 0;
    let touching = false;
    for (let x = b.x0; x < b.x1; x++) {
      if (mask[y * width + x] === 0) continue;
      n++;
      if (!touching) for (let d = -1; d <= 1; d++) if (x + d >= 0 && x + d < width && mask[edge * width + x + d] !== 0) touching = true;
    }
    return touching && n <= 0.3 * (b.x1 - b.x0);
  };
  const colTakes = (x: number, edge: number): boolean => {
    let n = 0;
    let touching = false;
    for (let y = b.y0; y < b.y1; y++) {
      if (mask[y * width + x] === 0) continue;
      n++;
      if (!touching) for (let d = -1; d <= 1; d++) if (y + d >= 0 && y + d < height && mask[(y + d) * width + edge] !== 0) touching = true;
    }
    return touching && n <= 0.8 * (b.y1 - b.y0);
  };
  for (let i = 0; i < marginY && b.y0 > 0 && rowTakes(b.y0 - 1, b.y0); i++) b.y0--;
  for (let i = 0; i < marginY && b.y1 < height && rowTakes(b.y1, b.y1 - 1); i++) b.y1++;
  for (let i = 0; i < marginX && b.x0 > 0 && colTakes(b.x0 - 1, b.x0); i++) b.x0--;
  for (let i = 0; i < marginX && b.x1 < width && colTakes(b.x1, b.x1 - 1); i++) b.x1++;
}

/**
 * Extends accepted lines along their row with candidates of the same polarity that were not
 * text-like on their own (a word broken into fragments, a short value after a long key): a
 * candidate joins when it lies within the line's rows (a third of a glyph height of slack) and
 * within `maxGapRatio` glyph heights of its ends. Repeats until nothing joins.
 */
function extendAlongRows(lines: Merged[], pieces: LineCandidate[], maxGapRatio: number): void {
  const free = new Set(pieces);
  for (const m of lines) {
    // The band is fixed by the accepted line, so that a chain of pieces cannot creep off its row.
    const slack = Math.max(1, Math.round(m.h / 3));
    const top = m.y0 - slack;
    const bottom = m.y1 + slack;
    let grown = true;
    while (grown) {
      grown = false;
      for (const p of free) {
        if (p.polarity !== m.polarity) continue;
        const b = p.box;
        if (b.y < top || b.y + b.h > bottom || b.h < 0.5 * m.h) continue;
        const gap = Math.max(b.x - m.x1, m.x0 - (b.x + b.w));
        if (gap > maxGapRatio * m.h) continue;
        m.x0 = Math.min(m.x0, b.x);
        m.x1 = Math.max(m.x1, b.x + b.w);
        m.y0 = Math.min(m.y0, b.y);
        m.y1 = Math.max(m.y1, b.y + b.h);
        free.delete(p);
        grown = true;
      }
    }
  }
}

/** Options of `findTextLines`. */
export interface FindTextLinesOptions extends StrokeMaskOptions, CandidateOptions, TextLikeOptions, BlockRowOptions {
  /** "bright", "dark" or "both" (default). */
  polarity?: StrokePolarity | "both";
  /** Smallest `textScore` of a line accepted on its own (0 turns the score off). Default 0.25. */
  minScore?: number;
  /** Grow boxes to the strokes touching them (antialiased edges, descenders). Default true. */
  grow?: boolean;
  /** Shrink factor of the pass for large glyphs; 0 or 1 turns it off. Default 3, more for images over 2,300 px (side / 768). */
  coarseFactor?: number;
  /** Smallest image side from which the shrunk copy is read with the usual rules, for text of any size. Default 1536. */
  coarseAllFrom?: number;
  /** Most seed lines kept per frame (the most text-like); caps the cost of noisy frames. Default 64. */
  maxSeeds?: number;
  /** Pixels added around each line box after growing it to its strokes. Default 1. */
  pad?: number;
  /** Keep every candidate (no text-likeness test, no reconciliation); for diagnostics. */
  keepAll?: boolean;
}

/**
 * Finds the lines of text in a grey image; boxes are padded and clamped to the image. Glyphs
 * too tall or too bold for the stroke kernel (titles) are found on a copy shrunk by
 * `coarseFactor`, as are rows the fine pass found only in broken pieces of their glyphs; on
 * large images (`coarseAllFrom`) that copy is read for text of any size.
 */
export function findTextLines(image: GreyImage, options: FindTextLinesOptions = {}): TextLine[] {
  const byPosition = (a: TextLine, b: TextLine): number => a.box.y - b.box.y || a.box.x - b.box.x;
  const fine = findAtScale(image, options);
  const side = Math.min(image.width, image.height);
  // Shrunk to about 768 pixels a side at most, the scale the fine pass is made for.
  const f = options.coarseFactor ?? Math.max(3, Math.round(side / 768));
  if (f < 2 || side < 40 * f) return fine.sort(byPosition);
  // Coarse lines whose glyphs the fine pass could not hold: taller than its largest glyph, or
  // drawn with strokes as wide as its top-hat window (a glyph's strokes are about a quarter of
  // its height at most).
  const maxH = options.maxCharHeight ?? Math.max(24, side / 24);
  const fineLimit = Math.min(maxH, 4 * (options.strokeKernel ?? 9));
  if (side < (options.coarseAllFrom ?? 1536)) {
    const minCharHeight = Math.max(3, Math.ceil((0.8 * fineLimit) / f));
    const small = shrink(image, f);
    const smallMasks = masksOf(small, options); // both passes below read the same copy
    const coarse = findAtScale(small, { ...options, minCharHeight, maxCharHeight: undefined, minGlyphs: 3, minScore: 0.5 }, smallMasks)
      .map((l) => scaledLine(l, f, 0, image))
      .filter((c) => !fine.some((l) => coveredBy(c.box, l.box) >= 0.5));
    // Glyphs the fine pass saw broken: a coarse line of smaller glyphs that holds two or more
    // fine lines, one of them of glyphs at most 0.6 times its own (pieces of glyphs, not fields
    // of a row). It is read whole at the coarse scale and the fine lines give way to it.
    const broken = (c: TextLine): boolean => {
      const pieces = fine.filter((l) => coveredBy(l.box, c.box) >= 0.5);
      return pieces.length >= 2 && pieces.some((l) => l.charHeight <= BROKEN_GLYPH * c.charHeight);
    };
    const whole = findAtScale(small, { ...options, maxCharHeight: minCharHeight - 1, minGlyphs: 3, minScore: 0.5 }, smallMasks)
      .map((l) => scaledLine(l, f, 0, image))
      .filter((c) => broken(c) && !fine.some((l) => coveredBy(c.box, l.box) >= 0.5) && !coarse.some((t) => coveredBy(c.box, t.box) > 0));
    const kept = fine.filter((l) => !whole.some((c) => coveredBy(l.box, c.box) >= 0.5));
    return [...kept, ...whole, ...coarse].sort(byPosition);
  }
  // A large image (radiograph, scanned film) is read at the shrunk scale with the usual rules:
  // its annotations are drawn many times the size of a 512-pixel screen's, in glyphs the fine
  // pass sees in pieces if at all. A fine line gives way to a coarse line it lies in, and keeps
  // the small text the coarse pass cannot see.
  const coarse = findAtScale(shrink(image, f), { ...options, maxCharHeight: undefined }).map((l) => scaledLine(l, f, 1, image));
  const kept = fine.filter((l) => !coarse.some((c) => coveredBy(l.box, c.box) >= 0.5));
  return [...kept, ...coarse].sort(byPosition);
}

/** A fine line of glyphs at most this share of a coarse line's glyph height, lying in it, is a piece of its glyphs. */
const BROKEN_GLYPH = 0.6;

/**
 * A line found on a copy shrunk by `f`, in the image's coordinates; `pad` shrunk pixels are added
 * on each side (a shrunk pixel stands for f x f, so strokes may reach past the scaled box).
 */
function scaledLine(l: TextLine, f: number, pad: number, image: GreyImage): TextLine {
  const box = clampBox({ x: (l.box.x - pad) * f, y: (l.box.y - pad) * f, w: (l.box.w + 2 * pad) * f, h: (l.box.h + 2 * pad) * f }, image.width, image.height);
  const band = l.band && { y0: Math.max(box.y, (l.band.y0 - pad) * f), y1: Math.min(box.y + box.h, (l.band.y1 + pad) * f) };
  return { ...l, box, charHeight: l.charHeight * f, ...(band ? { band } : {}) };
}

/** The stroke masks of an image for each polarity the options ask for (they do not depend on glyph heights). */
function masksOf(image: GreyImage, options: FindTextLinesOptions): Map<StrokePolarity, StrokeMasks> {
  const polarities: StrokePolarity[] = options.polarity === undefined || options.polarity === "both" ? ["bright", "dark"] : [options.polarity];
  return new Map(polarities.map((p) => [p, strokeMasks(image, p, options)]));
}

function findAtScale(image: GreyImage, options: FindTextLinesOptions, masks = masksOf(image, options)): TextLine[] {
  const { width, height } = image;
  const all = [...masks.values()].flatMap((m) => candidateLines(image, m, options));
  const minScore = options.minScore ?? 0.25;
  let found = all.filter((l) => options.keepAll === true || (isTextLine(l, options) && (minScore <= 0 || textScore(l) >= minScore)));
  // Speckle or wrapped-around noise can look like text in many small places: keep the most
  // text-like seeds only, so that such frames cannot flood OCR.
  const maxSeeds = options.maxSeeds ?? 64;
  if (options.keepAll !== true && found.length > maxSeeds) {
    const scored = found.map((l) => [textScore(l), l] as const).sort((a, b) => b[0] - a[0]);
    found = scored.slice(0, maxSeeds).map(([, l]) => l);
  }
  if (options.keepAll !== true) {
    // Less contrast to the ground is made up for by quiet rows on both sides, a higher score...
    const relaxed = { ...options, minLineContrast: options.minRowContrast ?? 20 };
    const quiet = options.maxSurround ?? 0.2;
    const minRowScore = options.minRowScore ?? 0.4;
    // ... and by ink at the frame's own extreme (not a histogram spike, which speckle can match).
    const atExtreme = (c: LineCandidate): boolean => Math.abs(c.level - (masks.get(c.polarity)?.extreme ?? c.level)) <= (options.exactTolerance ?? 12);
    const rowLike = (c: LineCandidate): boolean =>
      atExtreme(c) && Math.max(c.above, c.below) <= quiet && isTextLine(c, relaxed) && textScore(c) >= minRowScore;
    found.push(...blockRows(found, all, rowLike, maxSeeds));
  }
  // The top-hat of the other polarity also fires between glyphs. Of two overlapping lines of
  // opposite polarity, the one whose level stands out more from the ground around it is text.
  const kept = found.filter(
    (l) => options.keepAll === true || !found.some((o) => o.polarity !== l.polarity && o.contrast > l.contrast && coveredBy(l.box, o.box) >= 0.5),
  );
  const pad = options.pad ?? 1;
  const maxGap = options.maxGapRatio ?? 1.6;
  const lines = mergeRows(kept, maxGap);
  if (options.keepAll !== true) extendAlongRows(lines, all.filter((l) => l.levelGap <= (options.maxLevelGap ?? 24)), maxGap);
  return lines.map((m) => {
    const raw = masks.get(m.polarity)?.raw;
    if (raw !== undefined && options.grow !== false) growToStrokes(raw, width, height, m, Math.max(1, Math.round(0.5 * m.h)), Math.max(1, Math.round(0.3 * m.h)));
    const x0 = Math.max(0, m.x0 - pad);
    const y0 = Math.max(0, m.y0 - pad);
    const x1 = Math.min(width, m.x1 + pad);
    const y1 = Math.min(height, m.y1 + pad);
    const glyphs = glyphBand(m.spans, m.h, y0, y1);
    const band = glyphs && withInkLevelRows(image, glyphs, x0, x1, y0, y1, m.level);
    return { box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, polarity: m.polarity, charHeight: m.h, glyphs: m.spans.length / 2, level: m.level, score: m.score, ...(band ? { band } : {}) };
  });
}
