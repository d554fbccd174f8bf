/**
 * A test processor: rewrites each file with readDicom/writeDicom (a pass-through), and
 * misbehaves on markers in the relative path: CRASH (uncaught error in the worker), HANG
 * (endless loop), OOM (allocates without end), THROW (throws with a fake value in the
 * message), SKIP (a policy skip), DELAY (waits 400 ms before it goes on).
 */
import { isDicomError } from "../../../src/core/errors.js";
import { readDicom } from "../../../src/io/read/read-file.js";
import { writeDicom } from "../../../src/io/write/write-file.js";
import type { ProcessResult } from "../../../src/pipeline/types.js";

/** Options of the test processor. */
export interface TestProcessorOptions {
  /** init throws. */
  failInit?: boolean;
  /** Every output goes to this path (to make collisions). */
  flat?: string;
  /** Return one linkage row per file. */
  linkage?: boolean;
  /** Return this output path for every file (unsafe-path tests). */
  outputRelPath?: string;
}

/** Throws when asked to, like a processor with bad settings. */
export function init(options: TestProcessorOptions = {}): void {
  if (options.failInit) throw new Error("init failed on purpose");
}

/** Processes one file (see the module comment for the markers). */
export async function processFile(bytes: Uint8Array, context: { relPath: string }, options: TestProcessorOptions = {}): Promise<ProcessResult> {
  const { relPath } = context;
  if (relPath.includes("CRASH")) {
    setTimeout(() => {
      throw new Error("crash on purpose");
    }, 0);
    await new Promise(() => {});
  }
  if (relPath.includes("HANG")) for (;;);
  if (relPath.includes("DELAY")) await new Promise((resolve) => setTimeout(resolve, 400));
  if (relPath.includes("OOM")) {
    const hog: number[][] = [];
    for (;;) hog.push(new Array(1_000_000).fill(1));
  }
  if (relPath.includes("THROW")) throw new TypeError("bad value JOHN^DOE");
  if (relPath.includes("SKIP")) return { outcome: { status: "skipped", code: "POLICY", reason: "skipped on purpose", counts: {}, diagnostics: [] } };
  try {
    const file = readDicom(bytes, { file: relPath });
    const output = writeDicom(file);
    return {
      output,
      outcome: {
        status: "ok",
        counts: { "test:files": 1, "test:elements": file.dataset.elements.length },
        diagnostics: file.warnings,
        outputRelPath: options.outputRelPath ?? options.flat,
        linkage: options.linkage ? [{ kind: "file", original: relPath, pseudonym: `P${relPath.length}` }] : undefined,
      },
    };
  } catch (e) {
    if (!isDicomError(e)) throw e;
    return { outcome: { status: "failed", code: e.code, reason: e.reason, counts: {}, diagnostics: [] } };
  }
}
