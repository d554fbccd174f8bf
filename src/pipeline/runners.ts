import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import type { BatchOptions } from "./batch-types.js";
import { InProcessRunner } from "./in-process.js";
import type { FileTask, TaskResult, TaskRunner } from "./task.js";
import { WorkerPool, type WorkerPoolOptions } from "./worker-pool.js";

/** Default per-file time limit: 5 minutes. */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** When workers join a batch that started in this thread. */
export interface WorkerJoinRule {
  /**
   * Work left (files waiting x recent time per file in this thread) above which workers pay
   * off: a worker takes about 0.1 s to start and as much again to warm up its JIT.
   */
  payOffMs: number;
  /** Files done here before judging (the first ones run cold), unless half of payOffMs went by. */
  warmFiles: number;
  /** Files that must be waiting. */
  minWaiting: number;
}

/** The rule used by `runBatch`. */
export const WORKERS_JOIN: WorkerJoinRule = { payOffMs: 1000, warmFiles: 64, minWaiting: 64 };

/** Where a batch runs its files: this thread, worker threads, or this thread first and workers once the work left pays for them. */
export interface RunnerPlan {
  inThread: boolean;
  workers: number;
}

/**
 * Chooses the runners. An explicit `workers` is exact (0 or 1: this thread only). By default,
 * one worker per core; for quick files (milliseconds each, e.g. header-only de-identification)
 * this thread, joined by one worker fewer than the cores when the batch is large enough.
 */
export function planRunners(options: Pick<BatchOptions, "workers" | "quickFiles">, cores = availableParallelism()): RunnerPlan {
  if (options.workers !== undefined) return options.workers <= 1 ? { inThread: true, workers: 0 } : { inThread: false, workers: options.workers };
  if (options.quickFiles) return { inThread: true, workers: cores - 1 };
  return cores <= 1 ? { inThread: true, workers: 0 } : { inThread: false, workers: cores };
}

/** Processes the files it is given with one runner until there are no more. */
export type Lane = (runner: TaskRunner, inThread: boolean) => Promise<void>;

/**
 * The runners of one batch. With a plan for both, this thread starts on the files at once;
 * the workers are started only when the files waiting would keep this thread busy for longer
 * than they take to pay off (`WorkerJoinRule`), and join once loaded (never, if the files run
 * out first).
 */
export class BatchRunners {
  private pool?: WorkerPool;
  private joined = false;
  private workersDone?: Promise<unknown>;
  /** Files done in this thread, their total time and a moving average of the recent ones. */
  private localFiles = 0;
  private localMs = 0;
  private msPerFile = 0;

  private constructor(
    private readonly local: InProcessRunner | undefined,
    private readonly poolOptions: WorkerPoolOptions | undefined,
    private readonly join: WorkerJoinRule,
  ) {}

  /** Loads the processor in this thread, or starts the workers; throws a CONFIG DicomError when it cannot be loaded or initialized. */
  static async start(options: BatchOptions, plan: RunnerPlan, join = WORKERS_JOIN): Promise<BatchRunners> {
    const processorUrl = options.processorUrl instanceof URL ? options.processorUrl.href : String(options.processorUrl);
    const common = { processorUrl, processorOptions: options.processorOptions, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    const concurrent = Math.max(1, Math.floor(options.filesPerWorker ?? 1));
    const poolOptions = plan.workers > 0
      ? {
        ...common, size: plan.workers, workerMemoryMb: options.workerMemoryMb,
        ...(concurrent > 1 ? { depth: concurrent, concurrent: true } : { depth: options.quickFiles ? 2 : 1 }),
      }
      : undefined;
    if (plan.inThread) return new BatchRunners(await InProcessRunner.start(common), poolOptions, join);
    const runners = new BatchRunners(undefined, poolOptions, join);
    runners.pool = await WorkerPool.start(poolOptions!);
    return runners;
  }

  /** Worker threads that took part (0: this thread only). */
  get workers(): number {
    return this.pool && this.joined ? this.pool.threads : 0;
  }

  /** Runs the lanes until the files run out; `backlog` says how many files wait (to decide on workers). */
  async run(lane: Lane, backlog: () => number): Promise<void> {
    const pool = this.pool;
    if (!this.local) {
      this.joined = true;
      await Promise.all(Array.from({ length: pool!.size }, () => lane(pool!, false)));
      return;
    }
    const local = this.local;
    let localDone: Promise<void> | undefined = undefined;
    const timed: TaskRunner = {
      size: 1,
      run: async (task: FileTask): Promise<TaskResult | undefined> => {
        const t0 = performance.now();
        const result = await local.run(task);
        if (result && this.worthWorkers(performance.now() - t0, backlog())) this.addWorkers(lane, localDone!);
        return result;
      },
      abort: () => local.abort(),
      close: () => local.close(),
    };
    localDone = lane(timed, true);
    // Both lanes are awaited, and a failure of either is reported (never left unhandled).
    let localError: unknown;
    try {
      await localDone;
    } catch (e) {
      localError = e;
    }
    await this.workersDone;
    if (localError !== undefined) throw localError;
  }

  /** Counts a file done in this thread; true once the files waiting would keep it busy long enough to pay for workers. */
  private worthWorkers(ms: number, waiting: number): boolean {
    this.localFiles++;
    this.localMs += ms;
    this.msPerFile = this.localFiles === 1 ? ms : 0.8 * this.msPerFile + 0.2 * ms;
    if (this.pool || !this.poolOptions) return false;
    const { payOffMs, warmFiles, minWaiting } = this.join;
    if (this.localFiles < warmFiles && this.localMs < payOffMs / 2) return false;
    return waiting >= minWaiting && waiting * this.msPerFile > payOffMs;
  }

  /** Starts the workers; their lanes join once they are loaded, unless this thread's lane has ended first. */
  private addWorkers(lane: Lane, localDone: Promise<void>): void {
    const pool = WorkerPool.launch(this.poolOptions!);
    this.pool = pool;
    const ready = Promise.race([pool.ready.then(() => true, () => false), localDone.then(() => false, () => false)]);
    this.workersDone = ready.then((ok) => {
      if (!ok) return;
      this.joined = true;
      return Promise.all(Array.from({ length: pool.size }, () => lane(pool, false))).then(() => undefined);
    });
    // Handled here so that a worker lane failing while this thread's lane still runs is not an
    // unhandled rejection; run() awaits it and rethrows.
    this.workersDone.catch(() => undefined);
  }

  /** Abandons the files in flight. */
  abort(): void {
    this.local?.abort();
    this.pool?.abort();
  }

  /** Frees the processor in this thread and terminates the workers (also while they start). */
  async close(): Promise<void> {
    await this.pool?.close();
    await this.local?.close();
  }
}
