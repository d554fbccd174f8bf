// Block geometry of a sequential DCT JPEG: which 8x8 blocks of which component cover which
// image pixels, given the sampling factors (ITU-T T.81 A.1.1, A.2).
import { parseJpegStructure, type FrameHeader, type JpegStructure } from "./jpeg-structure.js";
import { SOF0 } from "./markers.js";
import { clipRect as clipToImage } from "../rects.js";

/** A rectangle in image pixels: x, y of the top-left corner, w, h its size. */
export interface JpegRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** How the components of a JPEG relate to colours, as far as its markers tell. */
export type JpegColorModel = "gray" | "ycbcr" | "rgb" | "other";

/** Geometry of one component's blocks. */
export interface JpegComponentGeometry {
  readonly id: number;
  /** Sampling factors Hi, Vi. */
  readonly h: number;
  readonly v: number;
  readonly quantTable: number;
  /** Image pixels one block spans horizontally and vertically: 8 * Hmax / Hi, 8 * Vmax / Vi. */
  readonly blockWidth: number;
  readonly blockHeight: number;
  /** Blocks holding image data, per line and per column (T.81 A.2.2). */
  readonly blocksPerLine: number;
  readonly blocksPerColumn: number;
}

/** Geometry of a sequential DCT JPEG, for callers that align rectangles to blocks. */
export interface JpegBlockGeometry {
  readonly width: number;
  readonly height: number;
  /** Sample precision P (8 or 12). */
  readonly precision: number;
  readonly process: "baseline" | "extended";
  readonly maxH: number;
  readonly maxV: number;
  /** Image pixels an interleaved MCU spans: 8 * Hmax by 8 * Vmax. */
  readonly mcuWidth: number;
  readonly mcuHeight: number;
  readonly mcusPerLine: number;
  readonly mcusPerColumn: number;
  /** Restart interval of the first scan, 0 when none. */
  readonly restartInterval: number;
  readonly colorModel: JpegColorModel;
  readonly components: readonly JpegComponentGeometry[];
}

/** Half-open block ranges [x0, x1) x [y0, y1) of one component. */
export interface BlockRange {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** Colour model from APP14 Adobe, JFIF and component identifiers (T.872 6.5.3, T.871 6). */
function colorModelOf(s: JpegStructure): JpegColorModel {
  const comps = s.frame.components;
  if (comps.length === 1) return "gray";
  if (comps.length !== 3) return "other";
  if (s.adobeTransform === 0) return "rgb";
  if (s.adobeTransform === 1 || s.jfif) return "ycbcr";
  // Identifiers 'R', 'G', 'B' mark RGB; anything else is taken as YCbCr (as libjpeg does).
  if (comps[0].id === 0x52 && comps[1].id === 0x47 && comps[2].id === 0x42) return "rgb";
  return "ycbcr";
}

/** Geometry of an already parsed JPEG. */
export function geometryOfStructure(s: JpegStructure): JpegBlockGeometry {
  const f = s.frame;
  return {
    width: f.width,
    height: f.height,
    precision: f.precision,
    process: f.marker === SOF0 ? "baseline" : "extended",
    maxH: f.maxH,
    maxV: f.maxV,
    mcuWidth: 8 * f.maxH,
    mcuHeight: 8 * f.maxV,
    mcusPerLine: f.mcusPerLine,
    mcusPerColumn: f.mcusPerColumn,
    restartInterval: s.scans[0].restartInterval,
    colorModel: colorModelOf(s),
    components: f.components.map((c) => ({
      id: c.id,
      h: c.h,
      v: c.v,
      quantTable: c.quantTable,
      blockWidth: (8 * f.maxH) / c.h,
      blockHeight: (8 * f.maxV) / c.v,
      blocksPerLine: Math.ceil(Math.ceil((f.width * c.h) / f.maxH) / 8),
      blocksPerColumn: Math.ceil(Math.ceil((f.height * c.v) / f.maxV) / 8),
    })),
  };
}

/** Block geometry of a sequential DCT JPEG (MCU size, blocks per line, precision, sampling). */
export function jpegBlockGeometry(jpeg: Uint8Array): JpegBlockGeometry {
  return geometryOfStructure(parseJpegStructure(jpeg));
}

/** The rectangle clipped to the image, with integer bounds; undefined when empty (one implementation for all redaction). */
export const clipRect: (rect: JpegRect, width: number, height: number) => JpegRect | undefined = clipToImage;

/**
 * Blocks of component `c` whose pixel area intersects the clipped rectangle: a block of a
 * component sampled Hi of Hmax spans 8 * Hmax / Hi image pixels (T.81 A.1.1).
 */
export function blocksIntersecting(frame: FrameHeader, c: number, rect: JpegRect): BlockRange {
  const { h, v } = frame.components[c];
  const bw = 8 * frame.maxH;
  const bh = 8 * frame.maxV;
  const perLine = Math.ceil(Math.ceil((frame.width * h) / frame.maxH) / 8);
  const perColumn = Math.ceil(Math.ceil((frame.height * v) / frame.maxV) / 8);
  return {
    x0: Math.floor((rect.x * h) / bw),
    x1: Math.min(perLine, Math.ceil(((rect.x + rect.w) * h) / bw)),
    y0: Math.floor((rect.y * v) / bh),
    y1: Math.min(perColumn, Math.ceil(((rect.y + rect.h) * v) / bh)),
  };
}

/**
 * The smallest rectangle, on block boundaries and clipped to the image, that holds every block
 * redactJpegBlocks changes for `rect` in any component; undefined when the rectangle misses the
 * image. Decoders that smooth chroma upsampling may also change pixels just outside it.
 */
export function blockAlignedRect(geometry: JpegBlockGeometry, rect: JpegRect): JpegRect | undefined {
  const r = clipRect(rect, geometry.width, geometry.height);
  if (!r) return undefined;
  let x0 = r.x;
  let y0 = r.y;
  let x1 = r.x + r.w;
  let y1 = r.y + r.h;
  for (const c of geometry.components) {
    x0 = Math.min(x0, Math.floor(Math.floor(r.x / c.blockWidth) * c.blockWidth));
    y0 = Math.min(y0, Math.floor(Math.floor(r.y / c.blockHeight) * c.blockHeight));
    x1 = Math.max(x1, Math.ceil(Math.ceil((r.x + r.w) / c.blockWidth) * c.blockWidth));
    y1 = Math.max(y1, Math.ceil(Math.ceil((r.y + r.h) / c.blockHeight) * c.blockHeight));
  }
  x1 = Math.min(x1, geometry.width);
  y1 = Math.min(y1, geometry.height);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
