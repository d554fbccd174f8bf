import { DicomError } from "../core/errors.js";

/** The Image Pixel attributes that say how pixel samples are laid out (PS3.3 C.7.6.3). */
export interface PixelFormat {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: 0 | 1;
  photometric: string;
  planarConfiguration: 0 | 1;
  numberOfFrames: number;
  /** True for Float Pixel Data (7FE0,0008) and Double Float Pixel Data (7FE0,0009). */
  floatingPoint?: boolean;
}

/** Every typed array a frame's samples may come in. */
export type PixelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * One frame as samples: pixel-interleaved (planarConfiguration 0), one array element per
 * sample, in host byte order. `format` describes the frame as decoded, e.g. photometric
 * "RGB" after a JPEG decoder's colour conversion, and numberOfFrames 1.
 */
export interface DecodedFrame {
  pixels: PixelArray;
  format: PixelFormat;
}

/** True for colour frames: several samples per pixel (RGB, YBR), or one indexing a palette (PS3.3 C.7.6.3.1.2, C.7.6.3.1.5). */
export function isColourFormat(format: PixelFormat): boolean {
  return format.samplesPerPixel > 1 || format.photometric.trim().toUpperCase() === "PALETTE COLOR";
}

/** Photometric interpretations whose native encoding shares chroma between two pixels (PS3.3 C.7.6.3.1.2). */
export function isSubsampled422(photometric: string): boolean {
  return photometric === "YBR_FULL_422" || photometric === "YBR_PARTIAL_422";
}

/** Samples per frame as stored natively: YBR_FULL_422 keeps two samples per pixel (PS3.3 C.7.6.3.1.2). */
export function nativeSamplesPerFrame(format: PixelFormat): number {
  const pixels = format.rows * format.columns;
  if (format.samplesPerPixel === 3 && isSubsampled422(format.photometric)) return pixels * 2;
  return pixels * format.samplesPerPixel;
}

/** Bits one native frame occupies; with Bits Allocated 1 frames are not byte-aligned (PS3.5 8.1.1). */
export function frameBitLength(format: PixelFormat): number {
  return nativeSamplesPerFrame(format) * format.bitsAllocated;
}

/** Bytes that hold one native frame on its own (rounded up to whole bytes). */
export function frameByteLength(format: PixelFormat): number {
  return Math.ceil(frameBitLength(format) / 8);
}

/** Bytes that hold all frames of native Pixel Data, before the even-length pad (PS3.5 8.1.1, 7.1.1). */
export function nativeValueLength(format: PixelFormat): number {
  return Math.ceil((frameBitLength(format) * format.numberOfFrames) / 8);
}

/** Samples of one decoded frame (interleaved, full chroma). */
export function decodedSampleCount(format: PixelFormat): number {
  return format.rows * format.columns * format.samplesPerPixel;
}

/** Checks that a format is self-consistent and supported; throws BAD_VALUE or UNSUPPORTED naming the attribute. */
export function validatePixelFormat(format: PixelFormat): void {
  const bad = (attr: string, why: string): never => {
    throw new DicomError("BAD_VALUE", `${attr} ${why}`, { tagPath: attr });
  };
  const whole = (n: number, attr: string, min: number): void => {
    if (!Number.isInteger(n) || n < min) bad(attr, `must be an integer >= ${min}`);
  };
  whole(format.rows, "Rows (0028,0010)", 1);
  whole(format.columns, "Columns (0028,0011)", 1);
  whole(format.numberOfFrames, "NumberOfFrames (0028,0008)", 1);
  if (format.samplesPerPixel !== 1 && format.samplesPerPixel !== 3 && format.samplesPerPixel !== 4) {
    bad("SamplesPerPixel (0028,0002)", "must be 1, 3 or 4");
  }
  const ba = format.bitsAllocated;
  if (format.floatingPoint) {
    if (ba !== 32 && ba !== 64) bad("BitsAllocated (0028,0100)", "must be 32 or 64 for float pixel data");
    return;
  }
  if (ba !== 1 && ba !== 8 && ba !== 16 && ba !== 32) {
    throw new DicomError("UNSUPPORTED", `BitsAllocated ${ba} is not supported (1, 8, 16 or 32)`, {
      tagPath: "BitsAllocated (0028,0100)",
    });
  }
  if (!Number.isInteger(format.bitsStored) || format.bitsStored < 1 || format.bitsStored > ba) {
    bad("BitsStored (0028,0101)", "must be between 1 and Bits Allocated");
  }
  // PS3.5 8.1.1: the stored bits sit below and including High Bit.
  if (!Number.isInteger(format.highBit) || format.highBit < format.bitsStored - 1 || format.highBit >= ba) {
    bad("HighBit (0028,0102)", "must be between Bits Stored - 1 and Bits Allocated - 1");
  }
}
