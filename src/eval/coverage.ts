/**
 * Coverage of ground-truth PHI by the redacted area, measured on the pixels of the original and
 * the output (see redacted-area.ts), independently of what the tool claims it did.
 *
 * - A value is hidden when at least `hiddenThreshold` (default 0.9) of its box area lies inside
 *   the redacted area, in every frame. 90 % and not 100 %: ground-truth boxes are drawn by hand or
 *   by a text renderer and may include a pixel of margin the text never touched, while the glyphs
 *   themselves are hidden. The strict figure (100 %) is reported beside it. A box whose every
 *   pixel is redacted or holds the fill counts as wholly covered: it shows nothing but the fill
 *   (e.g. a tiny box over a background already at the fill, where no pixel changed).
 * - Precision of the redacted area is the share of redacted pixels inside the burned-in text block:
 *   the union of the ground-truth key and value boxes (and spans of wrapped values, see
 *   ground-truth.ts), each grown by `blockMargin` (default 3)
 *   pixels, because a redaction box around text normally keeps a few pixels of margin. Redacted
 *   pixels outside the block count as over-redaction. Images without ground truth have no block,
 *   so their precision is undefined (null) rather than 0.
 */
import { DicomError } from "../core/errors.js";
import { readDicom } from "../io/read/read-file.js";
import type { DecodedFrame } from "../pixels/format.js";
import { openPixels, readFrame } from "../pixels/image.js";
import type { PixelBox } from "../pixels/render/rendered.js";
import type { GroundTruth } from "./ground-truth.js";
import { holdsFill, paintBoxes, redactedArea, type RedactedAreaOptions } from "./redacted-area.js";

/** Options of the coverage measurement. */
export interface CoverageOptions extends RedactedAreaOptions {
  /** Share of a value's box that must be redacted for it to count as hidden. Default 0.9. */
  hiddenThreshold?: number;
  /** Pixels each ground-truth box is grown by to make the text block. Default 3. */
  blockMargin?: number;
  /** Frames compared: every frame (default) or the first only. */
  frames?: "all" | "first";
}

/** The defaults of the coverage measurement, for reports. */
export const COVERAGE_DEFAULTS = { hiddenThreshold: 0.9, blockMargin: 3 } as const;

/** How much of one ground-truth value the redaction covers (worst frame). */
export interface ValueCoverage {
  label?: string;
  /** Box area in pixels (clipped to the image). */
  area: number;
  /** Box pixels inside the redacted area, in the worst frame. */
  covered: number;
  share: number;
  hidden: boolean;
  /** Every pixel of the box redacted. */
  hiddenStrict: boolean;
  /**
   * The original holds no ink in the box: every sample is the same in every frame (text burned in
   * at the value of a saturated background). Nothing there can be read or hidden; reported apart.
   */
  inkless: boolean;
  /**
   * Share of the box's visible ink that is covered, in the worst frame: ink being the pixels whose
   * samples differ from the box's commonest sample (its background). Text drawn partly on a band
   * of its own value shows only there; 1 for an inkless box. On a noisy background nearly every
   * pixel counts as ink, and this is about the area share.
   */
  inkShare: number;
  /** Hidden as far as can be seen: hidden, inkless, or its ink covered at the hidden threshold. */
  inkHidden: boolean;
}

/** A redaction rectangle found in the output, with its frame. */
export interface FoundRect extends PixelBox {
  frame: number;
}

/** Coverage and precision of one image (all frames compared). */
export interface ImageCoverage {
  width: number;
  height: number;
  frames: number;
  values: ValueCoverage[];
  hidden: number;
  hiddenStrict: number;
  /** Pixels whose samples changed, summed over frames. */
  changedPx: number;
  /** Pixels inside the redacted area, summed over frames. */
  redactedPx: number;
  /** Redacted pixels inside the text block, summed over frames. */
  insideBlockPx: number;
  /** insideBlockPx / redactedPx; null when nothing was redacted or there is no ground truth. */
  precision: number | null;
  rects: FoundRect[];
}

