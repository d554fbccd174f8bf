import { DicomError } from "../../core/errors.js";
import { type DecodedFrame, type PixelFormat, frameByteLength } from "../format.js";
import { nativeFrame, writeNativeFrame } from "../native.js";
import type { Codec } from "./codec.js";

/** Encapsulated Uncompressed Explicit VR Little Endian (PS3.5 A.4): one native frame per fragment. */
export const ENCAPSULATED_UNCOMPRESSED = "1.2.840.10008.1.2.1.98";

/** Reads a standalone native little endian frame (frames on their own start on a byte boundary). */
export function singleNativeFrame(bytes: Uint8Array, format: PixelFormat): DecodedFrame {
  const one = { ...format, numberOfFrames: 1 };
  const need = frameByteLength(one);
  if (bytes.length < need) throw new DicomError("DECODE", `frame holds ${bytes.length} bytes, needs ${need}`);
  return nativeFrame(bytes, one, 0, { littleEndian: true });
}

/** The native little endian bytes of one frame, padded to even length (PS3.5 8.2.16). */
export function nativeFrameBytes(frame: DecodedFrame, format: PixelFormat): Uint8Array {
  const one = { ...format, numberOfFrames: 1 };
  const length = frameByteLength(one);
  const empty = new Uint8Array(length + (length % 2));
  return writeNativeFrame(empty, one, 0, frame.pixels, { littleEndian: true });
}

/** The Encapsulated Uncompressed codec: native frames in fragments. */
export const encapsulatedUncompressedCodec: Codec = {
  name: "encapsulated-uncompressed",
  transferSyntaxes: [ENCAPSULATED_UNCOMPRESSED],
  lossless: true,
  decode: singleNativeFrame,
  encode: async (frame, format) => nativeFrameBytes(frame, format),
  encodedFormat: (format) => ({ ...format }),
};
