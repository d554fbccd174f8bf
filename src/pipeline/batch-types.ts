/** Options, events and the summary of a batch run (`runBatch`). No field ever holds a value (no PHI). */

/** Where the JSON-lines events go: a callback (objects) or a writable (one JSON line per event). */
export type EventSink = ((event: BatchEvent) => void) | { write(chunk: string): unknown };

/** A stream the progress bar may draw on (only when `isTTY`). */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of `runBatch`. */
export interface BatchOptions {
  /** A DICOM file, or a folder walked recursively at any depth. Never modified. */
  input: string;
  /** The output folder; must not be, contain or lie inside the input. Created when missing. */
  output: string;
  /** URL (file: URL or href) of the processor module (see `ProcessorModule`), imported in each worker. */
  processorUrl: string | URL;
  /** Options passed to the processor's `init` and `processFile`; must be structured-cloneable. */
  processorOptions?: unknown;
  /**
   * Worker threads; 0 or 1 processes in this thread (no crash isolation). Default: one per core
   * (`os.availableParallelism()`), or with `quickFiles` this thread plus one fewer.
   */
  workers?: number;
  /**
   * The processor takes milliseconds per file (e.g. header-only de-identification): by default
   * this thread processes files too, from the start, and the workers join once loaded.
   */
  quickFiles?: boolean;
  /**
   * Files each worker runs at once (default 1, one at a time). More lets a processor that waits
   * on a batching service (the native OCR engine reads the images of waiting files together) fill
   * its batches; a crash then reruns the files in flight one at a time to find the one to blame.
   */
  filesPerWorker?: number;
  /** Per-file time limit in ms (default 300 000); a file over it is quarantined and its worker replaced. */
  timeoutMs?: number;
  /** Heap limit of each worker in MiB (default: Node's); a worker over it fails only its file. */
  workerMemoryMb?: number;
  /** Skip files finished by an earlier run into the same output (same size and mtime, output present). */
  resume?: boolean;
  /** Allow writing into a non-empty output folder without `resume` (existing files may be replaced). */
  overwrite?: boolean;
  /** Folder for quarantine.jsonl, summary.json and summary.txt (default: the output folder). */
  reportDir?: string;
  /**
   * Write input paths into quarantine.jsonl (file names may carry PHI, and the default report
   * folder is the shared output). Without it, entries carry only a stable `inputId`.
   */
  reportPaths?: boolean;
  /** CSV file to append linkage rows to (original -> pseudonym). Written only when given. Holds PHI. */
  linkagePath?: string;
  /** Columns of the linkage CSV (default: the keys of the first row). */
  linkageColumns?: readonly string[];
  /**
   * Opaque fingerprint of the processor settings (never a secret); a resume with another one is
   * refused. May be a promise (e.g. a slow key derivation), awaited once the workers start.
   */
  fingerprint?: string | Promise<string>;
  /** Per-file and summary events, as objects or JSON lines. */
  events?: EventSink;
  /** Progress bar stream (drawn only when it is a TTY); default process.stderr; false for none. */
  progress?: ProgressStream | false;
  /** Stops the batch: no new files, in-flight work abandoned (outputs are atomic, so `resume` picks up). */
  signal?: AbortSignal;
}

/** How one file ended. */
export type BatchFileStatus = "ok" | "failed" | "skipped" | "notDicom";

/** Event for one finished file. `relPath` is the input path relative to the input root. */
export interface FileEvent {
  type: "file";
  relPath: string;
  status: BatchFileStatus;
  /** Error or skip code (e.g. "TRUNCATED", "TIMEOUT", "WORKER_CRASH"). */
  code?: string;
  /** True when an earlier run finished the file and it was not processed again. */
  resumed?: true;
  /** Wall time of the file in ms (0 when resumed). */
  ms: number;
}

/** Event at the end of the batch, carrying the summary. */
export interface SummaryEvent extends BatchSummary {
  type: "summary";
}

/** An event of a batch run. */
export type BatchEvent = FileEvent | SummaryEvent;

/** Totals of a batch run: tags, codes and counts only, no paths and no values. */
export interface BatchSummary {
  /** Files that reached a status: ok + failed + skipped + notDicom. */
  files: number;
  ok: number;
  failed: number;
  /** Files the processor chose not to write (e.g. a policy skip), not counting notDicom. */
  skipped: number;
  /** Files that are not DICOM (sniffed, or reported NOT_DICOM by the processor). */
  notDicom: number;
  /** Files finished by an earlier run (counted in ok/skipped/notDicom; their counts are not in `counts`). */
  resumed: number;
  /** Entries not considered: our own temporary files, symlinked folders, sockets and FIFOs. */
  ignored: number;
  /** Files found by the walk (more than `files` when the batch was interrupted). */
  found: number;
  /** True when the batch was stopped by the signal before every file was done. */
  interrupted: boolean;
  /** Wall time of the batch in seconds. */
  seconds: number;
  /** Files processed in this run (not resumed) per second. */
  filesPerSecond: number;
  /** Worker threads used (0 = in this thread). */
  workers: number;
  /** The processors' counters summed over the files of this run. */
  counts: Record<string, number>;
  /** Diagnostics of this run counted by rule id. */
  diagnosticsByRule: Record<string, number>;
  /** Failed files counted by code. */
  failuresByCode: Record<string, number>;
  /** Skipped and non-DICOM files counted by code. */
  skipsByCode: Record<string, number>;
  /** Collisions of output paths resolved with a suffix. */
  renamed: number;
  /** Linkage rows appended (0 when no linkage file was asked for). */
  linkageRows: number;
  /** ISO 8601 start time. */
  startedAt: string;
}
