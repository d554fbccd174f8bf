/**
 * The evaluation report: per image and totals, counts and shares only. Images are named by their
 * index in the walk order and a path id (SHA-256 prefix, as in the quarantine report), never by
 * file name: the names of real data sets often hold patient names.
 */
import { COVERAGE_DEFAULTS, type ImageCoverage } from "./coverage.js";
import { REDACTED_AREA_DEFAULTS } from "./redacted-area.js";
import type { ResidualResult } from "./residual-ocr.js";

/** The targets the totals are compared with (printed beside the numbers; they never fail the run). */
export const EVAL_TARGETS = { recall: 0.99, precision: 0.9 } as const;

/** What happened to one image pair. */
export type ImageStatus = "ok" | "missing-output" | "failed";

/** The evaluation of one image. */
export interface ImageEval {
  /** Position in the walk order of the original folder, from 1. */
  index: number;
  /** Path id: first 16 hex digits of the SHA-256 of the relative path. */
  id: string;
  status: ImageStatus;
  /** Error code when status is "failed" (never a message with a path or value). */
  code?: string;
  /** Whether ground truth was found for the image. */
  groundTruth: boolean;
  coverage?: ImageCoverage;
  residual?: ResidualResult;
  /** The same OCR check on the original (what OCR could read before redaction). */
  baseline?: ResidualResult;
}

/** Sums over the images that could be evaluated. */
export interface EvalTotals {
  images: number;
  evaluated: number;
  missingOutput: number;
  failed: number;
  /** Evaluated images that had ground truth. */
  withTruth: number;
  values: number;
  hidden: number;
  hiddenStrict: number;
  recall: number | null;
  recallStrict: number | null;
  /** Values whose box holds no ink in the original (see ValueCoverage.inkless), and how many of them were missed. */
  inkless: number;
  inklessMissed: number;
  /** Recall over the values with ink: hidden among them / their number. */
  recallInked: number | null;
  /** Values whose visible ink (see ValueCoverage.inkShare) is covered at the hidden threshold, inkless ones included, and their share of all values. */
  inkHidden: number;
  recallInk: number | null;
  /** Images with ground truth whose values were all hidden. */
  imagesAllHidden: number;
  redactedPx: number;
  insideBlockPx: number;
  precision: number | null;
  /** Redacted pixels in images without ground truth (not part of precision). */
  redactedPxWithoutTruth: number;
  /** Values and hidden values per ground-truth label (e.g. "DOB"), when the format has labels. */
  byLabel: Record<string, { values: number; hidden: number }>;
  residual?: {
    images: number;
    valuesChecked: number;
    readable: number;
    imagesWithReadable: number;
    /** Values OCR read in the originals, when the baseline was asked for. */
    readableBefore?: number;
  };
}

/** The whole evaluation: settings, totals and images. */
export interface EvalReport {
  settings: {
    hiddenThreshold: number;
    blockMargin: number;
    tolerance: number;
    gapX: number;
    gapY: number;
    grow: number;
    residual: boolean;
  };
  targets: typeof EVAL_TARGETS;
  totals: EvalTotals;
  images: ImageEval[];
  seconds: number;
}

/** Default settings, as recorded in the report. */
export function defaultSettings(residual: boolean): EvalReport["settings"] {
  return { ...COVERAGE_DEFAULTS, ...REDACTED_AREA_DEFAULTS, residual };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Totals over a list of image evaluations. */
export function totalsOf(images: readonly ImageEval[], residual: boolean): EvalTotals {
  const t: EvalTotals = {
    images: images.length, evaluated: 0, missingOutput: 0, failed: 0, withTruth: 0, values: 0, hidden: 0, hiddenStrict: 0,
    recall: null, recallStrict: null, inkless: 0, inklessMissed: 0, recallInked: null, inkHidden: 0, recallInk: null, imagesAllHidden: 0, redactedPx: 0, insideBlockPx: 0, precision: null, redactedPxWithoutTruth: 0, byLabel: {},
  };
  const res: NonNullable<EvalTotals["residual"]> = { images: 0, valuesChecked: 0, readable: 0, imagesWithReadable: 0 };
  for (const im of images) {
    if (im.status === "missing-output") t.missingOutput++;
    if (im.status === "failed") t.failed++;
    const c = im.coverage;
    if (im.status !== "ok" || !c) continue;
    t.evaluated++;
    if (!im.groundTruth) {
      t.redactedPxWithoutTruth += c.redactedPx;
      continue;
    }
    t.withTruth++;
    t.values += c.values.length;
    t.hidden += c.hidden;
    t.hiddenStrict += c.hiddenStrict;
    if (c.hidden === c.values.length) t.imagesAllHidden++;
    t.redactedPx += c.redactedPx;
    t.insideBlockPx += c.insideBlockPx;
    for (const v of c.values) {
      const key = v.label ?? "(unlabelled)";
      const b = (t.byLabel[key] ??= { values: 0, hidden: 0 });
      b.values++;
      if (v.hidden) b.hidden++;
      if (v.inkless) {
        t.inkless++;
        if (!v.hidden) t.inklessMissed++;
      }
      if (v.inkHidden) t.inkHidden++;
    }
    if (im.residual) {
      res.images++;
      res.valuesChecked += im.residual.checked;
      res.readable += im.residual.readable;
      if (im.residual.readable > 0) res.imagesWithReadable++;
      if (im.baseline) res.readableBefore = (res.readableBefore ?? 0) + im.baseline.readable;
    }
  }
  t.recall = ratio(t.hidden, t.values);
  t.recallStrict = ratio(t.hiddenStrict, t.values);
  t.recallInked = ratio(t.hidden - (t.inkless - t.inklessMissed), t.values - t.inkless);
  t.recallInk = ratio(t.inkHidden, t.values);
  t.precision = ratio(t.insideBlockPx, t.redactedPx);
  if (residual) t.residual = res;
  return t;
}

/** The report as plain JSON data: per image counts, shares and labels; no boxes, text or paths. */
export function reportJson(report: EvalReport): unknown {
  return {
    tool: "dicom-deid eval",
    settings: report.settings,
    targets: report.targets,
    totals: report.totals,
    seconds: report.seconds,
    images: report.images.map((im) => ({
      index: im.index,
      id: im.id,
      status: im.status,
      ...(im.code ? { code: im.code } : {}),
      groundTruth: im.groundTruth,
      ...(im.coverage
        ? {
            width: im.coverage.width,
            height: im.coverage.height,
            frames: im.coverage.frames,
            values: im.coverage.values.length,
            hidden: im.coverage.hidden,
            hiddenStrict: im.coverage.hiddenStrict,
            changedPx: im.coverage.changedPx,
            redactedPx: im.coverage.redactedPx,
            insideBlockPx: im.coverage.insideBlockPx,
            precision: im.coverage.precision,
            redactionRects: im.coverage.rects.length,
            perValue: im.coverage.values.map((v, i) => ({
              ...(v.label !== undefined ? { label: v.label } : {}),
              share: Number(v.share.toFixed(4)),
              hidden: v.hidden,
              inkless: v.inkless,
              inkShare: Number(v.inkShare.toFixed(4)),
              inkHidden: v.inkHidden,
              ...(im.residual ? { readable: im.residual.perValue[i] } : {}),
            })),
          }
        : {}),
      ...(im.residual ? { residual: { words: im.residual.words, checked: im.residual.checked, readable: im.residual.readable } } : {}),
      ...(im.baseline ? { readableBefore: im.baseline.readable } : {}),
    })),
  };
}
