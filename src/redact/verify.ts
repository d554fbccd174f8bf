// Independent check of a redaction: decode the original and the redacted file and compare
// them frame by frame (inside the rectangles: the fill; outside: unchanged).
import type { DicomFile } from "../io/read/read-file.js";
import { openPixels, readFrame } from "../pixels/image.js";
import { fillFor } from "./fill.js";
import { rectMask, rectsPerFrame } from "./rects.js";
import type { Rect, RedactionRequest, RedactionResult } from "./types.js";

/** The outcome of checkRedaction: counts and fixed reasons, never pixel values. */
export interface RedactionCheck {
  readonly ok: boolean;
  readonly framesChecked: number;
  /** Samples inside the requested rectangles that were checked against the fill. */
  readonly insideChecked: number;
  readonly insideWrong: number;
  /** Samples outside the changed area (the result's rectangles) that differ from the original decoding. */
  readonly outsideChanged: number;
  readonly reasons: string[];
}

/** Options of checkRedaction. */
export interface CheckOptions {
  /** Frames to check (default every frame). */
  readonly frames?: readonly number[];
}

/** The mask grown by `d` pixels in every direction (Chebyshev distance). */
function dilate(mask: Uint8Array, width: number, height: number, d: number): Uint8Array {
  if (d === 0) return mask;
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (let yy = Math.max(0, y - d); yy <= Math.min(height - 1, y + d); yy++) {
        out.fill(1, yy * width + Math.max(0, x - d), yy * width + Math.min(width - 1, x + d) + 1);
      }
    }
  }
  return out;
}

const differ = (a: number, b: number): boolean => a !== b && !(Number.isNaN(a) && Number.isNaN(b));

/**
 * Decodes both files and checks each frame: inside the requested rectangles every sample equals
 * the fill of the redacted image (within 1, or 2 for colour, for jpeg-blocks, whose flat blocks
 * go through an inverse DCT); outside the rectangles the result reports as changed, every sample
 * equals the original decoding. For colour jpeg-blocks, chroma upsampling may move values 1 pixel
 * across a block edge (T.81 A.1.1): that ring is neither required to be the fill nor unchanged.
 */
export async function checkRedaction(
  original: DicomFile,
  redacted: DicomFile,
  request: RedactionRequest,
  result: RedactionResult,
  options: CheckOptions = {},
): Promise<RedactionCheck> {
  const a = openPixels(original);
  const b = openPixels(redacted);
  const { columns, rows, numberOfFrames } = a.format;
  const reasons: string[] = [];
  const requested = rectsPerFrame(request.rects, { columns, rows, frames: numberOfFrames });
  const changed = new Map<number, readonly Rect[]>(result.frames.map((f) => [f.frame, f.rects]));
  const byFrame = new Map(result.frames.map((f) => [f.frame, f.method]));
  let insideChecked = 0;
  let insideWrong = 0;
  let outsideChanged = 0;
  const frames = options.frames ?? Array.from({ length: numberOfFrames }, (_, i) => i);
  if (b.format.numberOfFrames !== numberOfFrames) reasons.push("the number of frames changed");
  for (const i of frames) {
    const fa = await readFrame(a, i);
    const fb = await readFrame(b, i);
    const spp = fb.format.samplesPerPixel;
    if (fa.pixels.length !== fb.pixels.length) {
      reasons.push(`frame ${i}: sample counts differ`);
      continue;
    }
    const jpeg = byFrame.get(i) === "jpeg-blocks";
    const ring = jpeg && spp > 1 ? 1 : 0;
    const inside = rectMask(requested.get(i) ?? [], columns, rows).mask;
    const allowed = dilate(rectMask(changed.get(i) ?? [], columns, rows).mask, columns, rows, ring);
    const fill = fillFor(fb.format, request.fill ?? "auto", redacted.dataset).values;
    const tolerance = jpeg ? (spp > 1 ? 2 : 1) : 0;
    // Pixels of the changed area within `ring` of its edge are excluded from the inside check.
    const core = ring ? dilate(allowed.map((v) => 1 - v), columns, rows, 2 * ring) : undefined;
    let wrongHere = 0;
    let outsideHere = 0;
    for (let p = 0; p < inside.length; p++) {
      if (allowed[p]) {
        if (!inside[p] || core?.[p]) continue;
        for (let c = 0; c < spp; c++) {
          insideChecked++;
          if (!(Math.abs(fb.pixels[p * spp + c] - fill[c]) <= tolerance)) wrongHere++;
        }
      } else {
        for (let c = 0; c < spp; c++) if (differ(fa.pixels[p * spp + c], fb.pixels[p * spp + c])) outsideHere++;
      }
    }
    if (wrongHere) reasons.push(`frame ${i}: ${wrongHere} sample(s) inside are not the fill`);
    if (outsideHere) reasons.push(`frame ${i}: ${outsideHere} sample(s) outside changed`);
    insideWrong += wrongHere;
    outsideChanged += outsideHere;
  }
  return { ok: reasons.length === 0, framesChecked: frames.length, insideChecked, insideWrong, outsideChanged, reasons };
}
