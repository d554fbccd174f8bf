import { closeSync, copyFileSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, mkdirSync } from "node:fs";
import { dirname, resolve, basename, join } from "node:path";
import { randomBytes } from "node:crypto";
import { DicomError } from "../core/errors.js";

/** Options of `writeFileAtomic` and `moveIntoPlace`. */
export interface AtomicWriteOptions {
  /** Paths that must never be overwritten (the inputs). */
  protect?: readonly string[];
  /** fsync the file before the rename (survives power loss; slower). Default false. */
  durable?: boolean;
}

/** Names a failed write by its errno code only (never a path or value). */
function writeError(e: unknown, path: string): DicomError {
  if (e instanceof DicomError) return e;
  return new DicomError("WRITE", `cannot write output (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`, { file: basename(path) });
}

/**
 * Refuses a target that is one of the protected files. A rename replaces the target's directory
 * entry and never writes into the file it named, so only the very same entry (or an entry of
 * the same file reached through another path) is a danger; a missing target is safe.
 */
function checkProtected(path: string, protect: readonly string[]): void {
  if (!protect.length) return;
  const target = resolve(path);
  const st = statSync(target, { throwIfNoEntry: false });
  for (const p of protect) {
    if (resolve(p) === target) throw new DicomError("WRITE", "refusing to overwrite an input file", { file: basename(path) });
    if (!st) continue;
    const sp = statSync(p, { throwIfNoEntry: false });
    if (sp && sp.dev === st.dev && sp.ino === st.ino) throw new DicomError("WRITE", "refusing to overwrite an input file", { file: basename(path) });
  }
}

/**
 * Writes bytes to a new file that must not exist yet (a staging file: no reader looks at it
 * until `moveIntoPlace`). Removes what it wrote when it fails, never a file that was there
 * already; throws a WRITE DicomError.
 */
export function writeNewFile(path: string, bytes: Uint8Array, options: Pick<AtomicWriteOptions, "durable"> = {}): void {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    throw writeError(e, path); // not ours: an existing file stays
  }
  try {
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    if (options.durable) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try { unlinkSync(path); } catch { /* gone already */ }
    throw writeError(e, path);
  }
  try {
    closeSync(fd);
  } catch (e) {
    try { unlinkSync(path); } catch { /* gone already */ }
    throw writeError(e, path);
  }
}

/**
 * Moves a staged file to `path` in one rename, so readers see the old file or the whole new
 * one. The staged file must be on the same file system (a copy to a temporary name in the
 * target folder, then a rename, when it is not). Refuses to replace a protected path. The
 * staged file is gone afterwards, whether this succeeds or throws (a WRITE DicomError).
 */
export function moveIntoPlace(staged: string, path: string, options: AtomicWriteOptions = {}): void {
  try {
    checkProtected(path, options.protect ?? []);
    try {
      renameSync(staged, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
      const tmp = temporaryName(path);
      try {
        copyFileSync(staged, tmp);
        renameSync(tmp, path);
      } catch (e2) {
        try { unlinkSync(tmp); } catch { /* never created */ }
        throw e2;
      }
      unlinkSync(staged);
    }
  } catch (e) {
    try { unlinkSync(staged); } catch { /* already moved or gone */ }
    throw writeError(e, path);
  }
}

/** A temporary name beside `path` that no other writer picks. */
function temporaryName(path: string): string {
  return join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Writes bytes to `path` atomically: a temporary file in the same folder, then a rename
 * (readers never see a partial file; `durable` adds an fsync before the rename).
 * Refuses to overwrite any protected path (an input), so inputs are never touched.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): void {
  checkProtected(path, options.protect ?? []);
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
  } catch (e) {
    throw writeError(e, path);
  }
  const tmp = temporaryName(path);
  writeNewFile(tmp, bytes, options);
  moveIntoPlace(tmp, path, options);
}
