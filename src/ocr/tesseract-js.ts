/**
 * tesseract.js (WebAssembly) adapter: a pool of worker threads, fully offline.
 *
 * Language data comes from the @tesseract.js-data/<lang> npm package (gzipped traineddata read
 * from disk), the core from tesseract.js-core in node_modules (tesseract.js requires it directly
 * in Node, so `corePath` is only passed through when given), the worker script from tesseract.js
 * itself. `cacheMethod: "none"` keeps tesseract.js from writing traineddata into the cwd.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import Tesseract, { createWorker, OEM, type Worker } from "tesseract.js";
import {
  OcrEngineError,
  type OcrEngine,
  type OcrEngineOptions,
  type OcrImage,
  type OcrWord,
  type RecognizeOptions,
} from "./engine.js";
import { tesseractJsLangPath, type TesseractJsModel } from "./bundled-model.js";
import { encodePnm } from "./raster.js";
import { parseTesseractTsv, tesseractParameters } from "./tsv.js";

export { tesseractJsLangPath, type TesseractJsModel } from "./bundled-model.js";

/** Options of the tesseract.js engine. */
export interface TesseractJsOptions extends OcrEngineOptions {
  /** Worker threads; default: available cores. */
  workers?: number;
  /** Language code; its data package @tesseract.js-data/<lang> must be installed. Default "eng". */
  lang?: string;
  /** "best_int" (LSTM, integer, 4.0.0_best_int) or "standard" (4.0.0). Default "best_int". */
  model?: TesseractJsModel;
  /** Directory holding <lang>.traineddata(.gz); overrides the data package lookup. */
  langPath?: string;
  /** Directory of tesseract.js-core; optional, Node resolves it from node_modules. */
  corePath?: string;
  /**
   * Parameters that tesseract reads only when it starts (e.g. { load_system_dawg: "0",
   * load_freq_dawg: "0" } turns off the word lists, which pull names and numbers towards words).
   */
  initConfig?: Record<string, string>;
}

interface Job {
  image: OcrImage;
  options: RecognizeOptions;
  resolve: (words: OcrWord[]) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  busy: boolean;
}

class TesseractJsEngine implements OcrEngine {
  readonly name = "tesseract.js";
  readonly concurrency: number;
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(private readonly pool: PoolWorker[]) {
    this.concurrency = pool.length;
  }

  recognize(image: OcrImage, options: RecognizeOptions = {}): Promise<OcrWord[]> {
    if (this.closed) return Promise.reject(new OcrEngineError("OCR_FAILED", "The tesseract.js engine is closed."));
    return new Promise((resolve, reject) => {
      this.queue.push({ image, options, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new OcrEngineError("OCR_FAILED", "The tesseract.js engine was closed."));
    await Promise.all(this.pool.map((p) => p.worker.terminate()));
  }

  private pump(): void {
    for (const slot of this.pool) {
      if (slot.busy) continue;
      const job = this.queue.shift();
      if (job === undefined) return;
      slot.busy = true;
      this.run(slot, job).finally(() => {
        slot.busy = false;
        this.pump();
      });
    }
  }

  private async run(slot: PoolWorker, job: Job): Promise<void> {
    try {
      // Variables passed with the call are set for this call only (tesseract.js saves and
      // restores parameters around it), so jobs cannot leak settings into each other.
      const params = tesseractParameters(job.options);
      const result = await slot.worker.recognize(Buffer.from(encodePnm(job.image)), params as Partial<Tesseract.RecognizeOptions>, {
        text: false,
        tsv: true,
      });
      job.resolve(parseTesseractTsv(result.data.tsv ?? ""));
    } catch (cause) {
      job.reject(new OcrEngineError("OCR_FAILED", `tesseract.js recognition failed: ${String(cause)}`, { cause }));
    }
  }
}

/** Creates a tesseract.js engine with a pool of `workers` threads, reading models from disk only. */
export async function createTesseractJsEngine(options: TesseractJsOptions = {}): Promise<OcrEngine> {
  const lang = options.lang ?? "eng";
  const size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const langPath = options.langPath ?? tesseractJsLangPath(lang, options.model ?? "best_int");
  // Data packages ship <lang>.traineddata.gz; a user-supplied directory may hold it unzipped.
  const gzip = existsSync(join(langPath, `${lang}.traineddata.gz`));
  if (!gzip && !existsSync(join(langPath, `${lang}.traineddata`))) {
    throw new OcrEngineError("OCR_ENGINE_UNAVAILABLE", `No ${lang}.traineddata(.gz) in "${langPath}".`);
  }
  const workerOptions = {
    langPath,
    gzip,
    cacheMethod: "none",
    ...(options.corePath !== undefined ? { corePath: options.corePath } : {}),
  };
  const pool: PoolWorker[] = [];
  try {
    for (let i = 0; i < size; i++) {
      // debug_file: tesseract prints notes such as "Estimating resolution" to stdout otherwise.
      const worker = await createWorker(lang, OEM.LSTM_ONLY, workerOptions, options.initConfig ?? {});
      await worker.setParameters({ debug_file: "/dev/null" });
      pool.push({ worker, busy: false });
    }
  } catch (cause) {
    await Promise.all(pool.map((p) => p.worker.terminate()));
    throw new OcrEngineError("OCR_ENGINE_UNAVAILABLE", `tesseract.js failed to start: ${String(cause)}`, { cause });
  }
  return new TesseractJsEngine(pool);
}
