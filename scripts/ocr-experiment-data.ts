/**
 * Data and scoring for the OCR experiments: renders overlay-phi DICOM files to 8-bit PGM with
 * dcmtk (cached under .tmp/ocr/render), loads the ground truth, and scores OCR words against it.
 * Prints no PHI: only counts and rates.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { OcrBox, OcrWord } from "../src/ocr/engine.js";
import type { GreyImage } from "../src/ocr/raster.js";

/** How dcmtk renders to 8 bits: min-max window, first VOI window of the file, or none. */
export type RenderMode = "minmax" | "voi" | "none";

/** One PHI value of the ground truth that lies inside the image. */
export interface TruthValue {
  text: string;
  /** [x1, y1, x2, y2] clamped to the image. */
  box: [number, number, number, number];
  /** False when the box has no contrast (text drawn in the colour of the ground beneath it). */
  visible: boolean;
}

/** A box is visible when its 5th and 95th grey percentiles differ by at least 64 levels. */
function hasContrast(image: GreyImage, [x1, y1, x2, y2]: [number, number, number, number]): boolean {
  const values: number[] = [];
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) values.push(image.data[y * image.width + x]);
  if (values.length === 0) return false;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length * 0.95)] - values[Math.floor(values.length * 0.05)] >= 64;
}

/** An image with its ground truth. */
export interface Sample {
  name: string;
  image: GreyImage;
  values: TruthValue[];
  /** Values whose box lies wholly outside the pixel matrix (not visible, not scored). */
  outside: number;
}

/** Reads a binary PGM (P5, maxval 255). */
export function readPgm(bytes: Uint8Array): GreyImage {
  const tokens: string[] = [];
  let pos = 0;
  while (tokens.length < 4) {
    while (bytes[pos] === 0x20 || bytes[pos] === 0x0a || bytes[pos] === 0x0d || bytes[pos] === 0x09) pos++;
    if (bytes[pos] === 0x23) {
      while (bytes[pos] !== 0x0a) pos++;
      continue;
    }
    let s = "";
    while (pos < bytes.length && ![0x20, 0x0a, 0x0d, 0x09].includes(bytes[pos])) s += String.fromCharCode(bytes[pos++]);
    tokens.push(s);
  }
  pos++;
  const width = Number(tokens[1]);
  const height = Number(tokens[2]);
  if (tokens[0] !== "P5" || tokens[3] !== "255") throw new Error("Only 8-bit binary PGM is supported.");
  return { width, height, channels: 1, data: bytes.slice(pos, pos + width * height) };
}

/** Renders a DICOM file to 8-bit grey with dcmtk (cached); colour images are converted to grey. */
export function renderWithDcmtk(dicomPath: string, mode: RenderMode, cacheDir: string): GreyImage {
  const dir = join(cacheDir, mode);
  mkdirSync(dir, { recursive: true });
  const out = join(dir, basename(dicomPath).replace(/\.dcm$/i, "") + ".pgm");
  if (!existsSync(out)) {
    const args = ["+op", "+G", "+F", "1"];
    if (mode === "minmax") args.push("+Wm");
    if (mode === "voi") args.push("+Wi", "1");
    execFileSync("dcmj2pnm", [...args, dicomPath, out], { stdio: "ignore" });
  }
  return readPgm(readFileSync(out));
}

/** Loads the overlay-phi samples (every `every`-th file, starting at `offset`). */
export function loadOverlaySamples(dataDir: string, mode: RenderMode, cacheDir: string, every = 1, offset = 0): Sample[] {
  const files = readdirSync(dataDir).filter((f) => f.endsWith(".dcm")).sort();
  const samples: Sample[] = [];
  files.forEach((file, index) => {
    if ((index - offset) % every !== 0 || index < offset) return;
    const image = renderWithDcmtk(join(dataDir, file), mode, cacheDir);
    const truth = JSON.parse(readFileSync(join(dataDir, file.replace(/\.dcm$/, ".json")), "utf8")) as {
      annotation: { value: { text: string; bbox?: number[] } }[];
    };
    const values: TruthValue[] = [];
    let outside = 0;
    for (const a of truth.annotation) {
      const b = a.value.bbox;
      if (a.value.text.trim() === "" || b === undefined) continue;
      if (b[0] >= image.width || b[1] >= image.height) {
        outside++;
        continue;
      }
      const box: [number, number, number, number] = [b[0], b[1], Math.min(b[2], image.width), Math.min(b[3], image.height)];
      values.push({ text: a.value.text, box, visible: hasContrast(image, box) });
    }
    samples.push({ name: file, image, values, outside });
  });
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
    if (coverage(v.box, words) >= 0.8) s.valuesCovered++;
  });
  return s;
}

/** Fraction of the box's pixels covered by the union of word boxes. */
export function coverage(box: [number, number, number, number], words: OcrWord[]): number {
  const [x1, y1, x2, y2] = box;
  const w = x2 - x1;
  const h = y2 - y1;
  if (w <= 0 || h <= 0) return 0;
  const hit = new Uint8Array(w * h);
  for (const word of words) {
    const ax = Math.max(x1, Math.floor(word.box.x));
    const ay = Math.max(y1, Math.floor(word.box.y));
    const bx = Math.min(x2, Math.ceil(word.box.x + word.box.w));
    const by = Math.min(y2, Math.ceil(word.box.y + word.box.h));
    for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) hit[(y - y1) * w + (x - x1)] = 1;
  }
  let n = 0;
  for (const v of hit) n += v;
  return n / hit.length;
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
