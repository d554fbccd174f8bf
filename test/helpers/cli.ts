/** Runs the CLI in-process for tests, capturing what it writes (process streams untouched). */
import { main } from "../../src/cli/main.js";
import { withCliStreams } from "../../src/cli/io.js";

/** `dicom-deid <args>` in this process: exit code, stdout and stderr text. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const streams = { stdout: { write: (s: string | Uint8Array) => { out += String(s); } }, stderr: { write: (s: string | Uint8Array) => { err += String(s); } } };
  const code = await withCliStreams(streams, () => main(args));
  return { code, out, err };
}
