/**
 * Data and scoring for the OCR experiments: renders overlay-phi DICOM files to 8-bit grey with the
 * project's own renderer (min-max window), loads the ground truth, and scores detected lines and
 * OCR words against it. Prints no PHI: only counts and rates.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readDicom } from "../src/io/read/read-file.js";
import { openPixels, readFrame } from "../src/pixels/image.js";
import { renderFrame, type VoiChoice } from "../src/pixels/render/index.js";
import type { OcrBox, OcrWord } from "../src/ocr/engine.js";
import { blackTopHat, whiteTopHat } from "../src/ocr/morphology.js";
import type { GreyImage } from "../src/ocr/raster.js";

/** [x1, y1, x2, y2], end-exclusive. */
export type Box4 = [number, number, number, number];

/** One PHI value of the ground truth that lies inside the image. */
export interface TruthValue {
  text: string;
  /** [x1, y1, x2, y2] clamped to the image. */
  box: Box4;
  /** Bounding box of the value's visible ink (see `inkPixels`); undefined when none is visible. */
  ink?: Box4;
  /** Visible ink pixels (indices into the image). */
  inkPixels: number[];
  /** True when some ink is visible (text drawn over ground of another grey level). */
  visible: boolean;
}

/** An image with its ground truth. */
export interface Sample {
  name: string;
  image: GreyImage;
  values: TruthValue[];
  /** Label boxes (non-PHI keys such as "Patient ID") clamped to the image. */
  keys: Box4[];
  /** Values whose box lies wholly outside the pixel matrix (not visible, not scored). */
  outside: number;
}

/** Renders the first frame of a DICOM file to 8-bit grey with the project's renderer. */
export async function renderDicom(path: string, voi: VoiChoice = "minmax"): Promise<GreyImage> {
  const file = readDicom(new Uint8Array(readFileSync(path)));
  const frame = await readFrame(openPixels(file), 0);
  const r = renderFrame(file, frame, { voi, grayscale: true });
  return { width: r.width, height: r.height, channels: 1, data: r.data };
}

/** Top-hat responses of an image, computed once per image for `inkPixels`. */
export interface InkMaps {
  white: Uint8Array;
  black: Uint8Array;
}

/** White and black top-hat (7 x 7) of an image. */
export function inkMaps(image: GreyImage): InkMaps {
  return { white: whiteTopHat(image, 7).data, black: blackTopHat(image, 7).data };
}

/**
 * Ink pixels of a box: thin strokes (narrower than 7 px) at least 48 levels brighter than their
 * surroundings, near the top of the grey range (>= 192: text is drawn at the frame's top value)
 * and brighter than the median of their 9 x 9 neighbourhood by 48 (so that ground showing between
 * dark glyphs does not count); or the same for dark strokes (<= 63). Text drawn in the colour of
 * the ground beneath it has none: it is invisible and is not scored.
 */
export function inkPixels(image: GreyImage, maps: InkMaps, [x1, y1, x2, y2]: Box4): number[] {
  const { width, height, data } = image;
  const out: number[] = [];
  const hist = new Uint16Array(256);
  const localMedian = (x: number, y: number): number => {
    hist.fill(0);
    let n = 0;
    for (let yy = Math.max(0, y - 4); yy <= Math.min(height - 1, y + 4); yy++) {
      for (let xx = Math.max(0, x - 4); xx <= Math.min(width - 1, x + 4); xx++) {
        hist[data[yy * width + xx]]++;
        n++;
      }
    }
    let seen = 0;
    for (let g = 0; g < 256; g++) {
      seen += hist[g];
      if (seen * 2 >= n) return g;
    }
    return 255;
  };
  for (let y = y1; y < y2; y++) {
    for (let x = x1; x < x2; x++) {
      const p = y * width + x;
      const v = data[p];
      if (v >= 192 && maps.white[p] >= 48 && localMedian(x, y) <= v - 48) out.push(p);
      else if (v <= 63 && maps.black[p] >= 48 && localMedian(x, y) >= v + 48) out.push(p);
    }
  }
  return out;
}

