/**
 * Text-region detection: finds rows of character-sized marks so that OCR only reads small crops
 * instead of whole images.
 *
 * Steps: top-hat transform (bright and/or dark strokes thinner than `strokeKernel`), threshold
 * at `minContrast`, 8-connected components, glyph-sized components grouped into lines (similar
 * height, vertically overlapping, small horizontal gaps), lines kept when they look like text
 * (regular glyph heights, aligned, drawn in one grey level), each line's polarity checked against
 * the minority class of its pixels, overlapping lines of one polarity merged into regions.
 * Everything is relative to the measured glyph height; no position in the image is assumed.
 */
import type { OcrBox } from "./engine.js";
import { connectedComponents, type Component } from "./components.js";
import { blackTopHat, whiteTopHat } from "./morphology.js";
import type { GreyImage } from "./raster.js";

/** Which text polarity to look for: light text on dark ground, dark on light, or both. */
export type TextPolarity = "bright" | "dark" | "both";

/** A detected block of text lines. */
export interface TextRegion {
  /** Padded box in image pixels (clamped to the image). */
  box: OcrBox;
  /** "bright": light glyphs on darker ground; "dark": the reverse. */
  polarity: "bright" | "dark";
  /** Median glyph (component) height in pixels; drives OCR upscaling. */
  charHeight: number;
  /** Number of glyph components in the region. */
  components: number;
}

/** A candidate text line with the measurements used to accept or reject it. */
export interface TextLine {
  box: OcrBox;
  polarity: "bright" | "dark";
  glyphs: Component[];
  /** Median glyph height. */
  charHeight: number;
  /** Share of glyphs whose height is within 0.6-1.6 times the median. */
  regularHeight: number;
  /** Share of glyphs whose top or bottom is within a quarter height of the line's median. */
  aligned: number;
  /** Summed glyph widths over line width. */
  density: number;
  /** Share of glyphs reaching the line's extreme grey level (within `levelTolerance`). */
  sameLevel: number;
}

