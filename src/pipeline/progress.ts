import { performance } from "node:perf_hooks";
import type { ProgressStream } from "./batch-types.js";

/** What the progress line shows. */
export interface ProgressState {
  /** Files that reached a status (including resumed ones). */
  done: number;
  /** Files found so far. */
  found: number;
  /** True while the walk is still finding files (the total may grow). */
  walking: boolean;
  failed: number;
  /** Files processed in this run (the rate ignores resumed files). */
  processed: number;
}

/** "1h02m", "3m05s", "42s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

/** The progress line: bar, done/total, failed, files/s and ETA, cut to `columns`. */
export function formatProgress(state: ProgressState, elapsedSeconds: number, columns = 80): string {
  const rate = elapsedSeconds > 0 ? state.processed / elapsedSeconds : 0;
  const remaining = state.found - state.done;
  const eta = state.walking || rate === 0 ? "?" : formatDuration(remaining / rate);
  const total = `${state.found}${state.walking ? "+" : ""}`;
  const text = ` ${state.done}/${total}  failed ${state.failed}  ${rate.toFixed(1)} files/s  ETA ${eta}`;
  const width = Math.max(0, Math.min(30, columns - text.length - 3));
  const filled = state.found > 0 ? Math.round((width * state.done) / state.found) : 0;
  const bar = width >= 5 ? `[${"#".repeat(filled)}${"-".repeat(width - filled)}]` : "";
  return (bar + text).slice(0, Math.max(0, columns - 1));
}

/**
 * A single-line progress bar redrawn in place ("\r") at most every `intervalMs`; draws
 * nothing unless the stream is a TTY, so logs and pipes stay clean.
 */
export class ProgressBar {
  private readonly t0 = performance.now();
  private last = -Infinity;
  private drawn = false;

  constructor(private readonly stream: ProgressStream | undefined, private readonly intervalMs = 200) {}

  /** True when the bar draws at all. */
  get enabled(): boolean {
    return this.stream?.isTTY === true;
  }

  /** Redraws the line (throttled unless `force`). */
  update(state: ProgressState, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    this.stream!.write(`\r\x1b[2K${formatProgress(state, (now - this.t0) / 1000, this.stream!.columns ?? 80)}`);
    this.drawn = true;
  }

  /** Clears the line. */
  finish(): void {
    if (this.enabled && this.drawn) this.stream!.write("\r\x1b[2K");
  }
}
