// Types shared by the pixel redaction modules: rectangles, requests and results.
import type { TransferSyntax } from "../io/transfer-syntax.js";

/** A rectangle in image pixels: x (column), y (row) of the top-left corner, w, h its size. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Rectangles for every frame (an array) or per 0-based frame index (a map). */
export type RectsByFrame = readonly Rect[] | ReadonlyMap<number, readonly Rect[]>;

/**
 * The fill: "auto" (default) is the darkest value of the image's range (see fill.ts); a number
 * is a stored value for greyscale, the palette index for PALETTE COLOR, the luma level for YBR
 * (chroma neutral) and the level of every component for RGB.
 */
export type FillRequest = number | "auto";

/** What to redact in a file. */
export interface RedactionRequest {
  readonly rects: RectsByFrame;
  readonly fill?: FillRequest;
}

/** How one frame was redacted. */
export type RedactionMethod = "native" | "reencoded-lossless" | "jpeg-blocks" | "decoded-to-native";

/** What happened to one frame that holds a rectangle. */
export interface FrameRedaction {
  /** 0-based frame index. */
  readonly frame: number;
  readonly method: RedactionMethod;
  /** Pixels set to the fill (for jpeg-blocks: pixels of the blocks filled, in the largest component grid). */
  readonly pixels: number;
  /** Rectangles actually changed: clipped, widened to pixel pairs (YBR 4:2:2) or to JPEG blocks. */
  readonly rects: readonly Rect[];
  /** jpeg-blocks only: 8x8 blocks set flat, summed over components. */
  readonly blocks?: number;
}

/** The outcome of redactFile: never holds pixel values, only geometry, counts and fixed notes. */
export interface RedactionResult {
  /** False when no rectangle met the image: the pixel data was not touched at all. */
  readonly changed: boolean;
  /** Frames that hold a rectangle, in frame order. */
  readonly frames: readonly FrameRedaction[];
  /** The transfer syntax to write (the file's own unless a lossy syntax was decoded to native). */
  readonly transferSyntax: TransferSyntax;
  /** True when transferSyntax differs from the one the file was read in. */
  readonly transferSyntaxChanged: boolean;
  /** Sum of FrameRedaction.pixels. */
  readonly pixelsChanged: number;
  /** Overlay Data (60xx,3000) bits cleared inside the rectangles. */
  readonly overlayBitsCleared: number;
  /** The fill, one value per decoded sample (stored value space; palette index for PALETTE COLOR). */
  readonly fill: readonly number[];
  /** Fixed explanations of choices made (conversions, widening, fallbacks); never values. */
  readonly notes: readonly string[];
  /** True when the frames were found by their start markers, the Basic Offset Table not fitting (its reason is in notes). */
  readonly tableIgnored?: boolean;
}
