import { DicomError } from "../../core/errors.js";

/** The WebAssembly codec modules dicom-deid loads, by short name. */
export type WasmCodecName = "charls" | "libjpeg-turbo" | "openjpeg" | "openjph";

/** Where the WebAssembly bytes of a codec come from: read from disk in Node, supplied by the page in a browser. */
export type WasmBinarySource = (name: WasmCodecName) => Promise<Uint8Array>;

/** The Emscripten module factory of each codec (imported lazily, so unused codecs cost nothing). */
const FACTORIES: Record<WasmCodecName, () => Promise<{ default: unknown }>> = {
  charls: () => import("@cornerstonejs/codec-charls/wasmjs"),
  "libjpeg-turbo": () => import("@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs"),
  openjpeg: () => import("@cornerstonejs/codec-openjpeg/wasmjs"),
  openjph: () => import("@cornerstonejs/codec-openjph/wasmjs"),
};

let source: WasmBinarySource | undefined;
const loaded = new Map<WasmCodecName, Promise<unknown>>();

/** Sets where WebAssembly bytes come from (call before the first decode; e.g. in a browser bundle). */
export function setWasmBinarySource(next: WasmBinarySource): void {
  source = next;
  loaded.clear();
}

async function binaryOf(name: WasmCodecName): Promise<Uint8Array> {
  if (!source) {
    // Node by default: read the .wasm next to the package, never fetch.
    const { nodeWasmBinary } = await import("./wasm-node.js");
    source = nodeWasmBinary;
  }
  return source(name);
}

function factoryOf(mod: { default: unknown }): (arg: Record<string, unknown>) => Promise<unknown> {
  let f: unknown = mod.default;
  if (typeof f !== "function" && f && typeof (f as { default?: unknown }).default === "function") f = (f as { default: unknown }).default;
  if (typeof f !== "function") throw new DicomError("UNSUPPORTED", "codec module has no factory function");
  return f as (arg: Record<string, unknown>) => Promise<unknown>;
}

async function instantiate(name: WasmCodecName): Promise<unknown> {
  const [mod, wasmBinary] = await Promise.all([FACTORIES[name](), binaryOf(name)]);
  const silent = (): void => {};
  return factoryOf(mod)({
    wasmBinary,
    // The bytes are given, so the module must never look for (or fetch) a file.
    locateFile: (path: string) => path,
    print: silent,
    printErr: silent,
  });
}

/** The instantiated codec module, created once on first use and shared afterwards. */
export function wasmModule<T>(name: WasmCodecName): Promise<T> {
  let p = loaded.get(name);
  if (!p) {
    p = instantiate(name).catch((e: unknown) => {
      loaded.delete(name);
      throw new DicomError("UNSUPPORTED", `codec ${name} could not be loaded: ${e instanceof Error ? e.message : "unknown error"}`);
    });
    loaded.set(name, p);
  }
  return p as Promise<T>;
}

/** Forgets a module after a failure inside it, so the next call starts from a fresh instance. */
export function resetWasmModule(name: WasmCodecName): void {
  loaded.delete(name);
}

/** An embind object that owns WebAssembly memory. */
export interface Deletable {
  delete(): void;
}

/**
 * Runs `work` with a fresh codec object and always frees it. Errors thrown inside the module
 * (C++ exceptions arrive as numbers or strings) become a DicomError with the given code.
 */
export async function withCodecObject<O extends Deletable, R>(
  name: WasmCodecName,
  create: (module: never) => O,
  work: (obj: O) => R,
  code: "DECODE" | "ENCODE",
): Promise<R> {
  const module = await wasmModule<never>(name);
  let obj: O | undefined;
  try {
    obj = create(module);
    return work(obj);
  } catch (e) {
    if (e instanceof DicomError) throw e;
    resetWasmModule(name);
    const what = typeof e === "string" ? e.trim().slice(0, 120) : e instanceof Error ? e.message.slice(0, 120) : "internal error";
    throw new DicomError(code, `${name}: ${code === "DECODE" ? "cannot decode" : "cannot encode"} the frame (${what})`);
  } finally {
    try {
      obj?.delete();
    } catch {
      // The instance is already gone with its module.
    }
  }
}
