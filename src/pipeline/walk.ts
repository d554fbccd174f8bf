import { opendir, stat } from "node:fs/promises";
import { basename, join } from "node:path";

/** A file found by the walk. */
export interface WalkEntry {
  /** Absolute path, to open. */
  absPath: string;
  /** Path relative to the input root with "/" separators (for an input file: its name). */
  relPath: string;
}

/** A folder the walk could not read. */
export interface WalkError {
  relPath: string;
  /** Node's errno code (e.g. "EACCES"). */
  code: string;
}

/** Options of `walkFiles`. */
export interface WalkOptions {
  /** Called for each entry left out (our temporary files, symlinked folders, sockets, FIFOs). */
  onIgnored?: (relPath: string) => void;
  /** Called for each folder that cannot be read; the walk goes on. */
  onError?: (error: WalkError) => void;
}

/** The temporary files `writeFileAtomic` leaves behind when killed: ".<name>.<pid>.<hex8>.tmp". */
const OWN_TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** True when a file name is one of dicom-deid's own temporary files. */
export function isOwnTempFile(name: string): boolean {
  return OWN_TEMP.test(name);
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Enumerates the regular files under `root` (or `root` itself when it is a file), depth
 * first in code-unit order of names, so the order is the same on every run and platform.
 * Symlinks to files are followed, symlinks to folders are not (no loops, no escapes).
 */
export async function* walkFiles(root: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const info = await stat(root);
  if (!info.isDirectory()) {
    yield { absPath: root, relPath: basename(root) };
    return;
  }
  yield* walkFolder(root, "", options);
}

async function* walkFolder(abs: string, rel: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const entries: { name: string; kind: "file" | "dir" | "other" }[] = [];
  try {
    const dir = await opendir(abs);
    for await (const d of dir) {
      let kind: "file" | "dir" | "other" = d.isFile() ? "file" : d.isDirectory() ? "dir" : "other";
      if (d.isSymbolicLink()) {
        try {
          kind = (await stat(join(abs, d.name))).isFile() ? "file" : "other";
        } catch {
          kind = "other"; // dangling link
        }
      }
      entries.push({ name: d.name, kind });
    }
  } catch (e) {
    options.onError?.({ relPath: rel || ".", code: (e as NodeJS.ErrnoException).code ?? "EIO" });
    return;
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const e of entries) {
    const childRel = rel ? `${rel}/${e.name}` : e.name;
    if (e.kind === "dir") yield* walkFolder(join(abs, e.name), childRel, options);
    else if (e.kind === "file" && !isOwnTempFile(e.name)) yield { absPath: join(abs, e.name), relPath: childRel };
    else options.onIgnored?.(childRel);
  }
}
