/**
 * Native tesseract adapter: spawns the `tesseract` binary (4 or later) per batch of images, the
 * images on stdin (PGM for one, a multi-page TIFF for several), TSV on stdout.
 *
 * Optional backend: creation fails with OCR_ENGINE_UNAVAILABLE when the binary cannot be run.
 * It reads with the same bundled language data as the tesseract.js engine (unzipped once, see
 * bundled-model.ts) unless told otherwise. OpenMP is limited to one thread per process
 * (OMP_THREAD_LIMIT=1: more threads made it several times slower here) so that `workers`
 * processes use `workers` cores; no image is written to disk.
 */
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import {
  OcrEngineError,
  type OcrEngine,
  type OcrEngineOptions,
  type OcrImage,
  type OcrWord,
  type RecognizeOptions,
} from "./engine.js";
import { nativeTessdataDir, type TesseractJsModel } from "./bundled-model.js";
import { encodePnm } from "./raster.js";
import { encodeTiffPages } from "./tiff-pages.js";
import { parseTesseractTsvPages, tesseractParameters } from "./tsv.js";

/** Options of the native tesseract engine. */
export interface TesseractCliOptions extends OcrEngineOptions {
  /** Concurrent tesseract processes; default: available cores. */
  workers?: number;
  /** Language code(s) passed to -l; default "eng". */
  lang?: string;
  /** Path or name of the binary; default "tesseract" (searched in PATH). */
  binary?: string;
  /** Directory with <lang>.traineddata; overrides `model`. */
  tessdataDir?: string;
  /**
   * Language data when no `tessdataDir` is given: "best_int" (default) or "standard" from the
   * bundled data package, as the tesseract.js engine reads them, or "system" for the binary's own.
   */
  model?: TesseractJsModel | "system";
  /** OCR engine mode (--oem); default: 1 (LSTM) with bundled data, else the binary's default. */
  oem?: 0 | 1 | 2 | 3;
  /** Most images read by one process. Default 16. */
  maxBatch?: number;
  /**
   * A free process starts once this many images wait, or once the first has waited `lingerMs`.
   * Default 1 (at once: batches form only from images that wait while every process is busy);
   * more pays when many callers ask at once (files run concurrently).
   */
  minBatch?: number;
  /** Longest wait for a batch to fill, in ms. Default 0. */
  lingerMs?: number;
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

/** Version lines already asked for in this thread, by binary ("auto" asks, then the engine it picks asks again). */
const versions = new Map<string, Promise<string | undefined>>();

/** Returns the tesseract version line when `binary` runs, otherwise undefined (asked once per binary and thread). */
export async function detectTesseractCli(binary = "tesseract"): Promise<string | undefined> {
  let version = versions.get(binary);
  if (version === undefined) {
    version = versionLine(binary);
    versions.set(binary, version);
  }
  return await version;
}

async function versionLine(binary: string): Promise<string | undefined> {
  try {
    const result = await run(binary, ["--version"]);
    if (result.code !== 0) return undefined;
    return (result.stdout + result.stderr).split("\n")[0]?.trim();
  } catch {
    return undefined;
  }
}

/** A recognition waiting for (or in) a batch. */
interface Job {
  image: OcrImage;
  /** Command-line arguments after the input and output names; jobs with the same ones share a process. */
  args: string[];
  key: string;
  /** When it was asked for. */
  t0: number;
  resolve: (words: OcrWord[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Batches: requests with the same options that wait while the processes are busy go to the next
 * process together, as the pages of one TIFF on stdin, so that the program and its model load
 * once for the batch (about 80 ms) instead of once per image. A batch that fails is read again
 * one image at a time, so that one bad image fails only its own request.
 */
class TesseractCliEngine implements OcrEngine {
  readonly name = "tesseract-cli";
  readonly concurrency: number;
  private active = 0;
  private readonly pending: Job[] = [];
  private closed = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly options: Required<Pick<TesseractCliOptions, "binary" | "lang" | "maxBatch" | "minBatch" | "lingerMs">> & TesseractCliOptions,
    workers: number,
  ) {
    this.concurrency = workers;
  }

  recognize(image: OcrImage, options: RecognizeOptions = {}): Promise<OcrWord[]> {
    if (this.closed) return Promise.reject(new OcrEngineError("OCR_FAILED", "The tesseract-cli engine is closed."));
    const args = ["-l", this.options.lang];
    if (this.options.tessdataDir !== undefined) args.push("--tessdata-dir", this.options.tessdataDir);
    if (this.options.oem !== undefined) args.push("--oem", String(this.options.oem));
    if (options.psm !== undefined) args.push("--psm", String(options.psm));
    const params = { ...tesseractParameters({ ...options, psm: undefined }), tessedit_create_tsv: "1" };
    for (const [key, value] of Object.entries(params)) args.push("-c", `${key}=${value}`);
    return new Promise((resolve, reject) => {
      this.pending.push({ image, args, key: args.join("\0"), resolve, reject, t0: performance.now() });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    for (const job of this.pending.splice(0)) job.reject(new OcrEngineError("OCR_FAILED", "The tesseract-cli engine was closed."));
  }

  /**
   * Starts a process for the oldest waiting request and those with its options, while processes
   * are free, once `minBatch` such requests wait or the oldest has waited `lingerMs`.
   */
  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.active < this.concurrency && this.pending.length > 0) {
      const key = this.pending[0].key;
      const waited = performance.now() - this.pending[0].t0;
      const ready = this.pending.filter((j) => j.key === key).length >= this.options.minBatch;
      if (!ready && waited < this.options.lingerMs) {
        this.timer = setTimeout(() => this.pump(), this.options.lingerMs - waited);
        return;
      }
      const batch: Job[] = [];
      for (let i = 0; i < this.pending.length && batch.length < this.options.maxBatch; ) {
        if (this.pending[i].key === key) batch.push(...this.pending.splice(i, 1));
        else i++;
      }
      this.active++;
      void this.runBatch(batch).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  private async runBatch(batch: Job[]): Promise<void> {
    try {
      const pages = await this.read(batch);
      batch.forEach((job, i) => job.resolve(pages[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const job of batch) {
        try {
          job.resolve((await this.read([job]))[0]);
        } catch (e) {
          job.reject(e);
        }
      }
    }
  }

  /** Reads the images of a batch in one process; throws OCR_FAILED when tesseract fails. */
  private async read(batch: Job[]): Promise<OcrWord[][]> {
    const input = batch.length === 1 ? encodePnm(batch[0].image) : encodeTiffPages(batch.map((j) => j.image));
    const result = await run(this.options.binary, ["stdin", "stdout", ...batch[0].args], input).catch((cause: unknown) => {
      throw new OcrEngineError("OCR_FAILED", `tesseract could not be run (${(cause as NodeJS.ErrnoException).code ?? "error"})`, { cause });
    });
    if (result.code !== 0) {
      throw new OcrEngineError("OCR_FAILED", `tesseract exited with code ${result.code}: ${result.stderr.trim().slice(0, 300)}`);
    }
    return parseTesseractTsvPages(result.stdout, batch.length);
  }
}

/** The major version of a tesseract version line ("tesseract 5.3.0" -> 5), or NaN. */
function majorVersion(line: string): number {
  return Number(/(\d+)\./.exec(line)?.[1]);
}

/** True when `binary` runs and is tesseract 4 or later (LSTM models). */
export async function nativeTesseractUsable(binary = "tesseract"): Promise<boolean> {
  const version = await detectTesseractCli(binary);
  return version !== undefined && majorVersion(version) >= 4;
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
  if (!(majorVersion(version) >= 4)) {
    throw new OcrEngineError("OCR_ENGINE_UNAVAILABLE", `The native OCR engine needs tesseract 4 or later (LSTM models); "${binary}" is "${version}".`);
  }
  const lang = options.lang ?? "eng";
  const model = options.model ?? "best_int";
  const bundled = options.tessdataDir === undefined && model !== "system";
  const tessdataDir = bundled ? nativeTessdataDir(lang, model) : options.tessdataDir;
  const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const maxBatch = Math.max(1, Math.floor(options.maxBatch ?? 16));
  const minBatch = Math.min(maxBatch, Math.max(1, Math.floor(options.minBatch ?? 1)));
  const lingerMs = Math.max(0, options.lingerMs ?? 0);
  return new TesseractCliEngine({ ...options, binary, lang, maxBatch, minBatch, lingerMs, tessdataDir, oem: options.oem ?? (bundled ? 1 : undefined) }, workers);
}
