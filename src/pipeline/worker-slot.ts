import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { DicomError } from "../core/errors.js";
import { failedResult, type FileTask, type TaskResult } from "./task.js";
import type { WorkerInit, WorkerMessage } from "./worker-protocol.js";

/** What a worker slot needs: the processor, the per-file time limit, the heap limit. */
export interface WorkerSlotOptions extends WorkerInit {
  /** Per-file time limit in ms; the worker is then terminated and replaced. */
  timeoutMs: number;
  /**
   * A concurrent worker is sent another file only while the files it runs total less than this
   * many bytes on disk (one file always goes). Default 64 MiB: decoded frames are several times
   * their file's size, so many large files at once would exhaust memory.
   */
  concurrentBytes?: number;
  /** Heap limit of each worker in MiB. */
  workerMemoryMb?: number;
}

/**
 * Starts the worker entry next to this module: worker.js in the built package; under tsx
 * (source .ts) a bootstrap that registers tsx in the thread first, since Node 20 workers do
 * not get --import hooks for their entry.
 */
function spawnWorker(options: WorkerSlotOptions): Worker {
  const init: WorkerInit = { processorUrl: options.processorUrl, processorOptions: options.processorOptions, concurrent: options.concurrent };
  const resourceLimits = options.workerMemoryMb ? { maxOldGenerationSizeMb: options.workerMemoryMb } : undefined;
  const self = import.meta.url;
  if (self.endsWith(".ts")) {
    const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
    const entry = JSON.stringify(new URL("./worker.ts", self).href);
    const code = `import(${api}).then((m) => { m.register(); return import(${entry}); });`;
    return new Worker(code, { eval: true, workerData: init, resourceLimits });
  }
  return new Worker(new URL("./worker.js", self), { workerData: init, resourceLimits });
}

/** Default `concurrentBytes`. */
const DEFAULT_CONCURRENT_BYTES = 64 * 1024 * 1024;

/** A file's size, or 0 when it cannot be read (the worker then reports the read error). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Loading a processor (models, dictionaries) may take longer than a short per-file timeout. */
const MIN_INIT_TIMEOUT_MS = 120_000;

/** A file sent (or to be sent) to the worker. */
interface Pending {
  id: number;
  task: FileTask;
  resolve: (r: TaskResult | undefined) => void;
  posted: boolean;
  /** File size in bytes, read when a concurrent worker is about to be sent the file. */
  bytes?: number;
  /** Set while the worker runs the file: its time limit. */
  timer?: NodeJS.Timeout;
  t0: number;
}

/**
 * One worker thread, replaced after a crash or a timeout. Files queue in the worker, which
 * runs them one at a time in order, so the head of the queue is the one running: a crash or
 * a timeout fails only the head; the files behind it go to the replacement worker.
 *
 * A concurrent worker (`WorkerInit.concurrent`) runs the files it is sent at once, each under
 * its own time limit. A timeout fails that file; a crash with several files in flight fails none
 * of them yet: they are run again on the replacement one at a time, so a file that crashes its
 * worker again is the one that fails.
 */
export class WorkerSlot {
  private worker?: Worker;
  private starting?: Promise<void>;
  private readonly queue: Pending[] = [];
  private nextId = 0;
  /** Files in flight when a concurrent worker crashed: run one at a time until they are done. */
  private readonly suspects = new Set<number>();
  /** Set by the pool's abort: no new work, results dropped. */
  aborted = false;

  constructor(private readonly options: WorkerSlotOptions) {}

  /** Files queued in this slot, the running one included. */
  get load(): number {
    return this.queue.length;
  }

