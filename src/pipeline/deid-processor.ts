import { isDicomError } from "../core/errors.js";
import { MIRRORED_NAME_COUNT } from "./deid-counts.js";
import type { ProcessResult } from "./types.js";
import type { ProfileOptions } from "../profile/options.js";
import { loadTextCleaner, type DeidOptions } from "../deid/deidentify.js";
import type { Rect, RegionRules } from "../redact/index.js";
import { deidentifyDicom } from "./deid-file.js";
import type { PixelMode } from "../burnin/types.js";
import type { OcrEngine } from "../ocr/engine.js";
import { parseRecipe, type Recipe } from "../deid/recipe.js";
import { needsTextCleaner } from "../profile/decide.js";
import type { PseudonymOptions } from "../deid/pseudonym.js";

/** Plain-data options of the de-identification processor (cloned into each worker). */
export interface DeidProcessorOptions {
  profile: ProfileOptions;
  /** The secret key, hex-encoded (never logged). */
  secretHex: string;
  pseudonym: PseudonymOptions;
  maxShiftDays: number;
  /** Recipe JSON text, parsed once per worker. */
  recipeText?: string;
  linkage: boolean;
  residualCheck: boolean;
  lenient: boolean;
  /** Output layout: "mirror" keeps the input tree; "patient/study/series" uses pseudonyms and UIDs. */
  layout: "mirror" | "patient/study/series";
  /** Rectangles redacted in every frame of every image (--redact-region). */
  redactRects: Rect[];
  /** Region rules JSON text (--region-rules), parsed once per worker. */
  regionRulesText?: string;
  /** Burned-in text: "phi" (default), "all-text" or "off". */
  pixels: PixelMode;
  /** OCR engine name (as the CLI resolved it; "auto" chooses when the engine starts) and its worker count in this thread. */
  ocrEngine: string;
  ocrWorkers: number;
  /** Files run concurrently in each worker: the native engine then waits a little for its batches to fill. */
  ocrConcurrentFiles?: boolean;
  /** Redact text lines OCR could not read confidently (default true). */
  failSafe: boolean;
  /** Cover the rows of a redacted stack hidden in ground of their ink's own value (default true). */
  hiddenRows?: boolean;
}

/** Native OCR batches when files run concurrently: start a process once 8 images wait, or after 400 ms (19.5-19.9 s on overlay-phi against 20.3-20.7 s with 4 and 250 ms). */
const NATIVE_BATCHING = { minBatch: 8, lingerMs: 400 };

let recipe: Recipe | undefined;
let deidOptions: DeidOptions | undefined;
let regionRules: RegionRules | undefined;
let engine: OcrEngine | undefined;

/** Parses the recipe and builds the run options once per worker (loading the text cleaner when an option needs it). */
export async function init(o: DeidProcessorOptions): Promise<void> {
  await initOptions(o);
  const r = recipe?.rules.some((x) => x.action.kind === "clean");
  if (needsTextCleaner(o.profile) || r) deidOptions!.cleaner = await loadTextCleaner();
  if (o.pixels !== "off" && !engine) {
    const { createOcrEngine } = await import("../ocr/engine.js");
    const { DEFAULT_OCR_ENGINE, registerDefaultOcrEngines } = await import("../ocr/default-engines.js");
    registerDefaultOcrEngines();
    const batching = o.ocrConcurrentFiles === true ? NATIVE_BATCHING : {};
    engine = await createOcrEngine(o.ocrEngine || DEFAULT_OCR_ENGINE, { workers: Math.max(1, o.ocrWorkers), ...batching });
  }
}

/** Frees the OCR engine (called once the batch is done). */
export async function close(): Promise<void> {
  await engine?.close();
  engine = undefined;
}

/** Parses recipe and region rules (the redaction modules are loaded only for rules: they take a while to load). */
async function initOptions(o: DeidProcessorOptions): Promise<void> {
  recipe = o.recipeText ? parseRecipe(o.recipeText) : undefined;
  regionRules = o.regionRulesText ? (await import("../redact/index.js")).parseRegionRules(o.regionRulesText, { source: "region rules" }) : undefined;
  deidOptions = {
    profile: o.profile,
    secret: { key: Uint8Array.from(Buffer.from(o.secretHex, "hex")), ephemeral: false },
    pseudonym: o.pseudonym,
    maxShiftDays: o.maxShiftDays,
    recipe,
    linkage: o.linkage,
    residualCheck: o.residualCheck,
    lenient: o.lenient,
  };
}

