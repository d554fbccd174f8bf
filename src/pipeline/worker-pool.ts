import { Worker } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { DicomError } from "../core/errors.js";
import { failedResult, type FileTask, type TaskResult, type TaskRunner } from "./task.js";
import type { WorkerInit, WorkerMessage } from "./worker-protocol.js";

/** Options of `WorkerPool.start`. */
export interface WorkerPoolOptions extends WorkerInit {
  /** Number of worker threads (at least 1). */
  size: number;
  /** Per-file time limit in ms; the worker is then terminated and replaced. */
  timeoutMs: number;
  /** Heap limit of each worker in MiB. */
  workerMemoryMb?: number;
}

/**
 * Starts the worker entry next to this module: worker.js in the built package; under tsx
 * (source .ts) a bootstrap that registers tsx in the thread first, since Node 20 workers do
 * not get --import hooks for their entry.
 */
function spawnWorker(options: WorkerPoolOptions): Worker {
  const init: WorkerInit = { processorUrl: options.processorUrl, processorOptions: options.processorOptions };
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

/** Loading a processor (models, dictionaries) may take longer than a short per-file timeout. */
const MIN_INIT_TIMEOUT_MS = 120_000;

interface Pending {
  id: number;
  resolve: (r: TaskResult | undefined) => void;
  timer: NodeJS.Timeout;
  t0: number;
}

/** One worker thread, replaced after a crash or a timeout. */
class WorkerSlot {
  private worker?: Worker;
  private pending?: Pending;
  private nextId = 0;
  private running = false;
  /** Set by the pool's abort: no new work, results dropped. */
  aborted = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** True from the start of `run` (which may first replace the worker) until its result. */
  get busy(): boolean {
    return this.running;
  }

  /** Spawns the worker and waits until its processor is loaded and initialized (at most the file timeout, and at least 2 minutes). */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
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
        } else if (w === this.worker && this.pending?.id === m.id) this.settle(m.result);
      });
      const died = (e?: Error) => {
        clearTimeout(timer);
        reject(new DicomError("CONFIG", "a worker exited while loading the processor"));
        if (w !== this.worker) return;
        this.drop(w);
        const oom = (e as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
        if (this.pending) this.settle(failedResult("WORKER_CRASH", oom ? "worker crashed (out of memory)" : "worker crashed", this.elapsed()));
      };
      w.on("error", died);
      w.on("exit", () => died());
    });
  }

  /** Processes one file in this slot's worker, starting a replacement worker first if needed. */
  async run(task: FileTask): Promise<TaskResult | undefined> {
    if (this.running) throw new Error("WorkerSlot.run while busy");
    this.running = true;
    try {
      return await this.runNow(task);
    } finally {
      this.running = false;
    }
  }

  private async runNow(task: FileTask): Promise<TaskResult | undefined> {
    if (!this.worker && !this.aborted) {
      try {
        await this.start();
      } catch {
        if (!this.aborted) return failedResult("WORKER_INIT", "a replacement worker could not start");
      }
    }
    const worker = this.worker;
    if (this.aborted || !worker) return undefined;
    return new Promise((resolve) => {
      const id = ++this.nextId;
      const timer = setTimeout(() => {
        this.drop(worker);
        this.settle(failedResult("TIMEOUT", `no result within ${this.options.timeoutMs} ms`, this.elapsed()));
      }, this.options.timeoutMs);
      this.pending = { id, resolve, timer, t0: performance.now() };
      worker.postMessage({ type: "file", id, task });
    });
  }

  /** Resolves the file in flight, if any. */
  settle(result: TaskResult | undefined): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(result);
  }

  /** Forgets and terminates a worker (a later run starts a new one). */
  drop(w: Worker | undefined = this.worker): void {
    if (w === this.worker) this.worker = undefined;
    void w?.terminate();
  }

  private elapsed(): number {
    return this.pending ? Math.round(performance.now() - this.pending.t0) : 0;
  }
}

/**
 * A fixed number of worker threads, each loading the processor module once. Files go one at
 * a time to an idle worker, which reads the bytes itself; the output comes back transferred.
 * A crash (uncaught error, out of memory, exit) or a timeout fails only the file in flight
 * ("WORKER_CRASH" / "TIMEOUT") and the worker is replaced.
 */
export class WorkerPool implements TaskRunner {
  private constructor(private readonly slots: WorkerSlot[]) {}

  /** Starts the workers; throws a CONFIG DicomError when the processor cannot be loaded or initialized. */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const slots = Array.from({ length: Math.max(1, options.size) }, () => new WorkerSlot(options));
    const started = await Promise.allSettled(slots.map((s) => s.start()));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) {
      for (const s of slots) s.drop();
      throw failed.reason;
    }
    return new WorkerPool(slots);
  }

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length;
  }

  /** Processes one file on an idle worker (callers keep at most `size` files in flight). */
  run(task: FileTask): Promise<TaskResult | undefined> {
    const slot = this.slots.find((s) => !s.busy);
    if (!slot) throw new Error("WorkerPool.run with every worker busy");
    return slot.run(task);
  }

  /** Abandons the files in flight and terminates the workers. */
  abort(): void {
    for (const s of this.slots) {
      s.aborted = true;
      s.drop();
      s.settle(undefined);
    }
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    for (const s of this.slots) s.drop();
  }
}
