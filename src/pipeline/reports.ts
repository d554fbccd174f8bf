import { closeSync, constants, existsSync, openSync, readSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DicomError } from "../core/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { csvCells, csvField } from "../io/csv.js";
import type { BatchSummary } from "./batch-types.js";

/** Names of the report files in the report folder. */
export const REPORT_FILES = { quarantine: "quarantine.jsonl", summaryJson: "summary.json", summaryText: "summary.txt" } as const;

/** One line of quarantine.jsonl: which input failed, with code and reason (no values). */
export interface QuarantineEntry {
  /** Input path relative to the input root, only with `reportPaths` (file names may carry PHI). */
  relPath?: string;
  /** Stable id of the input path (SHA-256 prefix), always present. */
  inputId: string;
  code: string;
  reason: string;
}

/** The first line of a file (up to 64 KiB), or undefined when it is empty. */
function firstLine(path: string): string | undefined {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n === 0) return undefined;
    const text = buf.subarray(0, n).toString("utf8");
    const nl = text.search(/\r?\n/);
    return nl < 0 ? text : text.slice(0, nl);
  } finally {
    closeSync(fd);
  }
}

/**
 * The linkage CSV (original -> pseudonym rows from the processor). Holds PHI by design, so
 * it is written only when asked, with mode 0600, and appended to (never truncated): an
 * existing file keeps its header, and its columns are the ones used.
 */
export class LinkageWriter {
  private columns?: string[];
  private fd?: number;
  private pendingHeader: boolean;
  /** Rows appended so far. */
  rows = 0;

  constructor(readonly path: string, columns?: readonly string[]) {
    const existing = existsSync(path) ? firstLine(path) : undefined;
    if (existing !== undefined) {
      const have = csvCells(existing) ?? [];
      if (columns && columns.join("\0") !== have.join("\0")) throw new DicomError("CONFIG", "linkage file exists with other columns");
      this.columns = have;
    } else if (columns) {
      this.columns = [...columns];
    }
    this.pendingHeader = existing === undefined;
    try {
      this.fd = openSync(this.path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0), 0o600);
    } catch (e) {
      throw new DicomError("WRITE", `cannot open the linkage file (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`);
    }
  }

  /** Why these rows cannot be written (a column outside the header), or undefined when they can. */
  check(rows: readonly Record<string, string>[]): string | undefined {
    const cols = this.columns ?? Object.keys(rows[0] ?? {});
    for (const r of rows) {
      for (const k of Object.keys(r)) if (!cols.includes(k)) return "linkage row has a column outside the linkage file header";
    }
    return undefined;
  }

  /** Appends rows (call `check` first); the header goes in before the first row of a new file. */
  append(rows: readonly Record<string, string>[]): void {
    if (rows.length === 0 || this.fd === undefined) return;
    this.columns ??= Object.keys(rows[0]);
    let text = this.pendingHeader ? this.columns.map(csvField).join(",") + "\n" : "";
    for (const r of rows) text += this.columns.map((c) => csvField(String(r[c] ?? ""))).join(",") + "\n";
    const bytes = Buffer.from(text, "utf8");
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (e) {
      throw new DicomError("WRITE", `cannot write the linkage file (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`);
    }
    this.pendingHeader = false;
    this.rows += rows.length;
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Lines "  key: n" sorted by count (descending) then key, at most `limit`. */
function table(rec: Record<string, number>, limit = 40): string[] {
  const rows = Object.entries(rec).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const lines = rows.slice(0, limit).map(([k, n]) => `  ${k}: ${n}`);
  if (rows.length > limit) lines.push(`  ... and ${rows.length - limit} more (see summary.json)`);
  return lines.length ? lines : ["  (none)"];
}

/** The readable summary.txt: totals, failures by code, counters, diagnostics by rule. */
export function formatSummary(s: BatchSummary): string {
  const lines = [
    `dicom-deid batch summary (${s.startedAt})`,
    ``,
    `files:      ${s.files}${s.interrupted ? ` (interrupted; ${s.found} found)` : ""}`,
    `ok:         ${s.ok}`,
    `failed:     ${s.failed}${s.failed ? " (see quarantine.jsonl)" : ""}`,
    `skipped:    ${s.skipped}`,
    `not DICOM:  ${s.notDicom}`,
    `resumed:    ${s.resumed}`,
    `ignored:    ${s.ignored}`,
    `renamed:    ${s.renamed}`,
    `linkage:    ${s.linkageRows} rows`,
    `time:       ${s.seconds.toFixed(1)} s, ${s.filesPerSecond.toFixed(1)} files/s, ${s.workers} worker${s.workers === 1 ? "" : "s"}`,
    ``,
    `failures by code:`, ...table(s.failuresByCode),
    `skips by code:`, ...table(s.skipsByCode),
    `counts:`, ...table(s.counts, 200),
    `diagnostics by rule:`, ...table(s.diagnosticsByRule, 200),
  ];
  return lines.join("\n") + "\n";
}

/** Writes summary.json and summary.txt into the report folder (atomically). */
export function writeSummary(reportDir: string, summary: BatchSummary, protect: readonly string[] = []): void {
  writeFileAtomic(join(reportDir, REPORT_FILES.summaryJson), Buffer.from(JSON.stringify(summary, null, 2) + "\n"), { protect });
  writeFileAtomic(join(reportDir, REPORT_FILES.summaryText), Buffer.from(formatSummary(summary)), { protect });
}