/** Options of `findTextRegions`; defaults suit 8-bit renderings of medical images. */
export interface TextRegionOptions {
  /** Default "both". */
  polarity?: TextPolarity;
  /** Square top-hat window; strokes must be thinner than this. Default 9. */
  strokeKernel?: number;
  /** Minimum top-hat response (grey levels) for a stroke pixel. Default 48. */
  minContrast?: number;
  /** Smallest glyph height in pixels. Default 3. */
  minCharHeight?: number;
  /** Largest glyph height; default max(24, min(width, height) / 8). */
  maxCharHeight?: number;
  /** Largest horizontal gap inside a line, in glyph heights. Default 1.6. */
  maxGapRatio?: number;
  /** Grey levels within which glyphs count as drawn at the same level. Default 24. */
  levelTolerance?: number;
  /** Stroke pixels must lie within this many grey levels of the ink level (255: no constraint). Default 64. */
  inkTolerance?: number;
  /** Keep every line (no text-likeness filter); for diagnostics. Default false. */
  keepAllLines?: boolean;
  /** Padding added around blocks, in glyph heights (at least 2 px). Default 0.5. */
  padRatio?: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Groups glyph components into lines (union-find over left-to-right neighbours). */
function groupLines(comps: Component[], maxGapRatio: number): Component[][] {
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

/** Measures a group of glyphs as a text line. */
function measureLine(glyphs: Component[], polarity: "bright" | "dark", levelTolerance: number): TextLine {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = 0;
  let y1 = 0;
  let widths = 0;
  for (const g of glyphs) {
    x0 = Math.min(x0, g.x0);
    y0 = Math.min(y0, g.y0);
    x1 = Math.max(x1, g.x1);
    y1 = Math.max(y1, g.y1);
    widths += g.x1 - g.x0;
  }
  const h = median(glyphs.map((g) => g.y1 - g.y0));
  const top = median(glyphs.map((g) => g.y0));
  const bottom = median(glyphs.map((g) => g.y1));
  const extreme = polarity === "bright" ? Math.max(...glyphs.map((g) => g.peak)) : Math.min(...glyphs.map((g) => g.floor));
  const share = (test: (g: Component) => boolean): number => glyphs.filter(test).length / glyphs.length;
  return {
    box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 },
    polarity,
    glyphs,
    charHeight: h,
    regularHeight: share((g) => g.y1 - g.y0 >= 0.6 * h && g.y1 - g.y0 <= 1.6 * h),
    aligned: share((g) => Math.abs(g.y0 - top) <= 0.25 * h || Math.abs(g.y1 - bottom) <= 0.25 * h),
    density: Math.min(1, widths / (x1 - x0)),
    sameLevel: share((g) => Math.abs((polarity === "bright" ? g.peak : g.floor) - extreme) <= levelTolerance),
  };
}

/**
 * Whether a measured line looks like text rather than texture: three glyph heights long and
 * regular, or two long and perfectly regular (short labels such as "P21"), or one run of touching
 * glyphs four heights long.
 */
export function isTextLike(line: TextLine): boolean {
  const n = line.glyphs.length;
  const long = line.box.w / line.charHeight;
  if (n === 1) return long >= 4 && line.glyphs[0].area / (line.box.w * line.box.h) <= 0.8;
  if (line.density > 0.97) return false;
  if (long >= 3) return line.regularHeight >= 0.7 && line.aligned >= 0.7 && line.sameLevel >= 0.6;
  return long >= 2 && line.regularHeight === 1 && line.aligned === 1 && line.sameLevel === 1 && line.charHeight >= 5;
}

/**
 * Stroke pixels: top-hat response >= minContrast and, unless `inkTolerance` >= 255, grey value
 * within `inkTolerance` of the ink level, i.e. the most frequent grey value among strong stroke
 * pixels of that polarity (burned-in text is drawn in one flat colour; texture is not).
 */
function strokeMask(image: GreyImage, response: GreyImage, polarity: "bright" | "dark", minContrast: number, inkTolerance: number): Uint8Array {
  const r = response.data;
  const v = image.data;
  const mask = new Uint8Array(r.length);
  if (inkTolerance >= 255) {
    for (let i = 0; i < mask.length; i++) mask[i] = r[i] >= minContrast ? 1 : 0;
    return mask;
  }
  const hist = new Uint32Array(256);
  for (let i = 0; i < r.length; i++) if (r[i] >= minContrast) hist[v[i]]++;
  let ink = polarity === "bright" ? 255 : 0;
  for (let g = 0; g < 256; g++) {
    const inHalf = polarity === "bright" ? g >= 128 : g < 128;
    if (inHalf && hist[g] > hist[ink]) ink = g;
  }
  const lo = ink - inkTolerance;
  const hi = ink + inkTolerance;
  for (let i = 0; i < mask.length; i++) mask[i] = r[i] >= minContrast && v[i] >= lo && v[i] <= hi ? 1 : 0;
  return mask;
}

/** Finds candidate text lines of each requested polarity, with their measurements. */
export function findTextLines(image: GreyImage, options: TextRegionOptions = {}): TextLine[] {
  const { width, height } = image;
  const polarity = options.polarity ?? "both";
  const k = options.strokeKernel ?? 9;
  const minContrast = options.minContrast ?? 48;
  const minH = options.minCharHeight ?? 3;
  const maxH = options.maxCharHeight ?? Math.max(24, Math.min(width, height) / 8);
  const maxGap = options.maxGapRatio ?? 1.6;
  const tolerance = options.levelTolerance ?? 24;
  const lines: TextLine[] = [];
  const inkTolerance = options.inkTolerance ?? 64;
  // Two masks per polarity: strokes at the ink level (separates glyphs from touching texture)
  // and all strokes (keeps small antialiased glyphs whose cores never reach the ink level).
  const tolerances = inkTolerance >= 255 ? [255] : [inkTolerance, 255];
  for (const pol of polarity === "both" ? (["bright", "dark"] as const) : [polarity]) {
    const response = pol === "bright" ? whiteTopHat(image, k) : blackTopHat(image, k);
    for (const tol of tolerances) {
      const mask = strokeMask(image, response, pol, minContrast, tol);
      const glyphs = connectedComponents(mask, width, height, image.data).filter((c) => {
        const w = c.x1 - c.x0;
        const h = c.y1 - c.y0;
        if (h < minH || h > maxH || w > width / 2) return false;
        const fill = c.area / (w * h);
        return fill >= 0.12 && fill <= 0.95;
      });
      for (const group of groupLines(glyphs, maxGap)) lines.push(measureLine(group, pol, tolerance));
    }
  }
  return lines;
}

interface Block {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  h: number;
  heights: number[];
  polarity: "bright" | "dark";
}

/** Merges lines of one polarity and similar glyph height that sit close together into blocks. */
function mergeBlocks(lines: TextLine[]): Block[] {
  const blocks: Block[] = lines.map((l) => ({
    x0: l.box.x,
    y0: l.box.y,
    x1: l.box.x + l.box.w,
    y1: l.box.y + l.box.h,
    h: l.charHeight,
    heights: l.glyphs.map((g) => g.y1 - g.y0),
    polarity: l.polarity,
  }));
  let merged = true;
  while (merged) {
    merged = false;
    outer: for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) {
        const a = blocks[i];
        const b = blocks[j];
        if (a.polarity !== b.polarity) continue;
        const h = Math.max(a.h, b.h);
        if (h > 1.6 * Math.min(a.h, b.h)) continue;
        const dx = Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1);
        const dy = Math.max(a.y0, b.y0) - Math.min(a.y1, b.y1);
        if (dx > 0.5 * h || dy > 0.3 * h) continue;
        a.x0 = Math.min(a.x0, b.x0);
        a.y0 = Math.min(a.y0, b.y0);
        a.x1 = Math.max(a.x1, b.x1);
        a.y1 = Math.max(a.y1, b.y1);
        a.heights.push(...b.heights);
        a.h = median(a.heights);
        blocks.splice(j, 1);
        merged = true;
        break outer;
      }
    }
  }
  return blocks;
}

