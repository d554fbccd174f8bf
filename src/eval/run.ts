/**
 * Evaluates a de-identification run: pairs each DICOM file of the original folder with the file
 * at the same relative path in the output folder (outputs mirror inputs), finds its ground truth
 * (an explicit index first, then the JSON beside the original), and measures coverage, precision
 * and, optionally, what OCR can still read in the output. One bad pair never stops the run.
 */
import { existsSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { isDicomError } from "../core/errors.js";
import type { OcrEngine } from "../ocr/engine.js";
import { pathId } from "../pipeline/paths.js";
import { looksLikeDicom, SNIFF_BYTES } from "../pipeline/sniff.js";
import { walkFiles } from "../pipeline/walk.js";
import { measureCoverage, type CoverageOptions } from "./coverage.js";
import { besidePath, lookupGroundTruth, parseGroundTruthText, type GroundTruth, type GroundTruthIndex } from "./ground-truth.js";
import { defaultSettings, EVAL_TARGETS, totalsOf, type EvalReport, type ImageEval } from "./report.js";
import { residualOcr, type ResidualOcrOptions } from "./residual-ocr.js";

/** The bytes and ground truth of one evaluated pair, for callers that build more from them (e.g. a review page). */
export interface EvaluatedPair {
  original: Uint8Array;
  output: Uint8Array;
  truth?: GroundTruth;
}

/** Options of `evaluateFolders`. */
export interface EvaluateOptions {
  /** Folder (or single file) given to the de-identifier. */
  original: string;
  /** Its output folder. */
  output: string;
  /** Ground truth given explicitly (looked up by path, then file name) before the JSON beside each original. */
  groundTruth?: GroundTruthIndex;
  /** OCR engine for the residual check; no residual check without it. */
  engine?: OcrEngine;
  coverage?: CoverageOptions;
  residual?: ResidualOcrOptions;
  /** Also OCR the originals (with the engine): how many values OCR can read before redaction. */
  baseline?: boolean;
  /** Image pairs evaluated at the same time. Default: the engine's concurrency, else 2. */
  concurrency?: number;
  /** Called after each image, in completion order (e.g. progress, review thumbnails). */
  onImage?: (image: ImageEval, pair: EvaluatedPair | undefined) => Promise<void> | void;
}

interface Pending {
  index: number;
  relPath: string;
  absPath: string;
}

async function isDicomFile(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await fh.read(head, 0, SNIFF_BYTES, 0);
    const { size } = await fh.stat();
    return looksLikeDicom(head.subarray(0, bytesRead), size);
  } finally {
    await fh.close();
  }
}

/** The ground truth of an original: explicit index first, then the JSON file beside it. */
async function truthFor(p: Pending, index: GroundTruthIndex | undefined): Promise<GroundTruth | undefined> {
  const explicit = index ? lookupGroundTruth(index, p.relPath) : undefined;
  if (explicit) return explicit;
  const beside = besidePath(p.absPath);
  if (beside === p.absPath || !existsSync(beside)) return undefined;
  return lookupGroundTruth(parseGroundTruthText(await readFile(beside, "utf8")), p.relPath);
}

async function evaluateOne(p: Pending, options: EvaluateOptions): Promise<{ image: ImageEval; pair?: EvaluatedPair }> {
  const image: ImageEval = { index: p.index, id: pathId(p.relPath).slice(0, 16), status: "ok", groundTruth: false };
  const outPath = join(options.output, ...p.relPath.split("/"));
  if (!existsSync(outPath)) return { image: { ...image, status: "missing-output" } };
  try {
    const truth = await truthFor(p, options.groundTruth);
    image.groundTruth = truth !== undefined;
    const original = new Uint8Array(await readFile(p.absPath));
    const output = new Uint8Array(await readFile(outPath));
    image.coverage = await measureCoverage(original, output, truth, options.coverage);
    if (options.engine && truth && truth.values.length > 0) {
      image.residual = await residualOcr(options.engine, output, truth, { original, ...options.residual });
      if (options.baseline) image.baseline = await residualOcr(options.engine, original, truth, options.residual);
    }
    return { image, pair: { original, output, truth } };
  } catch (e) {
    const code = isDicomError(e) ? (e.code === "BAD_VALUE" && /no pixel data/.test(e.reason) ? "NO_PIXELS" : e.code) : "INTERNAL";
    return { image: { ...image, status: "failed", code, coverage: undefined, residual: undefined } };
  }
}

/** Evaluates every DICOM file of the original folder against its output; resolves to the report. */
export async function evaluateFolders(options: EvaluateOptions): Promise<EvalReport> {
  const started = performance.now();
  const pending: Pending[] = [];
  for await (const entry of walkFiles(options.original)) {
    if (await isDicomFile(entry.absPath)) pending.push({ index: pending.length + 1, relPath: entry.relPath, absPath: entry.absPath });
  }
  const images: ImageEval[] = new Array(pending.length);
  const width = Math.max(1, options.concurrency ?? options.engine?.concurrency ?? 2);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const p = pending[next++];
      const { image, pair } = await evaluateOne(p, options);
      images[p.index - 1] = image;
      await options.onImage?.(image, pair);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, pending.length) }, worker));
  const residual = options.engine !== undefined;
  return {
    settings: { ...defaultSettings(residual), ...pickSettings(options.coverage) },
    targets: EVAL_TARGETS,
    totals: totalsOf(images, residual),
    images,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The coverage options that the report records, when given. */
function pickSettings(c: CoverageOptions | undefined): Partial<EvalReport["settings"]> {
  if (!c) return {};
  const out: Partial<EvalReport["settings"]> = {};
  for (const k of ["hiddenThreshold", "blockMargin", "tolerance", "gapX", "gapY", "grow"] as const) if (c[k] !== undefined) out[k] = c[k];
  return out;
}
