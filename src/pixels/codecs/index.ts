import type { Codec } from "./codec.js";
import { deflateCodec } from "./deflate.js";
import { htj2kCodec } from "./htj2k.js";
import { jpegCodec } from "./jpeg.js";
import { jpegLsCodec } from "./jpeg-ls.js";
import { jpeg2000Codec } from "./jpeg2000.js";
import { encapsulatedUncompressedCodec } from "./native-frame.js";
import { registerCodec } from "./registry.js";
import { rleCodec } from "./rle.js";

export { type Codec, codecIsLossless } from "./codec.js";
export { codecFor, findCodec, registerCodec, registeredTransferSyntaxes, unregisterCodec } from "./registry.js";
export { setWasmBinarySource, type WasmBinarySource, type WasmCodecName } from "./wasm.js";

/** The codecs dicom-deid ships, in registration order. */
export const BUILT_IN_CODECS: readonly Codec[] = [
  rleCodec,
  deflateCodec,
  encapsulatedUncompressedCodec,
  jpegCodec,
  jpegLsCodec,
  jpeg2000Codec,
  htj2kCodec,
];

/** Registers every built-in codec (explicit: importing this module registers nothing by itself). */
export function registerBuiltInCodecs(): void {
  for (const codec of BUILT_IN_CODECS) registerCodec(codec);
}
