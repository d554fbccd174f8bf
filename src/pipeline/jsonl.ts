import { closeSync, constants, openSync, writeSync } from "node:fs";
import { DicomError } from "../core/errors.js";

/** Options of `JsonLinesFile`. */
export interface JsonLinesOptions {
  /** Keep what the file holds and add to it (default: start it empty). */
  append?: boolean;
  /** File mode when created (default 0o644). */
  mode?: number;
}

/**
 * A JSON-lines file written one whole line per write(2), so a crash leaves at most one
 * partial last line (readers skip it). Never follows a symlink at the path.
 */
export class JsonLinesFile {
  private fd: number | undefined;

  constructor(readonly path: string, options: JsonLinesOptions = {}) {
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
    const bytes = Buffer.from(text, "utf8");
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (e) {
      throw new DicomError("WRITE", `cannot write a report file (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`);
    }
  }

  /** Closes the file (idempotent). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
