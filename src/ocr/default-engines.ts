/**
 * Explicit registration of the built-in OCR engines: "tesseract.js" (WebAssembly, bundled
 * language data), "tesseract-cli" (native binary, optional, same bundled data) and "auto"
 * (the native one where a tesseract 4+ runs, else tesseract.js).
 */
import { registerOcrEngine, type OcrEngine, type OcrEngineOptions } from "./engine.js";
import { createTesseractCliEngine, nativeTesseractUsable, type TesseractCliOptions } from "./tesseract-cli.js";
import type { TesseractJsOptions } from "./tesseract-js.js";

/** tesseract.js is loaded only when it is used (start-up time). */
async function createTesseractJs(options: OcrEngineOptions): Promise<OcrEngine> {
  return (await import("./tesseract-js.js")).createTesseractJsEngine(options as TesseractJsOptions);
}

export { DEFAULT_OCR_ENGINE } from "./engine.js";

/**
 * The engine "auto" stands for: "tesseract-cli" where a native tesseract 4 or later runs (it reads
 * our stacks about 1.6 times as fast, with the same model), else "tesseract.js". Other names are
 * returned as they are.
 */
export async function resolveOcrEngine(name: string): Promise<string> {
  if (name !== "auto") return name;
  return (await nativeTesseractUsable()) ? "tesseract-cli" : "tesseract.js";
}

/** Registers the built-in engines under "tesseract.js", "tesseract-cli" and "auto". */
export function registerDefaultOcrEngines(): void {
  registerOcrEngine("tesseract.js", createTesseractJs);
  registerOcrEngine("tesseract-cli", (options) => createTesseractCliEngine(options as TesseractCliOptions));
  registerOcrEngine("auto", async (options) => ((await nativeTesseractUsable()) ? createTesseractCliEngine(options as TesseractCliOptions) : createTesseractJs(options)));
}
