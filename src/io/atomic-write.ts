import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, mkdirSync } from "node:fs";
import { dirname, resolve, basename, join } from "node:path";
import { randomBytes } from "node:crypto";
import { DicomError } from "../core/errors.js";

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /** Paths that must never be overwritten (the inputs). */
  protect?: readonly string[];
  /** fsync the file before the rename (survives power loss; slower). Default false. */
  durable?: boolean;
}

/** True when the two paths name the same existing file (same device and inode). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Writes bytes to `path` atomically: a temporary file in the same folder, then a rename
 * (readers never see a partial file; `durable` adds an fsync before the rename).
 * Refuses to overwrite any protected path (an input), so inputs are never touched.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): void {
  for (const p of options.protect ?? []) {
    if (sameFile(p, path)) throw new DicomError("WRITE", "refusing to overwrite an input file", { file: basename(path) });
  }
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx");
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    if (options.durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try { unlinkSync(tmp); } catch { /* already gone */ }
    if (e instanceof DicomError) throw e;
    throw new DicomError("WRITE", `cannot write output (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`, { file: basename(path) });
  }
}
