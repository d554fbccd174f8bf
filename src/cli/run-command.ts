import { basename } from "node:path";
import { isDicomError } from "../core/errors.js";
import { cliStreams } from "./io.js";

/** Exit codes of every command: 0 ok, 1 bad input, 2 usage. */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;

/** A usage error (wrong flags or arguments): exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command body and turns any failure into one line on stderr plus an exit code:
 * never a stack trace for bad input (set DICOM_DEID_DEBUG=1 to see one for a bug).
 */
export async function runCommand(file: string | undefined, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      cliStreams().stderr.write(`dicom-deid: ${e.message}\n`);
      return EXIT.usage;
    }
    if (isDicomError(e)) {
      if (file && !e.file) e.withContext({ file: basename(file) });
      cliStreams().stderr.write(`dicom-deid: ${e.message}\n`);
      return EXIT.badInput;
    }
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
      cliStreams().stderr.write(`dicom-deid: ${file ? basename(file) + ": " : ""}cannot read (${code})\n`);
      return EXIT.badInput;
    }
    cliStreams().stderr.write(`dicom-deid: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.DICOM_DEID_DEBUG) cliStreams().stderr.write(`${(e as Error)?.stack}\n`);
    return EXIT.badInput;
  }
}
