import { lstatSync, mkdirSync, realpathSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { DicomError } from "../core/errors.js";
import { isInside } from "./paths.js";

/** The staging folder's name at the output root (no output may use it). */
export const STAGING_DIR = ".dicom-deid-staging";

/**
 * A folder at the output root where the thread that de-identifies a file also writes its output
 * (workers write in parallel and send back a file name, not the bytes); the batch then moves it
 * into place with one rename on the same file system. Leftovers of an interrupted run are cleared
 * when it opens, and the folder is removed when it closes.
 */
export class Staging {
  private next = 0;

  private constructor(readonly dir: string) {}

  /** Creates (or clears) the staging folder; throws a CONFIG DicomError when it is not a plain folder inside the output. */
  static open(outputRoot: string): Staging {
    const dir = join(outputRoot, STAGING_DIR);
    try {
      const st = lstatSync(dir, { throwIfNoEntry: false });
      if (st && !st.isDirectory()) throw new DicomError("CONFIG", `the output holds a "${STAGING_DIR}" that is not a folder`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      if (!isInside(realpathSync(dir), outputRoot)) throw new DicomError("CONFIG", "the staging folder leads out of the output root");
    } catch (e) {
      if (e instanceof DicomError) throw e;
      throw new DicomError("WRITE", `cannot create the staging folder in the output (${(e as NodeJS.ErrnoException).code ?? "I/O error"})`);
    }
    return new Staging(dir);
  }

  /** A fresh file name in the staging folder. */
  take(): string {
    return join(this.dir, `${this.next++}.part`);
  }

  /** Removes a staged file that will not be moved into place. */
  discard(path: string): void {
    try { unlinkSync(path); } catch { /* gone already */ }
  }

  /** Removes the folder and whatever a stopped file left in it. */
  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