function boundsOf(pixels: number[], width: number): Box4 | undefined {
  if (pixels.length === 0) return undefined;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = 0;
  let y2 = 0;
  for (const p of pixels) {
    const y = Math.floor(p / width);
    const x = p - y * width;
    x1 = Math.min(x1, x);
    y1 = Math.min(y1, y);
    x2 = Math.max(x2, x + 1);
    y2 = Math.max(y2, y + 1);
  }
  return [x1, y1, x2, y2];
}

/** Loads the overlay-phi samples (every `every`-th file, starting at `offset`). */
export async function loadOverlaySamples(dataDir: string, every = 1, offset = 0): Promise<Sample[]> {
  const files = readdirSync(dataDir).filter((f) => f.endsWith(".dcm")).sort();
  const samples: Sample[] = [];
  for (const [index, file] of files.entries()) {
    if (index < offset || (index - offset) % every !== 0) continue;
    const image = await renderDicom(join(dataDir, file));
    const truth = JSON.parse(readFileSync(join(dataDir, file.replace(/\.dcm$/, ".json")), "utf8")) as {
      annotation: { key: { bbox?: number[] }; value: { text: string; bbox?: number[] } }[];
    };
    const maps = inkMaps(image);
    const clamp = (b: number[]): Box4 | undefined =>
      b[0] >= image.width || b[1] >= image.height ? undefined : [b[0], b[1], Math.min(b[2], image.width), Math.min(b[3], image.height)];
    const values: TruthValue[] = [];
    const keys: Box4[] = [];
    let outside = 0;
    for (const a of truth.annotation) {
      const k = a.key.bbox === undefined ? undefined : clamp(a.key.bbox);
      if (k !== undefined) keys.push(k);
      const b = a.value.bbox;
      if (a.value.text.trim() === "" || b === undefined) continue;
      const box = clamp(b);
      if (box === undefined) {
        outside++;
        continue;
      }
      const ink = inkPixels(image, maps, box);
      values.push({ text: a.value.text, box, ink: boundsOf(ink, image.width), inkPixels: ink, visible: ink.length > 0 });
    }
    samples.push({ name: file, image, values, keys, outside });
  }
  return samples;
}

/** Upper-case letters and digits only. */
export function normalise(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

const FOLD: Record<string, string> = { O: "0", Q: "0", D: "0", I: "1", L: "1", J: "1", S: "5", B: "8", Z: "2", G: "6" };

/** Folds OCR-confusable characters together (O/0, I/L/1, S/5, B/8, Z/2, G/6). */
export function fold(text: string): string {
  return [...text].map((c) => FOLD[c] ?? c).join("");
}

/** Edits tolerated for a token of this length: none below 5 characters, 1 up to 9, then more. */
export function tolerated(length: number): number {
  if (length < 5) return 0;
  if (length < 10) return 1;
  return Math.min(3, Math.floor(length / 9) + 1);
}

/** Smallest edit distance between `needle` and any substring of `hay` (Sellers). */
export function substringDistance(needle: string, hay: string): number {
  if (needle.length === 0) return 0;
  let prev = new Array<number>(needle.length + 1);
  let cur = new Array<number>(needle.length + 1);
  for (let i = 0; i <= needle.length; i++) prev[i] = i;
  let best = prev[needle.length];
  for (let j = 1; j <= hay.length; j++) {
    cur[0] = 0;
    for (let i = 1; i <= needle.length; i++) {
      const cost = needle[i - 1] === hay[j - 1] ? 0 : 1;
      cur[i] = Math.min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + cost);
    }
    best = Math.min(best, cur[needle.length]);
    [prev, cur] = [cur, prev];
  }
  return best;
}

