import type { Diagnostic } from "../core/diagnostics.js";

/** What happened to one file of a batch. */
export type FileStatus = "ok" | "failed" | "skipped";

/** The outcome of processing one file: counts and diagnostics only, never a value (no PHI). */
export interface FileOutcome {
  status: FileStatus;
  /** For failed/skipped files: a one-line reason (error code + message, no values). */
  reason?: string;
  /** Error code for failed files (e.g. "TRUNCATED", "UNSUPPORTED"). */
  code?: string;
  /** Counters to sum over the batch, e.g. {"action:X": 12, "option:113100": 1}. */
  counts: Record<string, number>;
  diagnostics: Diagnostic[];
  /** Linkage rows (original -> pseudonym), only when the user asked for a linkage file. */
  linkage?: Record<string, string>[];
  /** Output path relative to the output root, when the processor chose it (e.g. --layout). */
  outputRelPath?: string;
}

/** The result a processor returns for one file. */
export interface ProcessResult {
  /** The bytes to write, or undefined when nothing is written (failed or skipped). */
  output?: Uint8Array;
  outcome: FileOutcome;
}

/**
 * A per-file processor: pure bytes in, bytes out. Loaded by module URL inside worker
 * threads, so its options must be structured-cloneable (plain data).
 */
export interface ProcessorModule<O = unknown> {
  /** Called once per worker with the processor options, before any file. */
  init?(options: O): Promise<void> | void;
  /** Called once when the batch is done in this thread (frees engines); workers are terminated instead. */
  close?(): Promise<void> | void;
  /** Processes one file; must not throw for bad input (return a failed outcome instead). */
  processFile(bytes: Uint8Array, context: { relPath: string }, options: O): Promise<ProcessResult> | ProcessResult;
}
