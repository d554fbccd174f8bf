/**
 * OCR engine interface and the registry of engines by name.
 *
 * Engines are adapters (tesseract.js, native tesseract CLI, ...) that turn an 8-bit raster into
 * words with boxes in the coordinates of the raster they were given. Registration is explicit:
 * nothing registers itself on import (see `registerDefaultOcrEngines`).
 */

/**
 * Name of the engine used when none is chosen (`deidentify`, the residual check of `eval`):
 * tesseract.js, whose reads the layout rules were measured on (the native engine, faster, hides
 * the same values on overlay-phi but 1-3 fewer per synthetic set), and the same on every machine
 * whatever is installed.
 */
export const DEFAULT_OCR_ENGINE = "tesseract.js";

/** Axis-aligned box in pixels: left, top, width, height. */
export interface OcrBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Area two boxes share (0 when they do not meet). */
export function overlapArea(a: OcrBox, b: OcrBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** One recognised word: its text, confidence 0-100 and box in the coordinates of the image given. */
export interface OcrWord {
  text: string;
  /** Engine confidence, 0-100. */
  confidence: number;
  box: OcrBox;
  /**
   * Line index: within the engine result (unique per result, not per block) for an engine's own
   * words; the index into `OcrFrameResult.lines` for words returned by `ocrFrame` / `ocrImage`.
   */
  line?: number;
  /** Block index within the engine result. */
  block?: number;
}

/** An 8-bit raster, rows top to bottom, channels interleaved (1 grey, 3 RGB, 4 RGBA). */
export interface OcrImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

/** Tesseract page segmentation modes an engine may honour (3 auto, 6 block, 7 line, 11 sparse, ...). */
export type PageSegMode = 3 | 4 | 6 | 7 | 8 | 11 | 12 | 13;

/** Per-call recognition options. */
export interface RecognizeOptions {
  /** Page segmentation mode; engine default (usually 3) when omitted. */
  psm?: PageSegMode;
  /** Only these characters may be recognised. */
  whitelist?: string;
  /** Resolution hint in dots per inch (tesseract guesses from glyph sizes otherwise). */
  dpi?: number;
  /** Extra engine variables (tesseract: e.g. { thresholding_method: "2" }); unknown ones are ignored. */
  variables?: Record<string, string>;
}

/** An OCR engine: recognise words in a raster; `close` frees workers or processes. */
export interface OcrEngine {
  readonly name: string;
  /** Number of recognitions the engine can run at the same time (pool size). */
  readonly concurrency: number;
  recognize(image: OcrImage, options?: RecognizeOptions): Promise<OcrWord[]>;
  close(): Promise<void>;
}

/** Options common to all engines; adapters accept their own extras. */
export interface OcrEngineOptions {
  /** Parallel workers or processes; default: available cores. */
  workers?: number;
  /** Language code(s), default "eng". */
  lang?: string;
  [option: string]: unknown;
}

/** Creates an engine; may be async because workers load models. */
export type OcrEngineFactory = (options: OcrEngineOptions) => Promise<OcrEngine>;

/** Thrown for an unknown engine name or an engine that cannot run here. */
export class OcrEngineError extends Error {
  /** Stable machine-readable code. */
  readonly code: "OCR_UNKNOWN_ENGINE" | "OCR_ENGINE_UNAVAILABLE" | "OCR_FAILED";

  constructor(code: OcrEngineError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OcrEngineError";
    this.code = code;
  }
}

const factories = new Map<string, OcrEngineFactory>();

/** Registers an engine factory under a name; re-registering a name replaces it. */
export function registerOcrEngine(name: string, factory: OcrEngineFactory): void {
  if (name.trim() === "") throw new TypeError('Argument "name" must be a non-empty string.');
  factories.set(name, factory);
}

/** Names of the registered engines, in registration order. */
export function listOcrEngines(): string[] {
  return [...factories.keys()];
}

/** Creates the engine registered under `name`; throws listing the known names when unknown. */
export async function createOcrEngine(name: string, options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const factory = factories.get(name);
  if (factory === undefined) {
    const known = listOcrEngines();
    throw new OcrEngineError(
      "OCR_UNKNOWN_ENGINE",
      `Unknown OCR engine "${name}"; known engines: ${known.length > 0 ? known.join(", ") : "(none registered)"}.`,
    );
  }
  return factory(options);
}
