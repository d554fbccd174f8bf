import { DicomError } from "../../core/errors.js";
import type { DecodedFrame, PixelFormat } from "../format.js";
import type { Codec } from "./codec.js";
import { j2kCodestream, readJ2kHeader } from "./j2k-stream.js";
import { checkDimensions, decodedFrame, frameSamples, samples16, toDatasetSamples } from "./samples.js";
import { withCodecObject } from "./wasm.js";

/** JPEG 2000 Image Compression (Lossless Only) (PS3.5 A.4.4). */
export const JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
/** JPEG 2000 Image Compression (PS3.5 A.4.4). */
export const JPEG_2000 = "1.2.840.10008.1.2.4.91";
/** JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only) (PS3.5 A.4.4). */
export const JPEG_2000_MC_LOSSLESS = "1.2.840.10008.1.2.4.92";
/** JPEG 2000 Part 2 Multi-component Image Compression (PS3.5 A.4.4). */
export const JPEG_2000_MC = "1.2.840.10008.1.2.4.93";

/** Frame description the OpenJPEG and OpenJPH codec objects share. */
export interface J2kFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}
type FrameInfo = J2kFrameInfo;
interface J2kDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
interface J2kEncoder {
  getDecodedBuffer(info: FrameInfo): Uint8Array;
  setDecompositions(n: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}
interface OpenJpegModule {
  J2KDecoder: new () => J2kDecoder;
  J2KEncoder: new () => J2kEncoder;
}

/**
 * The photometric interpretation of decoded JPEG 2000 samples: the decoder undoes the
 * component transform, so YBR_RCT / YBR_ICT data comes out as RGB (PS3.5 A.4.4, PS3.3 C.7.6.3.1.2).
 */
export function j2kDecodedPhotometric(photometric: string): string {
  return photometric === "YBR_RCT" || photometric === "YBR_ICT" ? "RGB" : photometric;
}

/** Wavelet levels that fit the image: T.800 needs 2^levels <= the smaller side; at most 5. */
export function j2kDecompositions(format: PixelFormat): number {
  const side = Math.min(format.rows, format.columns);
  return Math.max(0, Math.min(5, Math.floor(Math.log2(side))));
}

/** Decodes one JPEG 2000 frame (bare codestream or JP2-wrapped) with OpenJPEG. */
export async function decodeJpeg2000(frame: Uint8Array, format: PixelFormat): Promise<DecodedFrame> {
  const stream = j2kCodestream(frame);
  const header = readJ2kHeader(stream);
  checkDimensions("JPEG 2000", { width: header.width, height: header.height, components: header.components }, format);
  if (header.offsetX !== 0 || header.offsetY !== 0) throw new DicomError("UNSUPPORTED", "JPEG 2000 image offset is not supported");
  if (!header.uniform) throw new DicomError("UNSUPPORTED", "JPEG 2000 with subsampled or mixed components is not supported");
  if (header.components > 1 && header.precision > 8) {
    throw new DicomError("UNSUPPORTED", `JPEG 2000 colour with ${header.precision}-bit samples is not supported`);
  }
  if (header.precision > 16) throw new DicomError("UNSUPPORTED", `JPEG 2000 with ${header.precision}-bit samples is not supported`);
  if (header.precision <= 8 && header.signed) throw new DicomError("UNSUPPORTED", "signed 8-bit JPEG 2000 is not supported");
  const { info, bytes } = await withCodecObject(
    "openjpeg",
    (m: OpenJpegModule) => new m.J2KDecoder(),
    (d) => runJ2kDecoder(d, stream),
    "DECODE",
  );
  return j2kDecoded("JPEG 2000", info, bytes, format);
}

/** Runs a JPEG 2000 family decoder object over one codestream (shared with HTJ2K). */
export function runJ2kDecoder(d: Pick<J2kDecoder, "getEncodedBuffer" | "decode" | "getFrameInfo" | "getDecodedBuffer">, stream: Uint8Array): { info: J2kFrameInfo; bytes: Uint8Array } {
  d.getEncodedBuffer(stream.length).set(stream);
  d.decode();
  return { info: d.getFrameInfo(), bytes: d.getDecodedBuffer().slice() };
}

/** Writes samples into a JPEG 2000 family encoder's input buffer: bytes, or 16-bit little-endian words (shared with HTJ2K). */
export function fillJ2kInput(buf: Uint8Array, src: ArrayLike<number>, bits: number, signed: boolean): void {
  if (bits <= 8) {
    buf.set(src);
    return;
  }
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  for (let i = 0; i < src.length; i++) {
    if (signed) dv.setInt16(i * 2, src[i], true);
    else dv.setUint16(i * 2, src[i], true);
  }
}

/** Turns a JPEG 2000 family decoder's output into dataset samples (shared with HTJ2K). */
export function j2kDecoded(codec: string, info: J2kFrameInfo, bytes: Uint8Array, format: PixelFormat): DecodedFrame {
  checkDimensions(codec, { width: info.width, height: info.height, components: info.componentCount }, format);
  const raw = info.bitsPerSample <= 8 ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : samples16(bytes, info.isSigned);
  return decodedFrame(toDatasetSamples(raw, format), format, j2kDecodedPhotometric(format.photometric));
}

/** Refuses what the JPEG 2000 family encoders cannot write losslessly (shared with HTJ2K). */
export function checkJ2kEncodable(codec: string, format: PixelFormat): { bits: number; signed: boolean } {
  const bits = format.bitsStored;
  const signed = format.pixelRepresentation === 1;
  if (bits > 16 || format.bitsAllocated > 16 || (signed && bits <= 8)) {
    throw new DicomError("UNSUPPORTED", `${codec} encoding of ${signed ? "signed " : ""}${bits}-bit samples is not supported`);
  }
  return { bits, signed };
}

/**
 * Encodes one frame as a reversible (lossless) JPEG 2000 codestream with OpenJPEG, precision
 * Bits Stored. Colour is RGB 8-bit only and always uses the reversible colour transform,
 * so the dataset must then say YBR_RCT (see encodedFormat).
 */
export async function encodeJpeg2000(frame: DecodedFrame, format: PixelFormat): Promise<Uint8Array> {
  const src = frameSamples(frame, format);
  const { bits, signed } = checkJ2kEncodable("JPEG 2000", format);
  if (format.samplesPerPixel > 1 && (bits > 8 || frame.format.photometric !== "RGB")) {
    throw new DicomError("UNSUPPORTED", "JPEG 2000 colour encoding needs 8-bit RGB samples");
  }
  return withCodecObject(
    "openjpeg",
    (m: OpenJpegModule) => new m.J2KEncoder(),
    (e) => {
      const info = { width: format.columns, height: format.rows, bitsPerSample: bits, componentCount: format.samplesPerPixel, isSigned: signed };
      fillJ2kInput(e.getDecodedBuffer(info), src, bits, signed);
      e.setDecompositions(j2kDecompositions(format));
      e.encode();
      return e.getEncodedBuffer().slice();
    },
    "ENCODE",
  );
}

/** The JPEG 2000 codec (OpenJPEG WebAssembly): decode all four syntaxes, encode lossless. */
export const jpeg2000Codec: Codec = {
  name: "jpeg2000",
  transferSyntaxes: [JPEG_2000_LOSSLESS, JPEG_2000, JPEG_2000_MC_LOSSLESS, JPEG_2000_MC],
  lossless: { [JPEG_2000_LOSSLESS]: true, [JPEG_2000]: false, [JPEG_2000_MC_LOSSLESS]: true, [JPEG_2000_MC]: false },
  decode: decodeJpeg2000,
  encode: encodeJpeg2000,
  // PS3.5 A.4.4: a reversible colour transform makes the photometric interpretation YBR_RCT.
  encodedFormat: (format) => ({
    ...format,
    planarConfiguration: 0,
    photometric: format.samplesPerPixel === 3 ? "YBR_RCT" : format.photometric,
  }),
};
