import { DicomError } from "../../core/errors.js";
import type { DecodedFrame, PixelFormat } from "../format.js";
import type { Codec } from "./codec.js";
import { j2kCodestream, readJ2kHeader } from "./j2k-stream.js";
import { checkJ2kEncodable, fillJ2kInput, j2kDecoded, j2kDecompositions, runJ2kDecoder, type J2kFrameInfo } from "./jpeg2000.js";
import { checkDimensions, frameSamples } from "./samples.js";
import { withCodecObject } from "./wasm.js";

/** High-Throughput JPEG 2000 Image Compression (Lossless Only) (PS3.5 A.4). */
export const HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";
/** High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only) (PS3.5 A.4). */
export const HTJ2K_LOSSLESS_RPCL = "1.2.840.10008.1.2.4.202";
/** High-Throughput JPEG 2000 Image Compression (PS3.5 A.4). */
export const HTJ2K = "1.2.840.10008.1.2.4.203";

interface FrameInfo extends J2kFrameInfo {
  isUsingColorTransform: boolean;
}
interface HtDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
interface HtEncoder {
  getDecodedBuffer(info: FrameInfo): Uint8Array;
  setQuality(lossless: boolean, quantizationStep: number): void;
  setDecompositions(n: number): void;
  setProgressionOrder(order: number): void;
  setTLMMarker(on: boolean): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}
interface OpenJphModule {
  HTJ2KDecoder: new () => HtDecoder;
  HTJ2KEncoder: new () => HtEncoder;
}

/** Decodes one HTJ2K frame (bare codestream or JP2-wrapped) with OpenJPH. */
export async function decodeHtj2k(frame: Uint8Array, format: PixelFormat): Promise<DecodedFrame> {
  const stream = j2kCodestream(frame);
  const header = readJ2kHeader(stream);
  checkDimensions("HTJ2K", { width: header.width, height: header.height, components: header.components }, format);
  if (!header.uniform) throw new DicomError("UNSUPPORTED", "HTJ2K with subsampled or mixed components is not supported");
  if (header.precision > 16) throw new DicomError("UNSUPPORTED", `HTJ2K with ${header.precision}-bit samples is not supported`);
  if (header.precision <= 8 && header.signed) throw new DicomError("UNSUPPORTED", "signed 8-bit HTJ2K is not supported");
  const { info, bytes } = await withCodecObject(
    "openjph",
    (m: OpenJphModule) => new m.HTJ2KDecoder(),
    (d) => runJ2kDecoder(d, stream),
    "DECODE",
  );
  return j2kDecoded("HTJ2K", info, bytes, format);
}

/**
 * Encodes one frame as a reversible HTJ2K codestream (RPCL, as 4.202 requires) with OpenJPH.
 * The reversible colour transform is used only when the dataset says YBR_RCT (or YBR_ICT, which
 * becomes YBR_RCT), so RGB stays RGB. TLM markers are written for 4.202 (PS3.5 A.4).
 */
export async function encodeHtj2k(frame: DecodedFrame, format: PixelFormat): Promise<Uint8Array> {
  const src = frameSamples(frame, format);
  const { bits, signed } = checkJ2kEncodable("HTJ2K", format);
  if (format.samplesPerPixel > 1 && bits > 8) throw new DicomError("UNSUPPORTED", "HTJ2K colour encoding needs 8-bit samples");
  const transform = format.samplesPerPixel === 3 && (format.photometric === "YBR_RCT" || format.photometric === "YBR_ICT");
  return withCodecObject(
    "openjph",
    (m: OpenJphModule) => new m.HTJ2KEncoder(),
    (e) => {
      const info = {
        width: format.columns,
        height: format.rows,
        bitsPerSample: bits,
        componentCount: format.samplesPerPixel,
        isSigned: signed,
        isUsingColorTransform: transform,
      };
      fillJ2kInput(e.getDecodedBuffer(info), src, bits, signed);
      e.setQuality(true, 0);
      e.setDecompositions(j2kDecompositions(format));
      e.setProgressionOrder(2);
      e.setTLMMarker(true);
      e.encode();
      return e.getEncodedBuffer().slice();
    },
    "ENCODE",
  );
}

/** The HTJ2K codec (OpenJPH WebAssembly): decode all three syntaxes, encode lossless. */
export const htj2kCodec: Codec = {
  name: "htj2k",
  transferSyntaxes: [HTJ2K_LOSSLESS, HTJ2K_LOSSLESS_RPCL, HTJ2K],
  lossless: { [HTJ2K_LOSSLESS]: true, [HTJ2K_LOSSLESS_RPCL]: true, [HTJ2K]: false },
  decode: decodeHtj2k,
  encode: encodeHtj2k,
  encodedFormat: (format) => ({
    ...format,
    planarConfiguration: 0,
    photometric: format.photometric === "YBR_ICT" ? "YBR_RCT" : format.photometric,
  }),
};
