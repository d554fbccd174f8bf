import { Decoder } from "jpeg-lossless-decoder-js";
import { DicomError } from "../../core/errors.js";
import type { DecodedFrame, PixelFormat } from "../format.js";
import type { JpegHeader } from "./jpeg-header.js";
import { checkDimensions, decodedFrame, toDatasetSamples } from "./samples.js";

/**
 * A copy of the stream with zero bytes between the entropy-coded data and EOI. The decoder
 * reads ahead and drops the last sample when its code ends right at the EOI marker; padding
 * the scan (T.81 F.1.2.3 fills with 1-bits, any trailing bits are ignored) avoids that.
 */
function padBeforeEoi(frame: Uint8Array): Uint8Array {
  let end = frame.length;
  while (end > 2 && frame[end - 1] === 0x00) end--;
  const eoi = end >= 2 && frame[end - 2] === 0xff && frame[end - 1] === 0xd9 ? end - 2 : end;
  const out = new Uint8Array(eoi + 8 + 2);
  out.set(frame.subarray(0, eoi));
  out[eoi + 8] = 0xff;
  out[eoi + 9] = 0xd9;
  return out;
}

/**
 * jpeg-lossless-decoder-js with predictor 7 as T.81 H.1.2.1 defines it: (Ra + Rb) / 2 in integer
 * arithmetic. The library divides in floating point, so when a prediction plus its difference
 * wraps below zero (16-bit samples, signed data) the sample lands one off and the error spreads
 * down the image (a signed CT encoded by dcmcjpeg +el +sv 7: 84% of the samples wrong).
 */
export class LosslessDecoder extends Decoder {
  override select7(compOffset?: number): number {
    // Samples are 0..65535, so the sum fits a 32-bit shift.
    return (this.getPreviousX(compOffset) + this.getPreviousY(compOffset)) >> 1;
  }
}

/**
 * Decodes a JPEG lossless frame (T.81 Annex H, process 14, any predictor) with
 * jpeg-lossless-decoder-js. No colour transform applies, so the photometric interpretation
 * stays as the dataset says.
 */
export function decodeJpegLossless(frame: Uint8Array, format: PixelFormat, header: JpegHeader): DecodedFrame {
  checkDimensions("JPEG lossless", { width: header.width, height: header.height, components: header.components.length }, format);
  if (header.sof !== 0xc3) throw new DicomError("UNSUPPORTED", "arithmetic-coded JPEG lossless is not supported");
  if (header.components.length > 1 && header.precision > 8) {
    throw new DicomError("UNSUPPORTED", `JPEG lossless colour with ${header.precision}-bit samples is not supported`);
  }
  let out: Uint8Array | Uint16Array;
  try {
    const padded = padBeforeEoi(frame);
    out = new LosslessDecoder().decode(padded.buffer as ArrayBuffer, 0, padded.length, header.precision <= 8 ? 1 : 2);
  } catch (e) {
    const what = e instanceof Error ? e.message.slice(0, 80) : "internal error";
    throw new DicomError("DECODE", `JPEG lossless: cannot decode the frame (${what})`);
  }
  return decodedFrame(toDatasetSamples(out, format), format);
}
