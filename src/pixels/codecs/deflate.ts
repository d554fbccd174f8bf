import { deflateRawSync, inflateRawSync } from "node:zlib";
import { DicomError } from "../../core/errors.js";
import { type DecodedFrame, type PixelFormat, frameByteLength } from "../format.js";
import type { Codec } from "./codec.js";
import { nativeFrameBytes, singleNativeFrame } from "./native-frame.js";

/** Deflated Image Frame Compression (PS3.5 A.4.13, 8.2.16). */
export const DEFLATED_IMAGE_FRAME = "1.2.840.10008.1.2.8.1";

/** PS3.5 8.2.16: each frame is raw Deflate (RFC 1951, no zlib header) of its native little endian bytes. */
export function decodeDeflatedFrame(frame: Uint8Array, format: PixelFormat): DecodedFrame {
  const expected = frameByteLength(format);
  let bytes: Uint8Array;
  try {
    // Bounded output: a hostile stream cannot inflate past the frame (plus its pad byte).
    bytes = new Uint8Array(inflateRawSync(frame, { maxOutputLength: expected + 2 }));
  } catch {
    throw new DicomError("DECODE", `deflated frame does not inflate to ${expected} bytes`);
  }
  return singleNativeFrame(bytes, format);
}

/** Deflates one frame's native little endian bytes (level 6). */
export function encodeDeflatedFrame(frame: DecodedFrame, format: PixelFormat): Uint8Array {
  return new Uint8Array(deflateRawSync(nativeFrameBytes(frame, format)));
}

/** The Deflated Image Frame Compression codec (node:zlib). */
export const deflateCodec: Codec = {
  name: "deflate",
  transferSyntaxes: [DEFLATED_IMAGE_FRAME],
  lossless: true,
  decode: decodeDeflatedFrame,
  encode: async (frame, format) => encodeDeflatedFrame(frame, format),
  encodedFormat: (format) => ({ ...format }),
};
