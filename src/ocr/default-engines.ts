/**
 * Explicit registration of the built-in OCR engines: "tesseract.js" (default, WebAssembly,
 * bundled language data) and "tesseract-cli" (native binary, optional).
 */
import { registerOcrEngine } from "./engine.js";
import { createTesseractCliEngine, type TesseractCliOptions } from "./tesseract-cli.js";
import { createTesseractJsEngine, type TesseractJsOptions } from "./tesseract-js.js";

/** Name of the engine used when none is chosen. */
export const DEFAULT_OCR_ENGINE = "tesseract.js";

/** Registers the built-in engines under "tesseract.js" and "tesseract-cli". */
export function registerDefaultOcrEngines(): void {
  registerOcrEngine("tesseract.js", (options) => createTesseractJsEngine(options as TesseractJsOptions));
  registerOcrEngine("tesseract-cli", (options) => createTesseractCliEngine(options as TesseractCliOptions));
}
