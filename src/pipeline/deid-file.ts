import { tag } from "../core/tag.js";
import { deidentifyFile, readForDeid, writeDeidentified, type DeidOptions, type DeidReport } from "../deid/deidentify.js";
import { pixelElement } from "../pixels/image.js";
import { markCleanPixelData, redactFile, regionsFor, type Rect, type RegionRules } from "../redact/index.js";

/** What to do with the pixels of a file. */
export interface PixelStageOptions {
  /** Rectangles to redact in every frame (--redact-region). */
  rects: readonly Rect[];
  /** Region rules (first matching rule adds its rectangles or keeps ultrasound regions). */
  rules?: RegionRules;
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
}

/**
 * One file through every stage: read; pixels (regions -> redaction in the file's own
 * transfer syntax) using the original header; header de-identification; write; residual
 * check. A redaction adds Clean Pixel Data (113101) and sets Burned In Annotation NO.
 */
export async function deidentifyDicom(bytes: Uint8Array, deid: DeidOptions, pixels: PixelStageOptions, fileName?: string): Promise<{ output: Uint8Array; report: DeidReport; pixels: PixelReport }> {
  const file = readForDeid(bytes, deid, fileName);
  const pixelReport: PixelReport = { redacted: false, frames: 0, pixels: 0, methods: [], transferSyntaxChanged: false, notes: [] };
  if (pixelElement(file.dataset) && file.dataset.has(tag(0x0028, 0x0010))) {
    const regions = regionsFor(file, { rects: [...pixels.rects], rules: pixels.rules });
    if (regions.matchedRule) pixelReport.matchedRule = `rule ${regions.matchedRule.index + 1}${regions.matchedRule.name ? ` (${regions.matchedRule.name})` : ""}`;
    if (regions.rects.length) {
      const r = await redactFile(file, { rects: regions.rects });
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