  /** Spawns the worker and waits until its processor is loaded and initialized (at most the file timeout, and at least 2 minutes). */
  start(): Promise<void> {
    const started = new Promise<void>((resolve, reject) => {
      const w = spawnWorker(this.options);
      this.worker = w;
      const limit = Math.max(this.options.timeoutMs, MIN_INIT_TIMEOUT_MS);
      const timer = setTimeout(() => {
        this.drop(w);
        reject(new DicomError("CONFIG", `processor init took more than ${limit} ms`));
      }, limit);
      w.on("message", (m: WorkerMessage) => {
        if (m.type === "ready") {
          clearTimeout(timer);
          resolve();
        } else if (m.type === "init-error") {
          clearTimeout(timer);
          this.drop(w);
          reject(new DicomError("CONFIG", m.reason));
        } else if (w === this.worker) {
          const i = this.queue.findIndex((p) => p.id === m.id && p.posted);
          if (i >= 0) this.finish(i, m.result);
        }
      });
      const died = (e?: Error) => {
        clearTimeout(timer);
        reject(new DicomError("CONFIG", "a worker exited while loading the processor"));
        if (w !== this.worker) return;
        this.drop(w);
        const oom = (e as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
        const inFlight = this.queue.filter((p) => p.posted);
        if (inFlight.length > 1 && this.options.concurrent === true) {
          // Which one crashed it is unknown: each runs again alone on the replacement.
          for (const p of inFlight) this.suspects.add(p.id);
          this.unpost();
          this.pump();
        } else if (this.queue[0]?.posted) {
          this.finish(0, failedResult("WORKER_CRASH", oom ? "worker crashed (out of memory)" : "worker crashed", this.elapsed()));
        }
      };
      w.on("error", died);
      w.on("exit", () => died());
    });
    this.starting = started;
    const done = () => {
      if (this.starting === started) this.starting = undefined;
    };
    started.then(done, done);
    return started;
  }

  /** Queues one file for this slot's worker (starting a replacement worker first if needed). */
  run(task: FileTask): Promise<TaskResult | undefined> {
    if (this.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.queue.push({ id: ++this.nextId, task, resolve, posted: false, t0: performance.now() });
      this.pump();
    });
  }

  /** Sends the queued files to a ready worker and arms their time limits (serial: the head's); starts a worker when there is none. */
  private pump(): void {
    if (this.aborted || this.queue.length === 0) return;
    const worker = this.worker;
    if (!worker || this.starting) {
      (this.starting ?? this.start()).then(() => this.pump(), () => {
        if (!this.aborted) for (const p of this.queue.splice(0)) p.resolve(failedResult("WORKER_INIT", "a replacement worker could not start"));
      });
      return;
    }
    const concurrent = this.options.concurrent === true;
    for (const p of this.queue) {
      if (p.posted) continue;
      if (concurrent && !this.roomFor(p)) break;
      p.posted = true;
      worker.postMessage({ type: "file", id: p.id, task: p.task });
      if (concurrent) this.arm(p, worker);
    }
    if (!concurrent) this.arm(this.queue[0], worker);
  }

  /**
   * Whether a concurrent worker may be sent file p now: always when it runs none; else not while
   * suspects of a crash remain (they run one at a time), and only while the files it runs total
   * under `concurrentBytes` with p.
   */
  private roomFor(p: Pending): boolean {
    p.bytes ??= sizeOf(p.task.absPath);
    const inFlight = this.queue.filter((q) => q.posted);
    if (inFlight.length === 0) return true;
    if (this.queue.some((q) => this.suspects.has(q.id))) return false;
    const limit = this.options.concurrentBytes ?? DEFAULT_CONCURRENT_BYTES;
    return inFlight.reduce((n, q) => n + (q.bytes ?? 0), 0) + p.bytes <= limit;
  }

  /** Starts a file's time limit (once): past it the worker is dropped and the file fails. */
  private arm(p: Pending, worker: Worker): void {
    if (p.timer) return;
    p.t0 = performance.now();
    p.timer = setTimeout(() => {
      this.drop(worker);
      this.finish(this.queue.indexOf(p), failedResult("TIMEOUT", `no result within ${this.options.timeoutMs} ms`, this.elapsed(p)));
    }, this.options.timeoutMs);
  }

  /** Resolves a file; when the worker was dropped, the files left are sent again to its replacement. */
  private finish(i: number, result: TaskResult): void {
    if (i < 0) return;
    const [p] = this.queue.splice(i, 1);
    clearTimeout(p.timer);
    this.suspects.delete(p.id);
    p.resolve(result);
    if (!this.worker) this.unpost();
    this.pump();
  }

  /** Marks the files in flight as not sent (their worker is gone) and stops their time limits. */
  private unpost(): void {
    for (const p of this.queue) {
      p.posted = false;
      clearTimeout(p.timer);
      p.timer = undefined;
    }
  }

  /** Resolves every queued file with undefined (abort). */
  abandon(): void {
    for (const p of this.queue.splice(0)) {
      clearTimeout(p.timer);
      p.resolve(undefined);
    }
  }

  /** Forgets and terminates a worker (a later run starts a new one). */
  drop(w: Worker | undefined = this.worker): void {
    if (w === this.worker) this.worker = undefined;
    void w?.terminate();
  }

  private elapsed(p: Pending | undefined = this.queue[0]): number {
    return p ? Math.round(performance.now() - p.t0) : 0;
  }
}
