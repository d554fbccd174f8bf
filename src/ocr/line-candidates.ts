/**
 * Candidate text lines of one polarity: glyph-sized 8-connected components of a stroke mask,
 * grouped left to right into lines (similar heights, overlapping rows, gaps under `maxGapRatio`
 * glyph heights), with the measurements that decide whether a candidate looks like text.
 */
import { connectedComponents, type Component } from "./components.js";
import type { OcrBox } from "./engine.js";
import type { GreyImage } from "./raster.js";
import { integralMask, type StrokeMasks, type StrokePolarity } from "./stroke-mask.js";
import { scratchInt32 } from "./scratch.js";

/** A candidate text line with the measurements used to accept or reject it. */
export interface LineCandidate {
  /** Union of the glyph boxes (end-exclusive, unpadded). */
  box: OcrBox;
  polarity: StrokePolarity;
  glyphs: Component[];
  /** Median glyph height in pixels. */
  charHeight: number;
  /** Share of glyphs whose height is within 0.6-1.6 times the median. */
  regularHeight: number;
  /** Share of glyphs whose top or bottom is within a quarter height of the line's median. */
  aligned: number;
  /** Summed glyph widths over line width (1: one solid run). */
  density: number;
  /** Share of glyphs whose extreme grey value is within 24 of the line's (of the glyphs' median, for a lossy image). */
  sameLevel: number;
  /** How far the line's grey level is from the nearest ink level (0: drawn at one). */
  levelGap: number;
  /** Stroke pixels per pixel in the band just above the line, over that inside it. */
  above: number;
  /** The same just below the line. */
  below: number;
  /** Difference between the line's level and the median grey of the ring around it. */
  contrast: number;
  /** The line's grey level: its brightest (bright) or darkest (dark) glyph value. */
  level: number;
}

/** Options of `candidateLines`. */
export interface CandidateOptions {
  /** Which stroke masks to take glyphs from. Default all three: "exact", "level", "any". */
  masks?: ("exact" | "level" | "any")[];
  /** Smallest glyph height in pixels. Default 3. */
  minCharHeight?: number;
  /** Largest glyph height; default max(24, min(width, height) / 24). */
  maxCharHeight?: number;
  /** Largest horizontal gap inside a line, in glyph heights. Default 1.6. */
  maxGapRatio?: number;
  /**
   * The image went through lossy compression: ringing spreads the grey values of flat-coloured
   * glyphs, so `sameLevel` measures them against their median value rather than the line's
   * extreme (one overshooting glyph would set it). Default false.
   */
  lossy?: boolean;
}

/** Median of a non-empty list (upper median for even lengths). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Groups glyph components into lines (union-find over left-to-right neighbours). */
export function groupLines(comps: Component[], maxGapRatio: number): Component[][] {
  comps.sort((a, b) => a.x0 - b.x0);
  const parent = comps.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const maxH = comps.reduce((m, c) => Math.max(m, c.y1 - c.y0), 0);
  for (let i = 0; i < comps.length; i++) {
    const a = comps[i];
    const ha = a.y1 - a.y0;
    for (let j = i + 1; j < comps.length; j++) {
      const b = comps[j];
      if (b.x0 - a.x1 > maxGapRatio * maxH) break;
      const hb = b.y1 - b.y0;
      if (b.x0 - a.x1 > maxGapRatio * Math.max(ha, hb)) continue;
      if (Math.max(ha, hb) > 2.2 * Math.min(ha, hb)) continue;
      const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (overlap < 0.5 * Math.min(ha, hb)) continue;
      parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Component[]>();
  comps.forEach((c, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g === undefined) groups.set(root, [c]);
    else g.push(c);
  });
  return [...groups.values()];
}

/**
 * Splits a group that chaining let grow taller than one row (a line plus texture or the next
 * line touching it): glyphs centred within 0.4 median heights of the group's median centre form
 * the line, the others are grouped again on their own.
 */
export function splitBand(group: Component[], maxGapRatio: number): Component[][] {
  if (group.length < 3) return [group];
  const h = median(group.map((g) => g.y1 - g.y0));
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const g of group) {
    y0 = Math.min(y0, g.y0);
    y1 = Math.max(y1, g.y1);
  }
  if (y1 - y0 <= 1.5 * h) return [group];
  const centre = median(group.map((g) => g.y0 + g.y1));
  const inBand = (g: Component): boolean => Math.abs(g.y0 + g.y1 - centre) <= 0.8 * h;
  const band = group.filter(inBand);
  const rest = group.filter((g) => !inBand(g));
  if (band.length === 0 || rest.length === 0) return [group];
  return [band, ...groupLines(rest, maxGapRatio)];
}

/** Mask pixels in [x0, x1) x [y0, y1) (clamped) and the clamped area. */
function countIn(sum: Int32Array, width: number, height: number, x0: number, y0: number, x1: number, y1: number): [number, number] {
  x0 = Math.max(0, x0);
  y0 = Math.max(0, y0);
  x1 = Math.min(width, x1);
  y1 = Math.min(height, y1);
  if (x1 <= x0 || y1 <= y0) return [0, 0];
  const W = width + 1;
  return [sum[y1 * W + x1] - sum[y0 * W + x1] - sum[y1 * W + x0] + sum[y0 * W + x0], (x1 - x0) * (y1 - y0)];
}

