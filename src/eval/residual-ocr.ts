/**
 * Residual OCR check: OCR the output image as the detector would (min-max rendering, the default
 * OCR recipe; with the original given, the output goes through the original's min-max mapping,
 * see render-like.ts, so a fill outside the original's range cannot wash the rest out) and count the ground-truth values that are still readable. A value is still
 * readable when a word read from the output matches one of its tokens (value text split on white
 * space, folded by `foldForMatch`: case, O/0, I/l/1, S/5, punctuation ignored; tokens of at least
 * 3 characters). A word matches a token when it equals it, contains it (tokens of 4 or more), or
 * differs from it by one edit (tokens of 6 or more: one misread letter still leaves it legible).
 * Only counts leave this module; the words and tokens never do.
 */
import { readDicom, type DicomFile } from "../io/read/read-file.js";
import type { OcrEngine } from "../ocr/engine.js";
import { ocrFrame, type OcrRecipeOptions } from "../ocr/recipe.js";
import { openPixels, readFrame } from "../pixels/image.js";
import { renderFrame } from "../pixels/render/render-frame.js";
import { foldForMatch, type GroundTruth } from "./ground-truth.js";
import { renderPair } from "./render-like.js";

/** Options of `residualOcr`. */
export interface ResidualOcrOptions {
  /** Frame to OCR. Default 0. */
  frame?: number;
  /** Options of the OCR recipe. Default: the recipe's defaults. */
  ocr?: OcrRecipeOptions;
  /** The original file: the output is rendered through its min-max mapping. Recommended. */
  original?: Uint8Array | DicomFile;
}

/** What the residual check found: counts only. */
export interface ResidualResult {
  /** Words OCR read from the output frame. */
  words: number;
  /** Ground-truth values (with tokens) still readable. */
  readable: number;
  /** Values that had tokens to look for. */
  checked: number;
  /** Per ground-truth value: still readable (false for values without tokens). */
  perValue: boolean[];
}

/** True when a and b differ by at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** True when a folded OCR word matches a folded value token (see the module comment). */
export function wordMatchesToken(word: string, token: string): boolean {
  if (word === token) return true;
  if (token.length >= 4 && word.includes(token)) return true;
  return token.length >= 6 && withinOneEdit(word, token);
}

/** Per ground-truth value: does any of the words match one of its tokens. */
export function readableValues(words: readonly { text: string }[], truth: GroundTruth): boolean[] {
  const folded = words.map((w) => foldForMatch(w.text)).filter((w) => w.length > 0);
  return truth.values.map((v) => v.tokens.some((t) => folded.some((w) => wordMatchesToken(w, t))));
}

/** OCRs one frame of the output (min-max rendering, grey) and counts values still readable. */
export async function residualOcr(engine: OcrEngine, output: Uint8Array | DicomFile, truth: GroundTruth, options: ResidualOcrOptions = {}): Promise<ResidualResult> {
  const file = output instanceof Uint8Array ? readDicom(output) : output;
  const index = options.frame ?? 0;
  const frame = await readFrame(openPixels(file), index);
  const render = { frameIndex: index, voi: "minmax", grayscale: true } as const;
  let image = renderFrame(file, frame, render);
  if (options.original !== undefined) {
    const originalFile = options.original instanceof Uint8Array ? readDicom(options.original) : options.original;
    image = renderPair(originalFile, await readFrame(openPixels(originalFile), index), file, frame, render).after;
  }
  const { words } = await ocrFrame(engine, image, options.ocr);
  const perValue = readableValues(words, truth);
  return {
    words: words.length,
    readable: perValue.filter(Boolean).length,
    checked: truth.values.filter((v) => v.tokens.length > 0).length,
    perValue,
  };
}
