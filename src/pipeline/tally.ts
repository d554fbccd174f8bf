import type { BatchFileStatus, BatchSummary } from "./batch-types.js";
import type { TaskResult } from "./task.js";

const bump = (rec: Record<string, number>, key: string, n = 1): void => {
  rec[key] = (rec[key] ?? 0) + n;
};

/** Running totals of a batch, turned into the `BatchSummary` at the end. */
export class BatchTally {
  ok = 0;
  failed = 0;
  skipped = 0;
  notDicom = 0;
  resumed = 0;
  ignored = 0;
  renamed = 0;
  /** Files processed in this run (not resumed). */
  processed = 0;
  readonly counts: Record<string, number> = {};
  readonly diagnosticsByRule: Record<string, number> = {};
  readonly failuresByCode: Record<string, number> = {};
  readonly skipsByCode: Record<string, number> = {};

  /** Files that reached a status. */
  get files(): number {
    return this.ok + this.failed + this.skipped + this.notDicom;
  }

  /** Counts a file by status and code. */
  status(status: BatchFileStatus, code?: string): void {
    this[status]++;
    if (status === "failed") bump(this.failuresByCode, code ?? "UNKNOWN");
    else if (status !== "ok") bump(this.skipsByCode, code ?? "UNKNOWN");
  }

  /** Adds a processed file's status, counters and diagnostics. */
  add(status: BatchFileStatus, result: TaskResult): void {
    this.processed++;
    this.status(status, result.outcome.code);
    for (const [k, n] of Object.entries(result.outcome.counts)) if (typeof n === "number") bump(this.counts, k, n);
    for (const d of result.outcome.diagnostics) bump(this.diagnosticsByRule, d.rule);
  }

  /** The summary, given what only the runner knows. */
  summary(extra: { seconds: number; workers: number; found: number; interrupted: boolean; linkageRows: number; startedAt: string }): BatchSummary {
    const sorted = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    return {
      files: this.files, ok: this.ok, failed: this.failed, skipped: this.skipped, notDicom: this.notDicom,
      resumed: this.resumed, ignored: this.ignored, found: extra.found, interrupted: extra.interrupted,
      seconds: Math.round(extra.seconds * 1000) / 1000,
      filesPerSecond: extra.seconds > 0 ? Math.round((this.processed / extra.seconds) * 10) / 10 : 0,
      workers: extra.workers, counts: sorted(this.counts), diagnosticsByRule: sorted(this.diagnosticsByRule),
      failuresByCode: sorted(this.failuresByCode), skipsByCode: sorted(this.skipsByCode),
      renamed: this.renamed, linkageRows: extra.linkageRows, startedAt: extra.startedAt,
    };
  }
}
