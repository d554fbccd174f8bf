import { loadProcessor } from "./load-processor.js";
import { failedResult, runTask, type FileTask, type TaskResult, type TaskRunner } from "./task.js";
import type { ProcessorModule } from "./types.js";

/** Options of `InProcessRunner.start`. */
export interface InProcessOptions {
  processorUrl: string;
  processorOptions: unknown;
  timeoutMs: number;
}

/**
 * Runs files one at a time in this thread (for debugging and tests). No crash isolation, and
 * the timeout only ends a file that awaits: a processor stuck in synchronous code cannot be
 * stopped here (use workers).
 */
export class InProcessRunner implements TaskRunner {
  readonly size = 1;
  private aborted = false;
  private cancel?: () => void;

  private constructor(private readonly processor: ProcessorModule<unknown>, private readonly options: InProcessOptions) {}

  /** Loads the processor and calls its init; throws a CONFIG DicomError when that fails. */
  static async start(options: InProcessOptions): Promise<InProcessRunner> {
    return new InProcessRunner(await loadProcessor(options.processorUrl, options.processorOptions), options);
  }

  /** Processes one file, or resolves undefined once aborted. */
  async run(task: FileTask): Promise<TaskResult | undefined> {
    if (this.aborted) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const stop = new Promise<TaskResult | undefined>((resolve) => {
      timer = setTimeout(() => resolve(failedResult("TIMEOUT", `no result within ${this.options.timeoutMs} ms`, this.options.timeoutMs)), this.options.timeoutMs);
      this.cancel = () => resolve(undefined);
    });
    try {
      const result = await Promise.race([runTask(task, this.processor, this.options.processorOptions), stop]);
      return this.aborted ? undefined : result;
    } finally {
      clearTimeout(timer);
      this.cancel = undefined;
    }
  }

  /** Abandons the file in flight (its work goes on, its result is dropped). */
  abort(): void {
    this.aborted = true;
    this.cancel?.();
  }

  /** Lets the processor free what it holds (e.g. OCR worker threads that would keep the process alive). */
  async close(): Promise<void> {
    await this.processor.close?.();
  }
}