const safeSegment = (s: string | undefined, fallback: string): string => (s && /^[A-Za-z0-9._-]{1,64}$/.test(s) ? s : fallback);

/** De-identifies one file; bad input becomes a failed outcome (never a throw). */
export async function processFile(bytes: Uint8Array, context: { relPath: string }, o: DeidProcessorOptions): Promise<ProcessResult> {
  if (!deidOptions) await initOptions(o);
  // File names may carry PHI: errors name tags and offsets only; the runner knows the path.
  try {
    const burnIn = o.pixels !== "off" && engine ? { mode: o.pixels, engine, failSafe: o.failSafe, hiddenRows: o.hiddenRows } : undefined;
    const { output, report, pixels, nameHasIdentifying } = await deidentifyDicom(bytes, deidOptions!, { rects: o.redactRects ?? [], rules: regionRules, burnIn, cleanGraphics: o.profile.cleanGraphics });
    const counts: Record<string, number> = {};
    for (const [k, v] of Object.entries(report.counts)) counts[`action:${k}`] = v ?? 0;
    for (const c of report.codes) counts[`method:${c.value}`] = 1;
    counts["files:deidentified"] = 1;
    if (pixels.redacted) {
      counts["pixels:files redacted"] = 1;
      counts["pixels:frames redacted"] = pixels.frames;
      for (const m of pixels.methods) counts[`pixels:method ${m}`] = 1;
      if (pixels.transferSyntaxChanged) counts["pixels:lossy decoded to explicit VR LE"] = 1;
    }
    if (pixels.matchedRule) counts[`pixels:region ${pixels.matchedRule}`] = 1;
    if (pixels.tableIgnored) counts["pixels:offset table set aside (frames by start markers)"] = 1;
    for (const [reason, n] of Object.entries(pixels.reasons)) counts[`burned-in:${reason}`] = n;
    if (pixels.framesAnalyzed) {
      counts["burned-in:frames analysed"] = pixels.framesAnalyzed;
      counts[`burned-in:files read by OCR engine ${engine?.name ?? "?"}`] = 1;
    }
    if (pixels.framesReused) counts["burned-in:frames reused"] = pixels.framesReused;
    if (pixels.overlaysCleaned.length) counts["overlays:read and kept (Clean Graphics)"] = pixels.overlaysCleaned.length;
    if (pixels.overlayBitsCleared) counts["overlays:bits cleared"] = pixels.overlayBitsCleared;
    if (o.pixels !== "off" && pixels.linesFound && !pixels.redacted) counts["burned-in:files with text, nothing redacted"] = 1;
    let outputRelPath: string | undefined;
    // A mirrored output keeps the input's path, which may name the patient: counted (never shown) so the CLI can warn.
    if (o.layout !== "patient/study/series" && nameHasIdentifying(context.relPath)) counts[MIRRORED_NAME_COUNT] = 1;
    if (o.layout === "patient/study/series") {
      const ds = report.layoutKeys;
      outputRelPath = [
        safeSegment(ds?.patient, "UNKNOWN"), safeSegment(ds?.study, "UNKNOWN"), safeSegment(ds?.series, "UNKNOWN"),
        `${safeSegment(ds?.instance, "instance")}.dcm`,
      ].join("/");
    }
    return {
      output,
      outcome: {
        status: "ok", counts, diagnostics: [], outputRelPath,
        linkage: report.linkage ? [report.linkage] : undefined,
      },
    };
  } catch (e) {
    if (isDicomError(e)) {
      const notDicom = e.code === "NOT_DICOM";
      return { outcome: { status: notDicom ? "skipped" : "failed", code: e.code, reason: e.message, counts: {}, diagnostics: [] } };
    }
    throw e; // an unexpected error: the runner reports its name and location, never its message
  }
}
