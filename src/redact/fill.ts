// The fill of redacted pixels: the darkest value of the image's range, or a requested level.
import { DicomError } from "../core/errors.js";
import type { Dataset } from "../core/dataset.js";
import type { PixelFormat } from "../pixels/format.js";
import { darkestPaletteIndex } from "./palette.js";
import type { FillRequest } from "./types.js";

/** A fill per sample, with a fixed note when a fallback was taken. */
export interface Fill {
  readonly values: number[];
  readonly note?: string;
}

/** Smallest and largest stored value of Bits Stored bits (two's complement when signed, PS3.5 8.1.1). */
export function storedRange(format: Pick<PixelFormat, "bitsStored" | "pixelRepresentation">): { min: number; max: number } {
  const bs = format.bitsStored;
  return format.pixelRepresentation === 1 ? { min: -(2 ** (bs - 1)), max: 2 ** (bs - 1) - 1 } : { min: 0, max: 2 ** bs - 1 };
}

/**
 * The fill of a frame, one value per decoded sample, in the value space of `format` (the format
 * as decoded: e.g. RGB after a JPEG or JPEG 2000 decoder's colour conversion). "auto" is the
 * darkest value (PS3.3 C.7.6.3.1.2): MONOCHROME2 the minimum stored value, MONOCHROME1 the
 * maximum, RGB black, YBR_FULL Y = 0 with neutral chroma, YBR_PARTIAL Y = 16 (scaled to Bits
 * Stored) with neutral chroma, PALETTE COLOR the index whose colour is darkest; float pixel data 0.
 */
export function fillFor(format: PixelFormat, request: FillRequest = "auto", ds?: Dataset): Fill {
  const auto = request === "auto";
  const n = format.samplesPerPixel;
  if (format.floatingPoint) {
    if (!auto && !Number.isFinite(request)) throw new DicomError("BAD_VALUE", 'Argument "fill" must be a finite number');
    return { values: new Array<number>(n).fill(auto ? 0 : request) };
  }
  const { min, max } = storedRange(format);
  if (!auto && (!Number.isInteger(request) || request < min || request > max)) {
    throw new DicomError("BAD_VALUE", `Argument "fill" must be an integer from ${min} to ${max} for this image`);
  }
  const p = format.photometric;
  const mid = 2 ** (format.bitsStored - 1);
  if (n === 1) {
    if (!auto) return { values: [request] };
    if (p === "MONOCHROME1") return { values: [max] };
    if (p === "PALETTE COLOR") {
      const index = ds ? darkestPaletteIndex(ds, format.bitsStored) : undefined;
      if (index !== undefined) return { values: [index] };
      return { values: [0], note: "palette tables unreadable: fill is index 0" };
    }
    return { values: [min] };
  }
  if (p.startsWith("YBR_FULL")) return { values: [auto ? 0 : request, mid, mid] };
  if (p.startsWith("YBR_PARTIAL")) {
    const black = format.bitsStored >= 8 ? 16 * 2 ** (format.bitsStored - 8) : 0;
    return { values: [auto ? black : request, mid, mid] };
  }
  if (p === "RGB") return { values: new Array<number>(n).fill(auto ? 0 : request) };
  return { values: new Array<number>(n).fill(auto ? 0 : request), note: `fill of ${n} zero samples for an unusual photometric interpretation` };
}

/** The Bits Stored bit pattern of a value (two's complement for negative values), as an unsigned number. */
export function storedPattern(value: number, bitsStored: number): number {
  const span = 2 ** bitsStored;
  return ((value % span) + span) % span;
}

/**
 * RGB levels to YCbCr levels of precision P by the JFIF equations (ITU-T T.871 7), rounded and
 * clamped, for filling JPEG blocks coded as YCbCr. Black gives Y = 0, Cb = Cr = 2^(P-1).
 */
export function rgbToYcbcr(rgb: readonly number[], precision: number): number[] {
  const [r, g, b] = rgb;
  const mid = 2 ** (precision - 1);
  const max = 2 ** precision - 1;
  const clamp = (v: number): number => Math.min(max, Math.max(0, Math.round(v)));
  return [
    clamp(0.299 * r + 0.587 * g + 0.114 * b),
    clamp(mid - 0.168736 * r - 0.331264 * g + 0.5 * b),
    clamp(mid + 0.5 * r - 0.418688 * g - 0.081312 * b),
  ];
}
