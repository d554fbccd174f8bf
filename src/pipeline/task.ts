import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { constants as bufferConstants } from "node:buffer";
import { performance } from "node:perf_hooks";
import { isDicomError } from "../core/errors.js";
import { writeNewFile } from "../io/atomic-write.js";
import { looksLikeDicom, SNIFF_BYTES } from "./sniff.js";
import type { FileOutcome, ProcessorModule } from "./types.js";
import type { BatchFileStatus } from "./batch-types.js";

/** One file to process. */
export interface FileTask {
  absPath: string;
  relPath: string;
  /**
   * Where to write the output (a new file, on the output's file system), so that the thread
   * that made the bytes also writes them; the result then names this file instead of
   * carrying the bytes.
   */
  stageTo?: string;
}

/** What processing one file gave, as sent back from a worker (structured-cloneable). */
export interface TaskResult {
  status: BatchFileStatus;
  outcome: FileOutcome;
  /** The bytes to write (only when status is "ok" and the task had no `stageTo`). */
  output?: Uint8Array;
  /** The staged output file (the task's `stageTo`), when status is "ok". */
  staged?: string;
  /** Size and mtime of the input when it was read (for resume). */
  size?: number;
  mtimeMs?: number;
  ms: number;
}

/** A failed (or skipped) result with a code and a one-line reason; never a value. */
export function failedResult(code: string, reason: string, ms = 0, status: Exclude<BatchFileStatus, "ok"> = "failed"): TaskResult {
  return { status, outcome: { status: status === "notDicom" ? "skipped" : status, code, reason, counts: {}, diagnostics: [] }, ms };
}

/**
 * One line about an unexpected error without its message (which may quote a value):
 * a DicomError's code and reason, otherwise the error's name and where it was thrown.
 */
export function describeError(e: unknown): { code: string; reason: string } {
  if (isDicomError(e)) return { code: e.code, reason: e.reason };
  if (e instanceof Error) {
    const frame = e.stack?.split("\n").find((l) => l.trim().startsWith("at "));
    const where = frame?.match(/([^/\\(\s]+:\d+):\d+\)?\s*$/)?.[1];
    return { code: "INTERNAL", reason: `processor threw ${e.name}${where ? ` at ${where}` : ""}` };
  }
  return { code: "INTERNAL", reason: "processor threw a non-error value" };
}

/** Reads up to `length` bytes at `position` into `into`, looping over short reads; returns the count. */
function readFully(fd: number, into: Uint8Array, position: number): number {
  let at = 0;
  while (at < into.length) {
    const n = readSync(fd, into, at, Math.min(into.length - at, 1 << 30), position + at);
    if (n === 0) break;
    at += n;
  }
  return at;
}

/**
 * Processes one file: reads its first bytes and skips it when it is not DICOM, then reads
 * it whole, calls the processor and turns anything thrown into a failed result; with
 * `stageTo`, writes the output there. Runs in a worker or in this thread; never throws.
 */
export async function runTask<O>(task: FileTask, processor: ProcessorModule<O>, options: O): Promise<TaskResult> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  let bytes: Buffer;
  let size: number;
  let mtimeMs: number;
  let fd: number | undefined;
  try {
    fd = openSync(task.absPath, "r");
    const st = fstatSync(fd);
    if (!st.isFile()) return failedResult("READ", "not a regular file", ms());
    size = st.size;
    mtimeMs = st.mtimeMs;
    const head = new Uint8Array(Math.min(size, SNIFF_BYTES));
    const got = readFully(fd, head, 0);
    if (!looksLikeDicom(head.subarray(0, got), size)) {
      return { ...failedResult("NOT_DICOM", "no DICM prefix and no plausible first element", ms(), "notDicom"), size, mtimeMs };
    }
    if (size > bufferConstants.MAX_LENGTH) return failedResult("TOO_LARGE", `file of ${size} bytes exceeds the buffer limit`, ms());
    bytes = Buffer.allocUnsafeSlow(size); // not pooled, so an output that reuses it can be transferred
    const n = readFully(fd, bytes, 0);
    if (n < size) bytes = bytes.subarray(0, n);
  } catch (e) {
    return failedResult("READ", `cannot read input (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`, ms());
  } finally {
    if (fd !== undefined) closeSync(fd);
  }

  let result;
  try {
    result = await processor.processFile(bytes, { relPath: task.relPath }, options);
  } catch (e) {
    const d = describeError(e);
    return { ...failedResult(d.code, d.reason, ms(), d.code === "NOT_DICOM" ? "notDicom" : "failed"), size, mtimeMs };
  }
  const outcome = result?.outcome;
  if (!outcome || typeof outcome !== "object" || !["ok", "failed", "skipped"].includes(outcome.status)) {
    return { ...failedResult("INTERNAL", "processor returned no valid outcome", ms()), size, mtimeMs };
  }
  const clean: FileOutcome = { ...outcome, counts: outcome.counts ?? {}, diagnostics: outcome.diagnostics ?? [] };
  if (outcome.status !== "ok") {
    const status: BatchFileStatus = outcome.code === "NOT_DICOM" ? "notDicom" : outcome.status;
    return { status, outcome: clean, size, mtimeMs, ms: ms() };
  }
  if (!(result.output instanceof Uint8Array)) {
    return { ...failedResult("NO_OUTPUT", "processor reported ok but returned no bytes", ms()), size, mtimeMs };
  }
  if (task.stageTo === undefined) return { status: "ok", outcome: clean, output: result.output, size, mtimeMs, ms: ms() };
  try {
    writeNewFile(task.stageTo, result.output);
  } catch (e) {
    const d = describeError(e);
    return { ...failedResult(d.code, d.reason, ms()), size, mtimeMs };
  }
  return { status: "ok", outcome: clean, staged: task.stageTo, size, mtimeMs, ms: ms() };
}

/** Runs file tasks: a pool of worker threads, or this thread. */
export interface TaskRunner {
  /** How many files may run at once. */
  readonly size: number;
  /** Processes one file; undefined when the runner was aborted first. Never rejects. */
  run(task: FileTask): Promise<TaskResult | undefined>;
  /** Abandons the files in flight (their runs resolve undefined). */
  abort(): void;
  /** Stops the workers. */
  close(): Promise<void>;
}
