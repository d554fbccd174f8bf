import { tag } from "../core/tag.js";
import type { DicomFile } from "../io/read/read-file.js";
import { pixelElement, pixelFormatOf } from "../pixels/image.js";
import { markCleanPixelData, redactFile, regionsFor, type Rect } from "../redact/index.js";
import type { PixelReport, PixelStageOptions } from "./deid-file.js";

/**
 * The pixel stage, on the original header: regions and burned-in text -> redaction in the
 * file's own transfer syntax; a redaction adds Clean Pixel Data (113101) and sets Burned In
 * Annotation NO. Fills `report`.
 */
export async function runPixelStage(file: DicomFile, pixels: PixelStageOptions, report: PixelReport): Promise<void> {
  if (!pixelElement(file.dataset) || !file.dataset.has(tag(0x0028, 0x0010))) return;
  const regions = regionsFor(file, { rects: [...pixels.rects], rules: pixels.rules });
  if (regions.matchedRule) report.matchedRule = `rule ${regions.matchedRule.index + 1}${regions.matchedRule.name ? ` (${regions.matchedRule.name})` : ""}`;
  const perFrame = new Map<number, Rect[]>();
  if (pixels.burnIn && pixels.burnIn.mode !== "off") {
    // Detection uses the original header values: run before the header is de-identified.
    // Loaded on first use: the PHI detector's lexicons take a while to load.
    const { burnedInStage } = await import("../burnin/stage.js");
    const { headerContext } = await import("../burnin/header-context.js");
    const context = headerContext(file.dataset);
    const b = await burnedInStage(file, context, pixels.burnIn);
    for (const [f, rects] of b.rects) perFrame.set(f, [...rects]);
    for (const d of b.decisions) {
      report.reasons[d.reason] = (report.reasons[d.reason] ?? 0) + 1;
      report.boxes.push({ frame: d.frame, ...d.box, reason: d.reason });
    }
    if (b.tableIgnored) report.tableIgnored = true;
    Object.assign(report, { framesAnalyzed: b.framesAnalyzed, framesReused: b.framesReused, linesFound: b.linesFound, meanConfidence: b.meanConfidence });
    if (pixels.cleanGraphics) {
      const { cleanOverlayText } = await import("../burnin/overlay-text.js");
      const o = await cleanOverlayText(file, context, pixels.burnIn);
      for (const d of o.decisions) report.reasons[`overlay:${d.reason}`] = (report.reasons[`overlay:${d.reason}`] ?? 0) + 1;
      report.overlaysCleaned = o.cleaned;
      report.overlayBitsCleared = o.bitsCleared;
    }
  }
  if (regions.rects.length || perFrame.size) {
    const total = pixelFormatOf(file.dataset)?.numberOfFrames ?? 1;
    const rects = new Map<number, Rect[]>();
    for (let f = 0; f < total; f++) {
      const list = [...regions.rects, ...(perFrame.get(f) ?? [])];
      if (list.length) rects.set(f, list);
    }
    for (const rr of regions.rects) for (let f = 0; f < total; f++) report.boxes.push({ frame: f, ...rr, reason: "region" });
    const r = await redactFile(file, { rects });
    if (r.changed) {
      report.redacted = true;
      report.frames = r.frames.length;
      report.pixels = r.pixelsChanged;
      report.methods = [...new Set(r.frames.map((f) => f.method))];
      report.transferSyntaxChanged = r.transferSyntaxChanged;
      report.notes = [...r.notes];
      if (r.tableIgnored) report.tableIgnored = true;
      markCleanPixelData(file);
    }
  }
}
