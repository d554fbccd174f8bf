/**
 * Renders one decoded frame to 8 bits for OCR and review: the grayscale pipeline (modality
 * transform, VOI transform, MONOCHROME1 inversion; PS3.3 C.11), palettes, and colour.
 */
import { DicomError } from "../../core/errors.js";
import type { DicomFile } from "../../io/read/read-file.js";
import type { DecodedFrame } from "../format.js";
import { brightestChannel, luma, toRgb8 } from "./colour.js";
import { frameDisplay } from "./display-attributes.js";
import { greyBytes, type VoiChoice } from "./grey.js";
import { applyPalette, readPalette } from "./palette.js";
import { type Rendered, rendered } from "./rendered.js";
import { asSigned, j2kSignedDespiteHeader } from "./j2k-sign.js";

export type { VoiChoice } from "./grey.js";

/** Options of `renderFrame`. */
export interface RenderOptions {
  /** Zero-based frame number in the file, for per-frame functional groups. Default 0. */
  frameIndex?: number;
  /** Grayscale mapping; default "auto". Ignored for colour. */
  voi?: VoiChoice;
  /** One channel (BT.601 luma) even for colour images. Default false. */
  grayscale?: boolean;
  /** How `grayscale` makes one channel of colour: "luma" (default) or "brightest" (the largest of R, G, B). */
  greyOfColour?: "luma" | "brightest";
}

/** Renders a decoded frame of `file` to an 8-bit image: 1 channel for grayscale, else 3 (RGB). */
export function renderFrame(file: DicomFile, frame: DecodedFrame, options: RenderOptions = {}): Rendered {
  const f = frame.format;
  const count = f.rows * f.columns;
  if (!(count > 0) || frame.pixels.length < count * f.samplesPerPixel) {
    throw new DicomError("BAD_VALUE", `decoded frame holds ${frame.pixels.length} samples, ${count * f.samplesPerPixel} expected`);
  }
  const photometric = f.photometric.trim().toUpperCase();
  const colour = (rgb: Uint8Array): Rendered =>
    options.grayscale ? rendered(f.columns, f.rows, 1, options.greyOfColour === "brightest" ? brightestChannel(rgb) : luma(rgb)) : rendered(f.columns, f.rows, 3, rgb);
  if (f.samplesPerPixel === 3) return colour(toRgb8(frame.pixels, count, photometric, f.bitsStored));
  if (f.samplesPerPixel !== 1) {
    throw new DicomError("UNSUPPORTED", `rendering ${f.samplesPerPixel} samples per pixel is not supported`, { tagPath: "SamplesPerPixel (0028,0002)" });
  }
  if (photometric === "PALETTE COLOR") {
    const palette = readPalette(file.dataset, { signedInput: f.pixelRepresentation === 1 });
    return colour(applyPalette(frame.pixels, count, palette));
  }
  const wrapped = f.pixelRepresentation === 0 && j2kSignedDespiteHeader(file, options.frameIndex);
  const pixels = wrapped ? asSigned(frame.pixels, f.bitsStored) : frame.pixels;
  const display = frameDisplay(file.dataset, {
    frameIndex: options.frameIndex,
    signed: f.pixelRepresentation === 1 || wrapped,
    floatingPoint: f.floatingPoint,
  });
  // PS3.3 C.7.6.3.1.2: MONOCHROME1 shows the minimum as white; a Presentation LUT Shape,
  // when present, says the same thing explicitly (INVERSE for MONOCHROME1, C.8.11.6.1.2).
  const invert = display.presentationShape ? display.presentationShape === "INVERSE" : photometric === "MONOCHROME1";
  const data = greyBytes(pixels, count, { display, voi: options.voi ?? "auto", invert, integer: !f.floatingPoint });
  return rendered(f.columns, f.rows, 1, data);
}
