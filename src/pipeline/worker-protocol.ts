import type { FileTask, TaskResult } from "./task.js";

/** Data a worker starts with (structured-cloneable). */
export interface WorkerInit {
  processorUrl: string;
  processorOptions: unknown;
  /** Run the files sent at once (their awaits interleave) instead of one at a time in order. */
  concurrent?: boolean;
}

/** Main thread -> worker: process one file. */
export interface FileMessage {
  type: "file";
  id: number;
  task: FileTask;
}

/** Worker -> main thread. */
export type WorkerMessage =
  | { type: "ready" }
  | { type: "init-error"; code: string; reason: string }
  | { type: "result"; id: number; result: TaskResult };
