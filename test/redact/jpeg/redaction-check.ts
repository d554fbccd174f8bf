// Test-only checks of a block redaction, computed from first principles (not with the
// redactor's own geometry code): which blocks a rectangle touches, which coefficients and
// which decoded pixels may change.
import assert from "node:assert/strict";
import { decodeCoefficients } from "../../../src/redact/jpeg/dct-coefficients.js";
import { parseJpegStructure } from "../../../src/redact/jpeg/jpeg-structure.js";
import type { DecodedImage } from "./helpers.js";

/** A rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Per component, a flag per block (padded MCU grid): does the block's pixel area meet a rectangle? */
export function touchedBlocks(jpeg: Uint8Array, rects: readonly Rect[]): { perLine: number; flags: Uint8Array }[] {
  const { frame } = parseJpegStructure(jpeg);
  return frame.components.map((c) => {
    const perLine = frame.mcusPerLine * c.h;
    const perColumn = frame.mcusPerColumn * c.v;
    const flags = new Uint8Array(perLine * perColumn);
    const bw = (8 * frame.maxH) / c.h;
    const bh = (8 * frame.maxV) / c.v;
    for (let by = 0; by < perColumn; by++) {
      for (let bx = 0; bx < perLine; bx++) {
        const x0 = bx * bw;
        const y0 = by * bh;
        const x1 = Math.min(frame.width, x0 + bw);
        const y1 = Math.min(frame.height, y0 + bh);
        if (x0 >= frame.width || y0 >= frame.height) continue;
        for (const r of rects) {
          const rx0 = Math.max(0, r.x);
          const ry0 = Math.max(0, r.y);
          const rx1 = Math.min(frame.width, r.x + r.w);
          const ry1 = Math.min(frame.height, r.y + r.h);
          if (rx0 < rx1 && ry0 < ry1 && rx0 < x1 && x0 < rx1 && ry0 < y1 && y0 < ry1) flags[by * perLine + bx] = 1;
        }
      }
    }
    return { perLine, flags };
  });
}

/**
 * Asserts that untouched blocks keep every quantized coefficient and touched blocks are flat
 * (all AC zero, one DC per component); returns the DC each component was filled with.
 */
export function assertCoefficients(original: Uint8Array, redacted: Uint8Array, rects: readonly Rect[]): number[] {
  const a = decodeCoefficients(original, parseJpegStructure(original));
  const b = decodeCoefficients(redacted, parseJpegStructure(redacted));
  const touched = touchedBlocks(original, rects);
  return a.map((plane, c) => {
    const pa = plane.coefficients;
    const pb = b[c].coefficients;
    assert.equal(pa.length, pb.length);
    let dc: number | undefined;
    const flags = touched[c].flags;
    for (let blk = 0; blk < flags.length; blk++) {
      const o = blk * 64;
      if (flags[blk]) {
        dc ??= pb[o];
        assert.equal(pb[o], dc, `component ${c} block ${blk}: DC differs from the fill`);
        for (let k = 1; k < 64; k++) assert.equal(pb[o + k], 0, `component ${c} block ${blk}: AC not zero`);
      } else {
        for (let k = 0; k < 64; k++) {
          if (pa[o + k] !== pb[o + k]) assert.fail(`component ${c} block ${blk} coefficient ${k} changed`);
        }
      }
    }
    return dc ?? NaN;
  });
}

/** Pixel mask (1 = inside) of the union of touched blocks, of one component or all. */
export function touchedPixelMask(jpeg: Uint8Array, rects: readonly Rect[], component?: number): Uint8Array {
  const { frame } = parseJpegStructure(jpeg);
  const mask = new Uint8Array(frame.width * frame.height);
  touchedBlocks(jpeg, rects).forEach(({ perLine, flags }, c) => {
    if (component !== undefined && c !== component) return;
    const comp = frame.components[c];
    const bw = (8 * frame.maxH) / comp.h;
    const bh = (8 * frame.maxV) / comp.v;
    for (let blk = 0; blk < flags.length; blk++) {
      if (!flags[blk]) continue;
      const bx = blk % perLine;
      const by = (blk - bx) / perLine;
      for (let y = by * bh; y < Math.min(frame.height, (by + 1) * bh); y++) {
        for (let x = bx * bw; x < Math.min(frame.width, (bx + 1) * bw); x++) mask[y * frame.width + x] = 1;
      }
    }
  });
  return mask;
}

/** Chebyshev distance from (x, y) to the nearest pixel where mask equals `value`; limit + 1 when farther. */
function distanceTo(mask: Uint8Array, width: number, height: number, x: number, y: number, value: number, limit = 16): number {
  for (let d = 0; d <= limit; d++) {
    for (let yy = Math.max(0, y - d); yy <= Math.min(height - 1, y + d); yy++) {
      for (let xx = Math.max(0, x - d); xx <= Math.min(width - 1, x + d); xx++) {
        if (mask[yy * width + xx] === value) return d;
      }
    }
  }
  return limit + 1;
}

/** How the decoded redacted image differs from the decoded original. */
export interface PixelComparison {
  /** Samples that changed outside every touched block. */
  changedOutside: number;
  /** Largest distance in pixels of such a change from the touched blocks. */
  maxSpill: number;
  /** Samples inside filled first-component blocks (at least `margin` px from untouched pixels) that are not the fill. */
  wrongInside: number;
  /** Samples checked inside. */
  checkedInside: number;
}

/** Compares two decodings sample by sample against the touched-block masks. */
export function comparePixels(
  jpeg: Uint8Array,
  before: DecodedImage,
  after: DecodedImage,
  rects: readonly Rect[],
  fill: readonly number[],
  margin: number,
): PixelComparison {
  const { width, height, components: n } = before;
  assert.equal(after.width, width);
  assert.equal(after.height, height);
  const all = touchedPixelMask(jpeg, rects);
  const first = touchedPixelMask(jpeg, rects, 0);
  const out: PixelComparison = { changedOutside: 0, maxSpill: 0, wrongInside: 0, checkedInside: 0 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const inside = first[p] === 1 && (margin === 0 || distanceTo(all, width, height, x, y, 0, margin) > margin);
      for (let c = 0; c < n; c++) {
        const i = p * n + c;
        if (!all[p] && before.pixels[i] !== after.pixels[i]) {
          out.changedOutside++;
          out.maxSpill = Math.max(out.maxSpill, distanceTo(all, width, height, x, y, 1));
        }
        if (inside) {
          out.checkedInside++;
          if (after.pixels[i] !== fill[c]) out.wrongInside++;
        }
      }
    }
  }
  return out;
}
