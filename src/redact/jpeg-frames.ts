// Redaction of JPEG baseline / extended frames (DICOM 4.50, 4.51) in the DCT domain: the 8x8
// blocks that meet a rectangle become flat, every other block keeps its quantized coefficients.
import type { Dataset } from "../core/dataset.js";
import { isDicomError } from "../core/errors.js";
import { jpegCodedAsRgb } from "../pixels/codecs/jpeg-dct.js";
import { readJpegHeader } from "../pixels/codecs/jpeg-header.js";
import { encodedFrame, replaceEncapsulatedFrames, type PixelSource } from "../pixels/image.js";
import { blockAlignedRect, jpegBlockGeometry, redactJpegBlocksDetailed, type JpegColorModel } from "./jpeg/index.js";
import { fillFor, rgbToYcbcr } from "./fill.js";
import { rectMask } from "./rects.js";
import { toStreamFill } from "./stream-fill.js";
import type { FillRequest, Rect } from "./types.js";

/** SOF0 baseline and SOF1 extended sequential Huffman DCT (T.81 B.1.1.3): what redactJpegBlocks handles. */
const SEQUENTIAL_HUFFMAN = new Set([0xc0, 0xc1]);

/** One redacted JPEG frame: pixels of the blocks filled, blocks, block-aligned rectangles. */
export interface JpegFrameRedaction {
  readonly pixels: number;
  readonly blocks: number;
  readonly rects: Rect[];
}

/** What redactJpegFrames did per frame, and the fill as decoded (RGB for three components). */
export interface JpegRedaction {
  readonly frames: Map<number, JpegFrameRedaction>;
  readonly fill: number[];
  readonly notes: string[];
}

/**
 * Redacts the listed frames with redactJpegBlocks and replaces only them. The fill is the
 * darkest colour as decoded (fill.ts), moved into the stream's coding space: YCbCr by the JFIF
 * equations, RGB-coded or greyscale as is. Returns undefined, changing nothing, when a frame is
 * not sequential Huffman DCT (e.g. a mislabelled progressive stream): the caller then decodes.
 */
export function redactJpegFrames(
  src: PixelSource,
  frames: ReadonlyMap<number, readonly Rect[]>,
  fill: FillRequest,
  ds: Dataset,
): JpegRedaction | undefined {
  const replacements = new Map<number, Uint8Array>();
  const out = new Map<number, JpegFrameRedaction>();
  const notes: string[] = [];
  let reported: number[] = [];
  for (const [i, rects] of frames) {
    const jpeg = encodedFrame(src, i);
    const header = readJpegHeader(jpeg);
    const n = header.components.length;
    if (!SEQUENTIAL_HUFFMAN.has(header.sof) || (n !== 1 && n !== 3)) return undefined;
    const colorModel: JpegColorModel = n === 1 ? "gray" : jpegCodedAsRgb(header, src.format.photometric) ? "rgb" : "ycbcr";
    const decodedPhotometric = n === 3 ? "RGB" : src.format.photometric;
    const wanted = fillFor({ ...src.format, photometric: decodedPhotometric }, fill, ds);
    if (wanted.note && !notes.includes(wanted.note)) notes.push(wanted.note);
    reported = wanted.values;
    const stream = { ...src.format, bitsStored: header.precision, highBit: header.precision - 1, pixelRepresentation: 0 as const };
    const levels = colorModel === "ycbcr" ? rgbToYcbcr(wanted.values, header.precision) : toStreamFill(wanted.values, src.format, stream).values;
    let result;
    try {
      result = redactJpegBlocksDetailed(jpeg, rects, { fill: levels, colorModel });
    } catch (e) {
      if (isDicomError(e) && e.code === "UNSUPPORTED") return undefined;
      throw e;
    }
    const geometry = jpegBlockGeometry(jpeg);
    const aligned = rects.map((r) => blockAlignedRect(geometry, r)).filter((r): r is Rect => r !== undefined);
    out.set(i, {
      pixels: rectMask(aligned, src.format.columns, src.format.rows).count,
      blocks: result.blocksFilled.reduce((a, b) => a + b, 0),
      rects: aligned,
    });
    replacements.set(i, result.jpeg);
  }
  replaceEncapsulatedFrames(src, replacements);
  return { frames: out, fill: reported, notes };
}
