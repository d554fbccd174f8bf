import { tag } from "../core/tag.js";
import { deidentifyFile, readForDeid, writeDeidentified, type DeidOptions, type DeidReport } from "../deid/deidentify.js";
import { pixelElement, pixelFormatOf } from "../pixels/image.js";
import { markCleanPixelData, redactFile, regionsFor, type Rect, type RegionRules } from "../redact/index.js";
import type { BurnInOptions } from "../burnin/stage.js";

/** What to do with the pixels of a file. */
export interface PixelStageOptions {
  /** Rectangles to redact in every frame (--redact-region). */
  rects: readonly Rect[];
  /** Region rules (first matching rule adds its rectangles or keeps ultrasound regions). */
  rules?: RegionRules;
  /** Burned-in text detection (OCR + PHI decision); absent or mode "off" to skip it. */
  burnIn?: BurnInOptions;
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
  /** Burned-in text: redactions by reason (recognizer, "unreadable-text", "all-text"), frames analysed and reused. */
  reasons: Record<string, number>;
  framesAnalyzed: number;
  framesReused: number;
  linesFound: number;
  meanConfidence: number;
  /** Redaction boxes per frame with their reasons (geometry only), for review reports. */
  boxes: { frame: number; x: number; y: number; w: number; h: number; reason: string }[];
}

/**
 * One file through every stage: read; pixels (regions -> redaction in the file's own
 * transfer syntax) using the original header; header de-identification; write; residual
 * check. A redaction adds Clean Pixel Data (113101) and sets Burned In Annotation NO.
 */
export async function deidentifyDicom(bytes: Uint8Array, deid: DeidOptions, pixels: PixelStageOptions, fileName?: string): Promise<{ output: Uint8Array; report: DeidReport; pixels: PixelReport }> {
  const file = readForDeid(bytes, deid, fileName);
  const pixelReport: PixelReport = {
    redacted: false, frames: 0, pixels: 0, methods: [], transferSyntaxChanged: false, notes: [],
    reasons: {}, framesAnalyzed: 0, framesReused: 0, linesFound: 0, meanConfidence: 0, boxes: [],
  };
  if (pixelElement(file.dataset) && file.dataset.has(tag(0x0028, 0x0010))) {
    const regions = regionsFor(file, { rects: [...pixels.rects], rules: pixels.rules });
    if (regions.matchedRule) pixelReport.matchedRule = `rule ${regions.matchedRule.index + 1}${regions.matchedRule.name ? ` (${regions.matchedRule.name})` : ""}`;
    const perFrame = new Map<number, Rect[]>();
    if (pixels.burnIn && pixels.burnIn.mode !== "off") {
      // Detection uses the original header values: run before the header is de-identified.
      // Loaded on first use: the PHI detector's lexicons take a while to load.
      const { burnedInStage } = await import("../burnin/stage.js");
      const { headerContext } = await import("../burnin/header-context.js");
      const b = await burnedInStage(file, headerContext(file.dataset), pixels.burnIn);
      for (const [f, rects] of b.rects) perFrame.set(f, [...rects]);
      for (const d of b.decisions) {
        pixelReport.reasons[d.reason] = (pixelReport.reasons[d.reason] ?? 0) + 1;
        pixelReport.boxes.push({ frame: d.frame, ...d.box, reason: d.reason });
      }
      Object.assign(pixelReport, { framesAnalyzed: b.framesAnalyzed, framesReused: b.framesReused, linesFound: b.linesFound, meanConfidence: b.meanConfidence });
    }
    if (regions.rects.length || perFrame.size) {
      const total = pixelFormatOf(file.dataset)?.numberOfFrames ?? 1;
      const rects = new Map<number, Rect[]>();
      for (let f = 0; f < total; f++) {
        const list = [...regions.rects, ...(perFrame.get(f) ?? [])];
        if (list.length) rects.set(f, list);
      }
      for (const rr of regions.rects) for (let f = 0; f < total; f++) pixelReport.boxes.push({ frame: f, ...rr, reason: "region" });
      const r = await redactFile(file, { rects });
      if (r.changed) {
        pixelReport.redacted = true;
        pixelReport.frames = r.frames.length;
        pixelReport.pixels = r.pixelsChanged;
        pixelReport.methods = [...new Set(r.frames.map((f) => f.method))];
        pixelReport.transferSyntaxChanged = r.transferSyntaxChanged;
        pixelReport.notes = [...r.notes];
        markCleanPixelData(file);
      }
    }
  }
  const options: DeidOptions = pixelReport.redacted ? { ...deid, profile: { ...deid.profile, cleanPixelData: true } } : deid;
  const { report, identifying } = deidentifyFile(file, options);
  return { output: writeDeidentified(file, identifying, options, fileName), report, pixels: pixelReport };
}
