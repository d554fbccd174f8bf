// Node adapter: reads a codec's .wasm file from its installed package (no network).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { WasmCodecName } from "./wasm.js";

const require = createRequire(import.meta.url);

const FILES: Record<WasmCodecName, string> = {
  charls: "@cornerstonejs/codec-charls/wasm",
  "libjpeg-turbo": "@cornerstonejs/codec-libjpeg-turbo-8bit/wasm",
  openjpeg: "@cornerstonejs/codec-openjpeg/wasm",
  openjph: "@cornerstonejs/codec-openjph/wasm",
};

/** Reads the WebAssembly bytes of a codec from node_modules. */
export async function nodeWasmBinary(name: WasmCodecName): Promise<Uint8Array> {
  return new Uint8Array(await readFile(require.resolve(FILES[name])));
}
