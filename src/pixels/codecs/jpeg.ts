import { DicomError } from "../../core/errors.js";
import type { DecodedFrame, PixelFormat } from "../format.js";
import type { Codec } from "./codec.js";
import { decodeJpegDct8 } from "./jpeg-dct.js";
import { isDctSof, isLosslessSof, readJpegHeader } from "./jpeg-header.js";
import { decodeJpegLossless } from "./jpeg-lossless.js";

/** JPEG Baseline (Process 1) (PS3.5 A.4.1). */
export const JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
/** JPEG Extended (Process 2 & 4) (PS3.5 A.4.1). */
export const JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
/** JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired). */
export const JPEG_SPECTRAL = "1.2.840.10008.1.2.4.53";
/** JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired). */
export const JPEG_PROGRESSIVE = "1.2.840.10008.1.2.4.55";
/** JPEG Lossless, Non-Hierarchical (Process 14) (PS3.5 A.4.1). */
export const JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
/** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [SV1]) (PS3.5 A.4.1). */
export const JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";

/**
 * Decodes one JPEG frame, choosing the decoder from the frame's own SOF marker rather than the
 * transfer syntax (files in the wild mislabel the process): lossless SOF3 via
 * jpeg-lossless-decoder-js, 8-bit DCT via libjpeg-turbo, 12-bit DCT (greyscale) in TypeScript.
 */
export async function decodeJpeg(frame: Uint8Array, format: PixelFormat): Promise<DecodedFrame> {
  const header = readJpegHeader(frame);
  if (isLosslessSof(header.sof)) return decodeJpegLossless(frame, format, header);
  if (isDctSof(header.sof)) return decodeJpegDct8(frame, format, header);
  throw new DicomError("UNSUPPORTED", `JPEG process with SOF marker 0xFF${header.sof.toString(16).toUpperCase()} is not supported`);
}

/** The JPEG codec for processes 1, 2/4, 6/8, 10/12 and 14 (decode only; encoding lives elsewhere). */
export const jpegCodec: Codec = {
  name: "jpeg",
  transferSyntaxes: [JPEG_BASELINE, JPEG_EXTENDED, JPEG_SPECTRAL, JPEG_PROGRESSIVE, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1],
  lossless: {
    [JPEG_BASELINE]: false,
    [JPEG_EXTENDED]: false,
    [JPEG_SPECTRAL]: false,
    [JPEG_PROGRESSIVE]: false,
    [JPEG_LOSSLESS]: true,
    [JPEG_LOSSLESS_SV1]: true,
  },
  decode: decodeJpeg,
};
