import { WorkerSlot, type WorkerSlotOptions } from "./worker-slot.js";
import type { FileTask, TaskResult, TaskRunner } from "./task.js";

/** Options of `WorkerPool.start`. */
export interface WorkerPoolOptions extends WorkerSlotOptions {
  /** Number of worker threads (at least 1). */
  size: number;
  /**
   * Files queued per worker (default 1). 2 keeps a worker busy while this thread, busy with a
   * file of its own, has not yet handled the worker's last result (for quick files).
   */
  depth?: number;
}

/**
 * A fixed number of worker threads, each loading the processor module once. Files go to the
 * least loaded worker, which reads the bytes itself and writes a staged output itself
 * (`FileTask.stageTo`); an unstaged output comes back transferred.
 * A crash (uncaught error, out of memory, exit) or a timeout fails only the file in flight
 * ("WORKER_CRASH" / "TIMEOUT") and the worker is replaced.
 */
export class WorkerPool implements TaskRunner {
  /** Settles once every worker has loaded the processor; rejects (all workers dropped) when one cannot. */
  readonly ready: Promise<void>;
  private readonly depth: number;

  private constructor(private readonly slots: WorkerSlot[], depth: number) {
    this.depth = Math.max(1, depth);
    this.ready = Promise.allSettled(slots.map((s) => s.start())).then((started) => {
      const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (!failed) return;
      for (const s of slots) s.drop();
      throw failed.reason;
    });
    this.ready.catch(() => undefined); // a pool closed while starting must not raise an unhandled rejection
  }

  /** Starts the workers; throws a CONFIG DicomError when the processor cannot be loaded or initialized. */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = WorkerPool.launch(options);
    await pool.ready;
    return pool;
  }

  /** Spawns the workers without waiting for them: run files only once `ready` has resolved. */
  static launch(options: WorkerPoolOptions): WorkerPool {
    return new WorkerPool(Array.from({ length: Math.max(1, options.size) }, () => new WorkerSlot(options)), options.depth ?? 1);
  }

  /** Number of worker threads. */
  get threads(): number {
    return this.slots.length;
  }

  /** Files that may be in flight at once: threads x depth. */
  get size(): number {
    return this.slots.length * this.depth;
  }

  /** Queues one file on the least loaded worker (callers keep at most `size` files in flight). */
  run(task: FileTask): Promise<TaskResult | undefined> {
    const slot = this.slots.reduce((a, b) => (b.load < a.load ? b : a));
    if (slot.load >= this.depth) throw new Error("WorkerPool.run with every worker busy");
    return slot.run(task);
  }

  /** Abandons the files in flight and terminates the workers. */
  abort(): void {
    for (const s of this.slots) {
      s.aborted = true;
      s.drop();
      s.abandon();
    }
  }

  /** Terminates the workers. */
  async close(): Promise<void> {
    for (const s of this.slots) s.drop();
  }
}
