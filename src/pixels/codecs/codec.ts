import type { DecodedFrame, PixelFormat } from "../format.js";

/**
 * A pixel codec for one or more transfer syntaxes. `decode` takes one frame's encoded
 * bytes and the dataset's pixel format; `encode` takes a decoded frame and the format the
 * dataset will declare, and returns the frame's encoded bytes.
 */
export interface Codec {
  /** Short name used in diagnostics, e.g. "rle". */
  readonly name: string;
  /** Transfer syntax UIDs this codec handles. */
  readonly transferSyntaxes: readonly string[];
  /** Whether decode(encode(x)) equals x; a record when it differs per transfer syntax. */
  readonly lossless: boolean | Readonly<Record<string, boolean>>;
  /** Decodes one frame to pixel-interleaved samples. */
  decode(frame: Uint8Array, format: PixelFormat): Promise<DecodedFrame> | DecodedFrame;
  /** Encodes one frame (lossless where the codec can); absent when the codec cannot encode. */
  encode?(frame: DecodedFrame, format: PixelFormat): Promise<Uint8Array>;
  /** Image Pixel attributes the dataset must declare for frames this codec encodes (e.g. YBR_RCT). */
  encodedFormat?(format: PixelFormat): PixelFormat;
}

/** Whether the codec is lossless for the given transfer syntax. */
export function codecIsLossless(codec: Codec, transferSyntaxUid: string): boolean {
  return typeof codec.lossless === "boolean" ? codec.lossless : codec.lossless[transferSyntaxUid] === true;
}