function intersects(a: OcrBox, b: OcrBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Scores of one image. */
export interface ImageScore {
  tokens: number;
  tokensExact: number;
  tokensTolerant: number;
  values: number;
  valuesExact: number;
  valuesTolerant: number;
  /** Values whose box is at least 80 % covered by OCR word boxes (any text). */
  valuesCovered: number;
  /** Indices of values missed by the tolerant rule (for drill-down, no text printed). */
  missed: number[];
}

/**
 * Scores OCR words against the truth. A value's candidate words are those touching its box grown
 * by half its height (and, for multi-word values, 3.2 heights upwards: the truth box of a wrapped
 * value covers only its last line). A token is found when it occurs in the candidates' joined
 * normalised text, exactly or within `tolerated` edits after folding confusable characters.
 */
export function scoreImage(words: OcrWord[], values: TruthValue[]): ImageScore {
  const s: ImageScore = { tokens: 0, tokensExact: 0, tokensTolerant: 0, values: 0, valuesExact: 0, valuesTolerant: 0, valuesCovered: 0, missed: [] };
  values.forEach((v, index) => {
    const [x1, y1, x2, y2] = v.box;
    const h = Math.max(1, y2 - y1);
    const tokens = v.text.split(/\s+/).map(normalise).filter((t) => t !== "");
    const m = Math.max(2, h / 2);
    const up = tokens.length > 1 ? 3.2 * h : 0;
    const region: OcrBox = { x: x1 - m, y: y1 - m - up, w: x2 - x1 + 2 * m, h: y2 - y1 + 2 * m + up };
    const near = words.filter((w) => intersects(w.box, region));
    near.sort((a, b) => (a.box.y + a.box.h / 2 < b.box.y - 2 ? -1 : b.box.y + b.box.h / 2 < a.box.y - 2 ? 1 : a.box.x - b.box.x));
    const hay = near.map((w) => normalise(w.text)).join("");
    const hayFold = fold(hay);
    let exact = 0;
    let tolerant = 0;
    for (const t of tokens) {
      if (hay.includes(t)) {
        exact++;
        tolerant++;
      } else if (substringDistance(fold(t), hayFold) <= tolerated(t.length)) {
        tolerant++;
      }
    }
    s.tokens += tokens.length;
    s.tokensExact += exact;
    s.tokensTolerant += tolerant;
    s.values++;
    if (exact === tokens.length) s.valuesExact++;
    if (tolerant === tokens.length) s.valuesTolerant++;
    else s.missed.push(index);
    if (coverage(v.box, words.map((w) => w.box)) >= 0.8) s.valuesCovered++;
  });
  return s;
}

/** Fraction of the box's pixels covered by the union of `boxes`. */
export function coverage(box: Box4, boxes: OcrBox[]): number {
  const [x1, y1, x2, y2] = box;
  const w = x2 - x1;
  const h = y2 - y1;
  if (w <= 0 || h <= 0) return 0;
  const hit = new Uint8Array(w * h);
  for (const b of boxes) {
    const ax = Math.max(x1, Math.floor(b.x));
    const ay = Math.max(y1, Math.floor(b.y));
    const bx = Math.min(x2, Math.ceil(b.x + b.w));
    const by = Math.min(y2, Math.ceil(b.y + b.h));
    for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) hit[(y - y1) * w + (x - x1)] = 1;
  }
  let n = 0;
  for (const v of hit) n += v;
  return n / hit.length;
}

/** Fraction of the given pixels (image indices) inside the union of `boxes`. */
export function pixelCoverage(pixels: number[], width: number, boxes: OcrBox[]): number {
  if (pixels.length === 0) return 0;
  let hit = 0;
  for (const p of pixels) {
    const y = Math.floor(p / width);
    const x = p - y * width;
    if (boxes.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h)) hit++;
  }
  return hit / pixels.length;
}

/** Sums image scores. */
export function addScores(a: ImageScore, b: ImageScore): ImageScore {
  return {
    tokens: a.tokens + b.tokens,
    tokensExact: a.tokensExact + b.tokensExact,
    tokensTolerant: a.tokensTolerant + b.tokensTolerant,
    values: a.values + b.values,
    valuesExact: a.valuesExact + b.valuesExact,
    valuesTolerant: a.valuesTolerant + b.valuesTolerant,
    valuesCovered: a.valuesCovered + b.valuesCovered,
    missed: [],
  };
}

/** An empty score. */
export function emptyScore(): ImageScore {
  return { tokens: 0, tokensExact: 0, tokensTolerant: 0, values: 0, valuesExact: 0, valuesTolerant: 0, valuesCovered: 0, missed: [] };
}