/** Minority shares closer to one half than 0.5 - this leave the polarity undecided (both kept). */
const POLARITY_MARGIN = 0.3;

function overlaps(a: OcrBox, b: OcrBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Share of the box's pixels above its Otsu threshold (light text on dark ground: well below 0.5). */
export function brightShare(image: GreyImage, box: OcrBox): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    const row = y * image.width;
    for (let x = box.x; x < box.x + box.w; x++) {
      hist[image.data[row + x]]++;
      n++;
    }
  }
  const t = otsu(hist, n);
  let above = 0;
  for (let g = t + 1; g < 256; g++) above += hist[g];
  return n === 0 ? 0.5 : above / n;
}

/** Otsu's threshold of a 256-bin histogram (values <= t form the lower class). */
function otsu(hist: Uint32Array, n: number): number {
  let sum = 0;
  for (let g = 0; g < 256; g++) sum += g * hist[g];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/** Finds blocks of text-like marks in a grey image; boxes are padded and clamped to the image. */
export function findTextRegions(image: GreyImage, options: TextRegionOptions = {}): TextRegion[] {
  const { width, height } = image;
  const padRatio = options.padRatio ?? 0.5;
  const found = findTextLines(image, options).filter((l) => options.keepAllLines === true || isTextLike(l));
  // The top-hat of the other polarity also fires on the gaps between glyphs; the true polarity is
  // the minority class of the line's pixels. Lines of the wrong polarity are dropped when a line
  // of the right one overlaps them, otherwise flipped.
  const agree = found.map((l) => {
    const share = brightShare(image, l.box);
    return Math.abs(share - 0.5) < 0.5 - POLARITY_MARGIN || (share < 0.5) === (l.polarity === "bright");
  });
  const lines: TextLine[] = [];
  found.forEach((l, i) => {
    if (agree[i]) lines.push(l);
    else if (!found.some((o, j) => agree[j] && o.polarity !== l.polarity && overlaps(o.box, l.box))) {
      lines.push({ ...l, polarity: l.polarity === "bright" ? "dark" : "bright" });
    }
  });
  return mergeBlocks(lines).map((block) => {
    const pad = Math.max(2, Math.round(padRatio * block.h));
    const x0 = Math.max(0, block.x0 - pad);
    const y0 = Math.max(0, block.y0 - pad);
    const x1 = Math.min(width, block.x1 + pad);
    const y1 = Math.min(height, block.y1 + pad);
    return {
      box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 },
      polarity: block.polarity,
      charHeight: block.h,
      components: block.heights.length,
    };
  });
}