/** A box clipped to the image, or undefined when nothing of it is left. */
function clip(b: PixelBox, width: number, height: number): PixelBox | undefined {
  const x0 = Math.max(0, b.x);
  const y0 = Math.max(0, b.y);
  const x1 = Math.min(width, b.x + b.w);
  const y1 = Math.min(height, b.y + b.h);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : undefined;
}

function countInBox(mask: Uint8Array, width: number, b: PixelBox): number {
  let n = 0;
  for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) n += mask[y * width + x];
  return n;
}

/** True when the samples inside the box are not all equal (something is drawn there). */
function hasInk(frame: DecodedFrame, b: PixelBox): boolean {
  const { columns, samplesPerPixel: spp } = frame.format;
  const at = (b.y * columns + b.x) * spp;
  for (let y = b.y; y < b.y + b.h; y++) {
    for (let x = b.x; x < b.x + b.w; x++) {
      // Each sample against the same channel of the box's first pixel (a flat colour is no ink either).
      for (let c = 0; c < spp; c++) if (frame.pixels[(y * columns + x) * spp + c] !== frame.pixels[at + c]) return true;
    }
  }
  return false;
}

/** Pixels of the box (row by row, box-relative) whose samples differ from the box's commonest sample. */
function inkMask(frame: DecodedFrame, b: PixelBox): Uint8Array {
  const { columns, samplesPerPixel: spp } = frame.format;
  const key = (x: number, y: number): string => {
    const at = (y * columns + x) * spp;
    let k = "";
    for (let c = 0; c < spp; c++) k += `${frame.pixels[at + c]},`;
    return k;
  };
  const counts = new Map<string, number>();
  for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) { const k = key(x, y); counts.set(k, (counts.get(k) ?? 0) + 1); }
  let ground = "";
  let most = 0;
  for (const [k, n] of counts) if (n > most) { most = n; ground = k; }
  const ink = new Uint8Array(b.w * b.h);
  for (let y = 0; y < b.h; y++) for (let x = 0; x < b.w; x++) ink[y * b.w + x] = key(b.x + x, b.y + y) === ground ? 0 : 1;
  return ink;
}

/** True when every pixel of the box is redacted or holds the fill in the output. */
function onlyFill(mask: Uint8Array, after: DecodedFrame, b: PixelBox, fill: readonly number[]): boolean {
  const width = after.format.columns;
  for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x; x < b.x + b.w; x++) if (!mask[y * width + x] && !holdsFill(after, y * width + x, fill)) return false;
  return true;
}

/** Accumulates coverage frame by frame (frames may be decoded one at a time). */
export class CoverageAccumulator {
  private readonly threshold: number;
  private readonly block: Uint8Array;
  private readonly boxes: (PixelBox | undefined)[];
  private readonly worst: number[];
  private readonly inked: boolean[];
  private readonly inkWorst: number[];
  private readonly result: ImageCoverage;

  /** Starts the measurement of an image of the given size against its ground truth. */
  constructor(width: number, height: number, private readonly truth: GroundTruth | undefined, private readonly options: CoverageOptions = {}) {
    this.threshold = options.hiddenThreshold ?? COVERAGE_DEFAULTS.hiddenThreshold;
    const margin = options.blockMargin ?? COVERAGE_DEFAULTS.blockMargin;
    const grown = [...(truth?.values ?? []), ...(truth?.keys ?? []), ...(truth?.spans ?? [])].map(({ box: b }) => ({ x: b.x - margin, y: b.y - margin, w: b.w + 2 * margin, h: b.h + 2 * margin }));
    this.block = paintBoxes(new Uint8Array(width * height), width, height, grown);
    this.boxes = (truth?.values ?? []).map((v) => clip(v.box, width, height));
    this.worst = this.boxes.map((b) => (b ? b.w * b.h : 0));
    this.inked = this.boxes.map(() => false);
    this.inkWorst = this.boxes.map(() => 1);
    this.result = { width, height, frames: 0, values: [], hidden: 0, hiddenStrict: 0, changedPx: 0, redactedPx: 0, insideBlockPx: 0, precision: null, rects: [] };
  }

