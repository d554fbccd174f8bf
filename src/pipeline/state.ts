import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DicomError } from "../core/errors.js";
import { JsonLinesFile } from "./jsonl.js";

/** Name of the resume state file in the output folder. */
export const STATE_FILE = ".dicom-deid-state.jsonl";

/** State lines are gathered for at most this long (a crash loses at most this much: those files are redone on resume). */
const STATE_FLUSH_MS = 200;

/** What an earlier run finished for one input file. */
export interface StateRecord {
  size: number;
  mtimeMs: number;
  status: "ok" | "skipped" | "notDicom";
  /** Output path relative to the output root (status "ok"). */
  out?: string;
}

/** Options of `BatchState.open`. */
export interface BatchStateOptions {
  /** Load the earlier run's records and append (otherwise the file starts empty). */
  resume?: boolean;
  /** Fingerprint of the processor settings; a resume with a different one is refused. */
  fingerprint?: string;
}

/**
 * The resume state: `.dicom-deid-state.jsonl` in the output folder, a header line (with the
 * settings fingerprint, or a {fingerprint} line soon after it) then one line per finished
 * file {id, size, mtimeMs, status, out}, appended after its output was
 * renamed into place (so a line means a complete output), and {id, movedTo} when a collision
 * moved an output. Input paths are stored as ids (SHA-256 of the path), never as names.
 * Failed files get no line, so a resume always retries them.
 */
export class BatchState {
  private constructor(private readonly records: Map<string, StateRecord>, private readonly file: JsonLinesFile) {}

  /** Opens (and with `resume`, loads) the state of the output folder. */
  static open(outputDir: string, options: BatchStateOptions = {}): BatchState {
    const path = join(outputDir, STATE_FILE);
    const records = new Map<string, StateRecord>();
    let header = false;
    let recorded: string | undefined;
    if (options.resume && existsSync(path)) {
      const lines = readFileSync(path, "utf8").split("\n");
      for (const [i, line] of lines.entries()) {
        let r: Record<string, unknown>;
        try {
          r = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue; // a partial last line after a crash
        }
        if (i === 0) {
          if (r.dicomDeidState !== 1) throw new DicomError("CONFIG", "resume: the state file is not one this version understands");
          if (typeof r.fingerprint === "string") recorded = r.fingerprint;
          header = true;
        } else if (typeof r.fingerprint === "string" && r.id === undefined) {
          recorded ??= r.fingerprint;
        } else if (typeof r.id === "string" && typeof r.movedTo === "string") {
          const rec = records.get(r.id);
          if (rec) rec.out = r.movedTo;
        } else if (typeof r.id === "string" && typeof r.size === "number" && typeof r.mtimeMs === "number" && typeof r.status === "string") {
          records.set(r.id, { size: r.size, mtimeMs: r.mtimeMs, status: r.status as StateRecord["status"], out: typeof r.out === "string" ? r.out : undefined });
        }
      }
    }
    if (options.fingerprint !== undefined && recorded !== undefined && recorded !== options.fingerprint) {
      throw new DicomError("CONFIG", "resume: the processor settings differ from the earlier run");
    }
    const file = new JsonLinesFile(path, { append: header, flushMs: STATE_FLUSH_MS });
    if (!header) file.write({ dicomDeidState: 1, ...(options.fingerprint !== undefined ? { fingerprint: options.fingerprint } : {}) });
    else if (recorded === undefined && options.fingerprint !== undefined) file.write({ fingerprint: options.fingerprint });
    return new BatchState(records, file);
  }

  /**
   * Records the settings fingerprint when it was not known at `open` (it is computed while the
   * first files run). A resume compares it like the header's.
   */
  fingerprint(fingerprint: string): void {
    this.file.write({ fingerprint });
  }

  /** The earlier run's record of an input id, if any. */
  get(id: string): StateRecord | undefined {
    return this.records.get(id);
  }

  /** Calls `fn` for every output recorded by earlier runs. */
  forEachOutput(fn: (id: string, out: string) => void): void {
    for (const [id, r] of this.records) if (r.out !== undefined) fn(id, r.out);
  }

  /** Records a finished file (after its output is in place). */
  done(id: string, record: StateRecord): void {
    this.file.write({ id, ...record });
  }

  /** Records that an earlier output was moved to resolve a collision. */
  moved(id: string, to: string): void {
    this.file.write({ id, movedTo: to });
  }

  /** Writes the gathered lines; throws a WRITE DicomError when that fails. */
  flush(): void {
    this.file.flush();
  }

  /** Closes the state file. */
  close(): void {
    this.file.close();
  }
}
