/**
 * Renders an output frame the way its original was rendered, so that both look alike where the
 * pixels did not change. Needed because a redaction fill usually lies outside the original's
 * value range (e.g. -32768 in a CT whose values span 0..255): rendered on its own, min-max or
 * "auto", the output would be squeezed into a few grey levels, and text left visible would be
 * hidden from OCR and from the reviewer alike.
 *
 * One-sample frames: each output value is mapped through the original rendering's value-to-pixel
 * table (nearest known value, clamped at the ends); for a fill below the original's minimum that
 * is the darkest level of the rendering. Colour frames need no VOI and are rendered directly.
 */
import type { DicomFile } from "../io/read/read-file.js";
import type { DecodedFrame } from "../pixels/format.js";
import { renderFrame, type RenderOptions } from "../pixels/render/render-frame.js";
import { rendered, type Rendered } from "../pixels/render/rendered.js";

/** Renders `original` and `output` frames with the original's mapping (see the module comment). */
export function renderPair(
  originalFile: DicomFile,
  before: DecodedFrame,
  outputFile: DicomFile,
  after: DecodedFrame,
  options: RenderOptions = {},
): { before: Rendered; after: Rendered } {
  const a = renderFrame(originalFile, before, options);
  if (before.format.samplesPerPixel !== 1 || after.format.samplesPerPixel !== 1 || after.pixels.length !== before.pixels.length) {
    return { before: a, after: renderFrame(outputFile, after, options) };
  }
  return { before: a, after: renderLike(before, a, after) };
}

/** The output frame mapped through the value-to-pixel table of the original's rendering. */
export function renderLike(before: DecodedFrame, beforeRendered: Rendered, after: DecodedFrame): Rendered {
  const c = beforeRendered.channels;
  const n = before.pixels.length;
  const table = new Map<number, number>();
  for (let i = 0; i < n; i++) if (!table.has(before.pixels[i] as number)) table.set(before.pixels[i] as number, i);
  const keys = Float64Array.from(table.keys()).sort();
  const nearest = (v: number): number => {
    let lo = 0;
    let hi = keys.length - 1;
    if (v <= keys[lo]) return keys[lo];
    if (v >= keys[hi]) return keys[hi];
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] <= v) lo = mid;
      else hi = mid;
    }
    return v - keys[lo] <= keys[hi] - v ? keys[lo] : keys[hi];
  };
  const out = new Uint8Array(beforeRendered.data.length);
  const src = beforeRendered.data;
  for (let i = 0; i < n; i++) {
    const v = after.pixels[i] as number;
    const at = v === before.pixels[i] ? i : (table.get(v) ?? table.get(nearest(v))!);
    for (let k = 0; k < c; k++) out[i * c + k] = src[at * c + k];
  }
  return rendered(beforeRendered.width, beforeRendered.height, c, out);
}
