import { deidentifyFile, readForDeid, writeDeidentified, type DeidOptions, type DeidReport } from "../deid/deidentify.js";
import { pathHasIdentifying } from "../deid/residual.js";
import type { Rect, RegionRules } from "../redact/index.js";
import type { BurnInOptions } from "../burnin/stage.js";

/** What to do with the pixels of a file. */
export interface PixelStageOptions {
  /** Rectangles to redact in every frame (--redact-region). */
  rects: readonly Rect[];
  /** Region rules (first matching rule adds its rectangles or keeps ultrasound regions). */
  rules?: RegionRules;
  /** Burned-in text detection (OCR + PHI decision); absent or mode "off" to skip it. */
  burnIn?: BurnInOptions;
  /** Clean Graphics: overlay planes are read for text too and their PHI bits cleared (with `burnIn`), so they may be kept. */
  cleanGraphics?: boolean;
}

/** Pixel facts for the report: geometry, counts and method names only. */
export interface PixelReport {
  redacted: boolean;
  frames: number;
  pixels: number;
  methods: string[];
  transferSyntaxChanged: boolean;
  matchedRule?: string;
  notes: string[];
  /** Burned-in text: redactions by reason (recognizer, "unreadable-text", "faint-text", "hidden-row", "all-text"), frames analysed and reused. */
  reasons: Record<string, number>;
  framesAnalyzed: number;
  framesReused: number;
  linesFound: number;
  meanConfidence: number;
  /** Redaction boxes per frame with their reasons (geometry only), for review reports. */
  boxes: { frame: number; x: number; y: number; w: number; h: number; reason: string }[];
  /** Clean Graphics: overlay groups whose planes were read and cleaned of PHI text, and the bits cleared. */
  overlaysCleaned: number[];
  overlayBitsCleared: number;
  /** The frames were found by their start markers: the Basic Offset Table did not fit the fragments. */
  tableIgnored?: boolean;
}

/** True when the options ask for any pixel work (otherwise the pixel modules are not even loaded). */
function wantsPixelStage(pixels: PixelStageOptions): boolean {
  return pixels.rects.length > 0 || pixels.rules !== undefined || (pixels.burnIn !== undefined && pixels.burnIn.mode !== "off");
}

/**
 * One file through every stage: read; pixels (regions -> redaction in the file's own
 * transfer syntax, see pixel-stage.ts) using the original header; header de-identification;
 * write; residual check. A redaction adds Clean Pixel Data (113101) and sets Burned In
 * Annotation NO.
 */
export async function deidentifyDicom(
  bytes: Uint8Array, deid: DeidOptions, pixels: PixelStageOptions, fileName?: string,
): Promise<{ output: Uint8Array; report: DeidReport; pixels: PixelReport; nameHasIdentifying: (path: string) => boolean }> {
  const file = readForDeid(bytes, deid, fileName);
  const pixelReport: PixelReport = {
    redacted: false, frames: 0, pixels: 0, methods: [], transferSyntaxChanged: false, notes: [],
    reasons: {}, framesAnalyzed: 0, framesReused: 0, linesFound: 0, meanConfidence: 0, boxes: [], overlaysCleaned: [], overlayBitsCleared: 0,
  };
  // Loaded on first use: the pixel and redaction modules take a while to load.
  if (wantsPixelStage(pixels)) await (await import("./pixel-stage.js")).runPixelStage(file, pixels, pixelReport);
  let options: DeidOptions = pixelReport.redacted ? { ...deid, profile: { ...deid.profile, cleanPixelData: true } } : deid;
  if (pixelReport.overlaysCleaned.length) options = { ...options, overlaysCleaned: pixelReport.overlaysCleaned };
  const { report, identifying } = deidentifyFile(file, options);
  return {
    output: writeDeidentified(file, identifying, options, fileName), report, pixels: pixelReport,
    nameHasIdentifying: (path) => pathHasIdentifying(path, identifying),
  };
}
