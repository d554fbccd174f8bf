import { DicomError } from "../../core/errors.js";
import type { DecodedFrame, PixelFormat } from "../format.js";
import { decodeJpegDctSoftware } from "./jpeg-dct-decoder.js";
import type { JpegHeader } from "./jpeg-header.js";
import { checkDimensions, decodedFrame, toDatasetSamples } from "./samples.js";
import { withCodecObject } from "./wasm.js";

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}
interface TurboDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
interface TurboModule {
  JPEGDecoder: new () => TurboDecoder;
}

/**
 * Whether three-component samples are coded as RGB rather than YCbCr. Signals in the stream
 * decide (JFIF means YCbCr, ITU-T T.871; the Adobe APP14 transform flag; component ids "R","G","B");
 * without any, the dataset's Photometric Interpretation decides, as dcmtk does (PS3.5 8.2.1).
 */
export function jpegCodedAsRgb(header: JpegHeader, photometric: string): boolean {
  if (header.jfif) return false;
  if (header.adobeTransform !== undefined) return header.adobeTransform === 0;
  const ids = header.components.map((c) => c.id).join(",");
  if (ids === "82,71,66") return true;
  return photometric === "RGB";
}

/** True when libjpeg would itself take the stream for RGB (jdapimin.c default_decompress_parms). */
function libjpegSeesRgb(header: JpegHeader): boolean {
  if (header.jfif) return false;
  if (header.adobeTransform !== undefined) return header.adobeTransform === 0;
  return header.components.map((c) => c.id).join(",") === "82,71,66";
}

/** A copy whose component ids are "R","G","B" in SOF and every SOS, so libjpeg skips colour conversion. */
function markAsRgb(frame: Uint8Array, header: JpegHeader): Uint8Array {
  const out = new Uint8Array(frame); // a copy, whatever kind of view the frame is
  const rename = new Map(header.components.map((c, i) => [c.id, [82, 71, 66][i]]));
  let at = 2;
  while (at + 4 <= out.length && out[at] === 0xff) {
    const marker = out[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9) break;
    const length = (out[at + 2] << 8) | out[at + 3];
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      for (let c = 0; c < out[at + 9]; c++) out[at + 10 + 3 * c] = rename.get(out[at + 10 + 3 * c]) ?? out[at + 10 + 3 * c];
    } else if (marker === 0xda) {
      for (let c = 0; c < out[at + 4]; c++) out[at + 5 + 2 * c] = rename.get(out[at + 5 + 2 * c]) ?? out[at + 5 + 2 * c];
      // Skip entropy-coded data to the next marker that is not a stuffed byte or RST.
      at += 2 + length;
      while (at + 1 < out.length && !(out[at] === 0xff && out[at + 1] !== 0x00 && (out[at + 1] < 0xd0 || out[at + 1] > 0xd7))) at++;
      continue;
    }
    at += 2 + length;
  }
  return out;
}

/**
 * Decodes a DCT JPEG frame (baseline, extended or progressive): 8-bit with libjpeg-turbo,
 * 12-bit greyscale with the TypeScript decoder of jpeg-dct-decoder.ts.
 * Three-component output is always RGB: YCbCr-coded streams are converted (so YBR_FULL and
 * YBR_FULL_422 become RGB) and RGB-coded ones are not (see jpegCodedAsRgb).
 */
export async function decodeJpegDct8(frame: Uint8Array, format: PixelFormat, header: JpegHeader): Promise<DecodedFrame> {
  checkDimensions("JPEG", { width: header.width, height: header.height, components: header.components.length }, format);
  if (header.precision === 12) {
    // libjpeg-turbo's 8-bit build cannot do 12-bit: use the TypeScript decoder (greyscale, Huffman).
    if (header.sof !== 0xc0 && header.sof !== 0xc1 && header.sof !== 0xc2) {
      throw new DicomError("UNSUPPORTED", "arithmetic-coded 12-bit JPEG is not supported");
    }
    const { samples } = decodeJpegDctSoftware(frame);
    return decodedFrame(toDatasetSamples(samples, format), format);
  }
  if (header.precision !== 8) {
    throw new DicomError("UNSUPPORTED", `JPEG DCT with ${header.precision}-bit precision is not supported`);
  }
  if (header.components.length !== 1 && header.components.length !== 3) {
    throw new DicomError("UNSUPPORTED", `JPEG with ${header.components.length} components is not supported`);
  }
  const rgb = header.components.length === 3 && jpegCodedAsRgb(header, format.photometric);
  const stream = rgb && !libjpegSeesRgb(header) ? markAsRgb(frame, header) : frame;
  const { info, bytes } = await withCodecObject(
    "libjpeg-turbo",
    (m: TurboModule) => new m.JPEGDecoder(),
    (d) => {
      d.getEncodedBuffer(stream.length).set(stream);
      d.decode();
      return { info: d.getFrameInfo(), bytes: d.getDecodedBuffer().slice() };
    },
    "DECODE",
  );
  checkDimensions("JPEG", { width: info.width, height: info.height, components: info.componentCount }, format);
  const photometric = info.componentCount === 3 ? "RGB" : format.photometric;
  return decodedFrame(toDatasetSamples(bytes, format), format, photometric);
}
