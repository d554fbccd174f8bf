/**
 * Review entries for an evaluation: before and after thumbnails with the redaction found in the
 * pixels ("redacted") and the ground-truth values left visible ("missed") outlined, and flags
 * from the measurement. Counts and geometry only, like the rest of the evaluation.
 */
import { readDicom } from "../io/read/read-file.js";
import { openPixels, readFrame } from "../pixels/image.js";
import type { ReviewBox, ReviewEntry } from "../report/html.js";
import { thumbnailPng } from "../report/thumbnail.js";
import { renderPair } from "./render-like.js";
import type { ImageEval } from "./report.js";
import type { EvaluatedPair } from "./run.js";

/** Fixed flag texts of evaluation review entries. */
export const EVAL_FLAGS = {
  failed: "evaluation failed",
  missed: "ground-truth value not hidden",
  readable: "value still readable by OCR",
  overRedaction: "precision below target",
  noTruth: "no ground truth",
} as const;

/** Options of `evalReviewEntry`. */
export interface EvalReviewOptions {
  /** Thumbnail size (longest side). Default 256. */
  maxSize?: number;
  /** Precision below this is flagged. Default 0.9. */
  precisionTarget?: number;
}

/** First frames of original and output, rendered alike (render-like.ts). */
async function renderings(pair: EvaluatedPair) {
  const a = readDicom(pair.original);
  const b = readDicom(pair.output);
  return renderPair(a, await readFrame(openPixels(a), 0), b, await readFrame(openPixels(b), 0), { frameIndex: 0 });
}

/** The review entry of one evaluated image (thumbnails only when the pair could be decoded). */
export async function evalReviewEntry(image: ImageEval, pair: EvaluatedPair | undefined, options: EvalReviewOptions = {}): Promise<ReviewEntry> {
  const id = `${image.index} ${image.id.slice(0, 8)}`;
  const c = image.coverage;
  if (image.status !== "ok" || !c || !pair) return { id, width: 0, height: 0, boxes: [], flags: [EVAL_FLAGS.failed], risk: 1 };
  const boxes: ReviewBox[] = c.rects.filter((r) => r.frame === 0).map(({ x, y, w, h }) => ({ x, y, w, h, reason: "redacted" }));
  const missed: ReviewBox[] = [];
  (pair.truth?.values ?? []).forEach((v, i) => {
    if (!c.values[i]?.hidden) missed.push({ ...v.box, reason: "missed" });
  });
  const flags: string[] = [];
  const missedShare = c.values.length > 0 ? missed.length / c.values.length : 0;
  if (missed.length > 0) flags.push(EVAL_FLAGS.missed);
  if ((image.residual?.readable ?? 0) > 0) flags.push(EVAL_FLAGS.readable);
  if (c.precision !== null && c.precision < (options.precisionTarget ?? 0.9)) flags.push(EVAL_FLAGS.overRedaction);
  if (!image.groundTruth) flags.push(EVAL_FLAGS.noTruth);
  const readableShare = image.residual && image.residual.checked > 0 ? image.residual.readable / image.residual.checked : 0;
  const risk = 1 - (1 - missedShare) * (1 - readableShare) * (c.precision !== null ? 0.7 + 0.3 * c.precision : 1);
  const size = { maxSize: options.maxSize ?? 256 };
  const r = await renderings(pair);
  const before = await thumbnailPng(r.before, { ...size, boxes: [...boxes, ...missed] });
  const after = await thumbnailPng(r.after, { ...size, boxes: missed });
  return { id, width: c.width, height: c.height, before, after, boxes: [...boxes, ...missed], flags, risk };
}