/** Upper median of the first n values of a scratch array (sorted in place). */
function medianOf(values: Int32Array, n: number): number {
  return n === 1 ? values[0] : values.subarray(0, n).sort()[n >> 1];
}

/** Measures a group of glyphs as a text line; `sum` is the integral of its stroke mask. */
function measure(image: GreyImage, glyphs: Component[], polarity: StrokePolarity, levelDistance: Uint8Array, sum: Int32Array, lossy: boolean): LineCandidate {
  const tolerance = 24;
  const { width, height } = image;
  const n = glyphs.length;
  const scratch = new Int32Array(n);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = 0;
  let y1 = 0;
  let widths = 0;
  let lineLevel = polarity === "bright" ? -Infinity : Infinity;
  for (const g of glyphs) {
    x0 = Math.min(x0, g.x0);
    y0 = Math.min(y0, g.y0);
    x1 = Math.max(x1, g.x1);
    y1 = Math.max(y1, g.y1);
    widths += g.x1 - g.x0;
    lineLevel = polarity === "bright" ? Math.max(lineLevel, g.peak) : Math.min(lineLevel, g.floor);
  }
  for (let i = 0; i < n; i++) scratch[i] = glyphs[i].y1 - glyphs[i].y0;
  const h = medianOf(scratch, n);
  for (let i = 0; i < n; i++) scratch[i] = polarity === "bright" ? glyphs[i].peak : glyphs[i].floor;
  const reference = lossy ? medianOf(scratch, n) : lineLevel;
  for (let i = 0; i < n; i++) scratch[i] = glyphs[i].y0;
  const top = medianOf(scratch, n);
  for (let i = 0; i < n; i++) scratch[i] = glyphs[i].y1;
  const bottom = medianOf(scratch, n);
  let regular = 0;
  let aligned = 0;
  let same = 0;
  for (const g of glyphs) {
    const gh = g.y1 - g.y0;
    if (gh >= 0.6 * h && gh <= 1.6 * h) regular++;
    if (Math.abs(g.y0 - top) <= 0.25 * h || Math.abs(g.y1 - bottom) <= 0.25 * h) aligned++;
    if (Math.abs((polarity === "bright" ? g.peak : g.floor) - reference) <= tolerance) same++;
  }
  const band = Math.max(1, Math.round(0.3 * h));
  const [inside, area] = countIn(sum, width, height, x0, y0, x1, y1);
  const [above, areaAbove] = countIn(sum, width, height, x0, y0 - band, x1, y0);
  const [below, areaBelow] = countIn(sum, width, height, x0, y1, x1, y1 + band);
  const density = inside / Math.max(1, area);
  const box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  return {
    box,
    polarity,
    glyphs,
    charHeight: h,
    regularHeight: regular / n,
    aligned: aligned / n,
    density: Math.min(1, widths / (x1 - x0)),
    sameLevel: same / n,
    levelGap: levelDistance[lineLevel],
    above: areaAbove === 0 || inside === 0 ? 0 : above / areaAbove / density,
    below: areaBelow === 0 || inside === 0 ? 0 : below / areaBelow / density,
    contrast: Math.abs(lineLevel - groundLevel(image, box)),
    level: lineLevel,
  };
}

/** Candidate lines of one polarity from both of its stroke masks ("level" and "any"). */
export function candidateLines(image: GreyImage, masks: StrokeMasks, options: CandidateOptions = {}): LineCandidate[] {
  const polarity = masks.polarity;
  const { width, height } = image;
  const minH = options.minCharHeight ?? 3;
  const maxH = options.maxCharHeight ?? Math.max(24, Math.min(width, height) / 24);
  const maxGap = options.maxGapRatio ?? 1.6;
  const out: LineCandidate[] = [];
  for (const name of options.masks ?? ["exact", "level", "any"]) {
    const mask = masks[name];
    // Read only by this iteration's `measure` calls, so one scratch table serves every mask.
    const sum = integralMask(mask, width, height, scratchInt32("integral", (width + 1) * (height + 1)));
    const glyphs = connectedComponents(mask, width, height, image.data).filter((c) => {
      const w = c.x1 - c.x0;
      const h = c.y1 - c.y0;
      if (h < minH || h > maxH || w > width / 2) return false;
      const fill = c.area / (w * h);
      // Solid shapes are blobs, not glyphs, unless they are thin bars (I, l, 1).
      return fill >= 0.1 && (fill <= 0.95 || w <= 0.4 * h);
    });
    for (const group of groupLines(glyphs, maxGap)) {
      for (const part of splitBand(group, maxGap)) out.push(measure(image, part, polarity, masks.levelDistance, sum, options.lossy === true));
    }
  }
  return out;
}

const ringHistogram = new Uint32Array(256);

/** Median grey value of the one-pixel ring just outside a box (the ground around a line). */
export function groundLevel(image: GreyImage, box: OcrBox): number {
  const hist = ringHistogram.fill(0);
  let n = 0;
  const add = (x: number, y: number): void => {
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
    hist[image.data[y * image.width + x]]++;
    n++;
  };
  for (let x = box.x - 1; x <= box.x + box.w; x++) {
    add(x, box.y - 1);
    add(x, box.y + box.h);
  }
  for (let y = box.y; y < box.y + box.h; y++) {
    add(box.x - 1, y);
    add(box.x + box.w, y);
  }
  let seen = 0;
  for (let g = 0; g < 256; g++) {
    seen += hist[g];
    if (seen * 2 >= n) return g;
  }
  return 0;
}

