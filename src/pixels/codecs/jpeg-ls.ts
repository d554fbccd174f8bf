import { DicomError } from "../../core/errors.js";
import type { DecodedFrame, PixelFormat } from "../format.js";
import type { Codec } from "./codec.js";
import { checkDimensions, decodedFrame, frameSamples, planarToInterleaved, samples16, toDatasetSamples } from "./samples.js";
import { withCodecObject } from "./wasm.js";

/** JPEG-LS Lossless (PS3.5 A.4.3). */
export const JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
/** JPEG-LS Lossy (Near-Lossless) (PS3.5 A.4.3). */
export const JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}
interface CharlsDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getInterleaveMode(): number;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
interface CharlsEncoder {
  getDecodedBuffer(info: FrameInfo): Uint8Array;
  setNearLossless(near: number): void;
  setInterleaveMode(mode: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}
interface CharlsModule {
  JpegLSDecoder: new () => CharlsDecoder;
  JpegLSEncoder: new () => CharlsEncoder;
}

/** Decodes one JPEG-LS frame (ITU-T T.87) with CharLS; planar (ILV 0) colour comes back interleaved. */
export async function decodeJpegLs(frame: Uint8Array, format: PixelFormat): Promise<DecodedFrame> {
  const { info, ilv, bytes } = await withCodecObject(
    "charls",
    (m: CharlsModule) => new m.JpegLSDecoder(),
    (d) => {
      d.getEncodedBuffer(frame.length).set(frame);
      d.decode();
      return { info: d.getFrameInfo(), ilv: d.getInterleaveMode(), bytes: d.getDecodedBuffer().slice() };
    },
    "DECODE",
  );
  checkDimensions("JPEG-LS", { width: info.width, height: info.height, components: info.componentCount }, format);
  let raw = info.bitsPerSample <= 8 ? new Uint8Array(bytes.buffer, 0, bytes.length) : samples16(bytes, false);
  if (info.componentCount > 1 && ilv === 0) raw = planarToInterleaved(raw, info.width * info.height, info.componentCount);
  return decodedFrame(toDatasetSamples(raw, format), format);
}

/** Encodes one frame as lossless JPEG-LS (NEAR 0, sample-interleaved); precision is Bits Stored. */
export async function encodeJpegLs(frame: DecodedFrame, format: PixelFormat): Promise<Uint8Array> {
  const src = frameSamples(frame, format);
  const bits = format.bitsStored;
  if (bits < 2 || bits > 16 || format.bitsAllocated > 16) {
    throw new DicomError("UNSUPPORTED", `JPEG-LS cannot encode Bits Stored ${bits}`, { tagPath: "BitsStored (0028,0101)" });
  }
  const span = 2 ** bits;
  return withCodecObject(
    "charls",
    (m: CharlsModule) => new m.JpegLSEncoder(),
    (e) => {
      const info = { width: format.columns, height: format.rows, bitsPerSample: bits, componentCount: format.samplesPerPixel };
      const buf = e.getDecodedBuffer(info);
      // T.87 has no sign: signed samples are stored as their Bits Stored two's complement pattern.
      if (bits <= 8) {
        for (let i = 0; i < src.length; i++) buf[i] = src[i] < 0 ? src[i] + span : src[i];
      } else {
        const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
        for (let i = 0; i < src.length; i++) dv.setUint16(i * 2, src[i] < 0 ? src[i] + span : src[i], true);
      }
      e.setNearLossless(0);
      if (format.samplesPerPixel > 1) e.setInterleaveMode(2);
      e.encode();
      return e.getEncodedBuffer().slice();
    },
    "ENCODE",
  );
}

/** The JPEG-LS codec (CharLS WebAssembly): decode both syntaxes, encode lossless. */
export const jpegLsCodec: Codec = {
  name: "jpeg-ls",
  transferSyntaxes: [JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS],
  lossless: { [JPEG_LS_LOSSLESS]: true, [JPEG_LS_NEAR_LOSSLESS]: false },
  decode: decodeJpegLs,
  encode: encodeJpegLs,
  encodedFormat: (format) => ({ ...format, planarConfiguration: 0 }),
};
