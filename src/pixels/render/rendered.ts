/** An 8-bit rendering of a frame and the mapping from its coordinates back to frame pixels. */

/** An 8-bit image (interleaved RGB when 3 channels) and where it sits on the frame. */
export interface Rendered {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
  /** Rendering pixels per frame pixel: 1, or the factor of `upscale`. */
  scale: number;
  /** Frame pixel coordinates of this rendering's top-left corner: (0, 0) unless cropped. */
  offset: { x: number; y: number };
}

/** A rectangle: left, top, width, height. */
export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A new rendering of a whole frame (scale 1, no offset). */
export function rendered(width: number, height: number, channels: 1 | 3, data: Uint8Array): Rendered {
  return { width, height, channels, data, scale: 1, offset: { x: 0, y: 0 } };
}

/**
 * Maps a box in a rendering's coordinates to frame pixel coordinates, rounded outward to
 * whole pixels so that it covers every frame pixel the box touches.
 */
export function toPixelBox(box: PixelBox, rendering: Pick<Rendered, "scale" | "offset">): PixelBox {
  const s = rendering.scale > 0 ? rendering.scale : 1;
  const eps = 1e-9;
  const x0 = Math.floor(rendering.offset.x + box.x / s + eps);
  const y0 = Math.floor(rendering.offset.y + box.y / s + eps);
  const x1 = Math.ceil(rendering.offset.x + (box.x + box.w) / s - eps);
  const y1 = Math.ceil(rendering.offset.y + (box.y + box.h) / s - eps);
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}
