/** Brute-force references for the OCR raster filters' tests. */

/** k x k minimum (max false) or maximum around each pixel; outside the image ignored, or read as `outside`. */
export function bruteMinMax(data: Uint8Array, w: number, h: number, k: number, max: boolean, outside?: number): number[] {
  const r = (k - 1) / 2;
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = max ? 0 : 255;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          const inside = yy >= 0 && xx >= 0 && yy < h && xx < w;
          if (!inside && outside === undefined) continue;
          const p = inside ? data[yy * w + xx] : (outside ?? 0);
          v = max ? Math.max(v, p) : Math.min(v, p);
        }
      }
      out.push(v);
    }
  }
  return out;
}
