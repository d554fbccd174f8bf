import { closeSync, constants, openSync, writeSync } from "node:fs";
import { DicomError } from "../core/errors.js";

/** Options of `JsonLinesFile`. */
export interface JsonLinesOptions {
  /** Keep what the file holds and add to it (default: start it empty). */
  append?: boolean;
  /** File mode when created (default 0o644). */
  mode?: number;
  /**
   * Gather lines and write them at most this many ms after the first one (one write(2) for
   * all; `close` writes the rest). A crash then loses at most that much. Default: each line at once.
   */
  flushMs?: number;
}

/** Gathered lines are written at once past this size. */
const FLUSH_BYTES = 64 * 1024;

/**
 * A JSON-lines file written in whole lines per write(2), so a crash leaves at most one
 * partial last line (readers skip it). Never follows a symlink at the path.
 */
export class JsonLinesFile {
  private fd: number | undefined;
  private readonly flushMs: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private timer?: NodeJS.Timeout;
  /** A write that failed in the timer, thrown by the next write or flush. */
  private failed?: unknown;

  constructor(readonly path: string, options: JsonLinesOptions = {}) {
    this.flushMs = options.flushMs ?? 0;
    const flags = constants.O_WRONLY | constants.O_CREAT | (options.append ? constants.O_APPEND : constants.O_TRUNC) | (constants.O_NOFOLLOW ?? 0);
    try {
      this.fd = openSync(path, flags, options.mode ?? 0o644);
    } catch (e) {
      throw new DicomError("WRITE", `cannot open a report file (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`);
    }
  }

  /** Appends one JSON line. */
  write(record: unknown): void {
    this.writeText(JSON.stringify(record) + "\n");
  }

  /** Appends text as it is (whole lines). */
  writeText(text: string): void {
    if (this.fd === undefined) throw new DicomError("WRITE", "report file is closed");
    if (this.failed) throw this.failed;
    if (this.flushMs <= 0) return this.writeNow(text);
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else this.timer ??= setTimeout(() => {
      try {
        this.flush();
      } catch (e) {
        this.failed = e;
      }
    }, this.flushMs).unref();
  }

  /** Writes the gathered lines now; throws a WRITE DicomError when this or an earlier gathered write failed. */
  flush(): void {
    if (this.failed) throw this.failed;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.length) return;
    const text = this.pending.join("");
    this.pending = [];
    this.pendingBytes = 0;
    this.writeNow(text);
  }

  private writeNow(text: string): void {
    const fd = this.fd;
    if (fd === undefined) throw new DicomError("WRITE", "report file is closed");
    const bytes = Buffer.from(text, "utf8");
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      throw new DicomError("WRITE", `cannot write a report file (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`);
    }
  }

  /** Writes what is gathered, as far as it can (call `flush` first to hear of a failure), and closes the file (idempotent). */
  close(): void {
    if (this.fd === undefined) return;
    try {
      if (!this.failed) this.flush();
    } catch {
      /* flush() reports write failures; close only releases the file */
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