  /** Adds one frame pair (same geometry as the image). */
  add(before: DecodedFrame, after: DecodedFrame): void {
    const r = this.result;
    const area = redactedArea(before, after, this.options);
    const frame = r.frames++;
    r.changedPx += area.changed;
    r.redactedPx += area.redacted;
    if (area.redacted > 0) for (let p = 0; p < area.mask.length; p++) r.insideBlockPx += area.mask[p] & this.block[p];
    r.rects.push(...area.rects.map((b) => ({ frame, ...b })));
    this.boxes.forEach((b, i) => {
      if (!b) return;
      if (!this.inked[i]) this.inked[i] = hasInk(before, b);
      let covered = countInBox(area.mask, r.width, b);
      if (covered < b.w * b.h && area.fill && onlyFill(area.mask, after, b, area.fill)) covered = b.w * b.h;
      this.worst[i] = Math.min(this.worst[i], covered);
      if (covered < b.w * b.h) {
        const ink = inkMask(before, b);
        let total = 0;
        let hit = 0;
        for (let y = 0; y < b.h; y++) for (let x = 0; x < b.w; x++) if (ink[y * b.w + x]) { total++; hit += area.mask[(b.y + y) * r.width + b.x + x]; }
        if (total > 0) this.inkWorst[i] = Math.min(this.inkWorst[i], hit / total);
      }
    });
  }

  /** The coverage of the frames added so far. */
  finish(): ImageCoverage {
    const r = this.result;
    const values = (this.truth?.values ?? []).map((v, i): ValueCoverage => {
      const b = this.boxes[i];
      const area = b ? b.w * b.h : 0;
      const covered = r.frames > 0 ? this.worst[i] : 0;
      const share = area > 0 ? covered / area : 1;
      const inkless = b !== undefined && r.frames > 0 && !this.inked[i];
      const inkShare = r.frames > 0 ? this.inkWorst[i] : 0;
      return { ...(v.label !== undefined ? { label: v.label } : {}), area, covered, share, hidden: share >= this.threshold, hiddenStrict: covered === area, inkless, inkShare,
        inkHidden: share >= this.threshold || inkless || inkShare >= this.threshold };
    });
    const hasTruth = this.truth !== undefined && this.truth.values.length + this.truth.keys.length > 0;
    return {
      ...r,
      values,
      hidden: values.filter((v) => v.hidden).length,
      hiddenStrict: values.filter((v) => v.hiddenStrict).length,
      precision: hasTruth && r.redactedPx > 0 ? r.insideBlockPx / r.redactedPx : null,
    };
  }
}

/**
 * Measures coverage and precision of a redaction from the original and output file bytes:
 * every frame (or the first) of both is decoded and compared. Fails with a DicomError when the
 * output's pixel geometry differs from the original's.
 */
export async function measureCoverage(original: Uint8Array, output: Uint8Array, truth: GroundTruth | undefined, options: CoverageOptions = {}): Promise<ImageCoverage> {
  const a = openPixels(readDicom(original));
  const b = openPixels(readDicom(output));
  const fa = a.format;
  const fb = b.format;
  if (fa.rows !== fb.rows || fa.columns !== fb.columns || fa.samplesPerPixel !== fb.samplesPerPixel || fa.numberOfFrames !== fb.numberOfFrames) {
    throw new DicomError("UNSUPPORTED", "output pixel geometry (rows, columns, samples, frames) differs from the original");
  }
  const acc = new CoverageAccumulator(fa.columns, fa.rows, truth, options);
  const frames = options.frames === "first" ? 1 : fa.numberOfFrames;
  for (let i = 0; i < frames; i++) {
    const before = await readFrame(a, i);
    const after = await readFrame(b, i);
    if (before.pixels.length !== after.pixels.length) throw new DicomError("UNSUPPORTED", `frame ${i} decodes to a different number of samples in the output`);
    acc.add(before, after);
  }
  return acc.finish();
}
