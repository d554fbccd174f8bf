/**
 * Native tesseract adapter: spawns the `tesseract` binary per image, PGM on stdin, TSV on stdout.
 *
 * Optional backend: creation fails with OCR_ENGINE_UNAVAILABLE when the binary cannot be run.
 * OpenMP is limited to one thread per process (OMP_THREAD_LIMIT=1) so that `workers` processes
 * use `workers` cores; nothing is written to disk.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import {
  OcrEngineError,
  type OcrEngine,
  type OcrEngineOptions,
  type OcrImage,
  type OcrWord,
  type RecognizeOptions,
} from "./engine.js";
import { encodePnm } from "./raster.js";
import { parseTesseractTsv, tesseractParameters } from "./tsv.js";

/** Options of the native tesseract engine. */
export interface TesseractCliOptions extends OcrEngineOptions {
  /** Concurrent tesseract processes; default: available cores. */
  workers?: number;
  /** Language code(s) passed to -l; default "eng". */
  lang?: string;
  /** Path or name of the binary; default "tesseract" (searched in PATH). */
  binary?: string;
  /** Directory with <lang>.traineddata; default: the binary's own. */
  tessdataDir?: string;
  /** OCR engine mode (--oem); default: the binary's default. */
  oem?: 0 | 1 | 2 | 3;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(binary: string, args: string[], input?: Uint8Array): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }),
    );
    child.stdin.on("error", () => {
      /* the process may exit before reading all input; reported through the exit code */
    });
    child.stdin.end(input ?? new Uint8Array(0));
  });
}

/** Returns the tesseract version line when `binary` runs, otherwise undefined. */
export async function detectTesseractCli(binary = "tesseract"): Promise<string | undefined> {
  try {
    const result = await run(binary, ["--version"]);
    if (result.code !== 0) return undefined;
    return (result.stdout + result.stderr).split("\n")[0]?.trim();
  } catch {
    return undefined;
  }
}

class TesseractCliEngine implements OcrEngine {
  readonly name = "tesseract-cli";
  readonly concurrency: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: Required<Pick<TesseractCliOptions, "binary" | "lang">> & TesseractCliOptions, workers: number) {
    this.concurrency = workers;
  }

  async recognize(image: OcrImage, options: RecognizeOptions = {}): Promise<OcrWord[]> {
    if (this.closed) throw new OcrEngineError("OCR_FAILED", "The tesseract-cli engine is closed.");
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const args = ["stdin", "stdout", "-l", this.options.lang];
      if (this.options.tessdataDir !== undefined) args.push("--tessdata-dir", this.options.tessdataDir);
      if (this.options.oem !== undefined) args.push("--oem", String(this.options.oem));
      if (options.psm !== undefined) args.push("--psm", String(options.psm));
      const params = tesseractParameters({ ...options, psm: undefined });
      for (const [key, value] of Object.entries(params)) args.push("-c", `${key}=${value}`);
      args.push("tsv");
      const result = await run(this.options.binary, args, encodePnm(image));
      if (result.code !== 0) {
        throw new OcrEngineError("OCR_FAILED", `tesseract exited with code ${result.code}: ${result.stderr.trim().slice(0, 300)}`);
      }
      return parseTesseractTsv(result.stdout);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Creates the native tesseract engine; throws OCR_ENGINE_UNAVAILABLE when the binary is missing. */
export async function createTesseractCliEngine(options: TesseractCliOptions = {}): Promise<OcrEngine> {
  const binary = options.binary ?? "tesseract";
  const version = await detectTesseractCli(binary);
  if (version === undefined) {
    throw new OcrEngineError(
      "OCR_ENGINE_UNAVAILABLE",
      `The native OCR engine needs the "${binary}" program, which could not be run; install tesseract (e.g. apt-get install tesseract-ocr tesseract-ocr-eng) or use the "tesseract.js" engine.`,
    );
  }
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  return new TesseractCliEngine({ ...options, binary, lang: options.lang ?? "eng" }, workers);
}
