// Where the CLI writes. Commands write through these streams, not process.stdout/stderr directly,
// so that a test can capture their output without replacing process.stdout: under node:test that
// stream also carries the runner's own reports, which a capture held across an await swallows.

/** What the CLI needs of an output stream. */
export interface CliStream {
  write(data: string | Uint8Array): unknown;
  /** True on a terminal (progress lines are drawn only there). */
  isTTY?: boolean;
}

/** The CLI's standard output and standard error. */
export interface CliStreams {
  stdout: CliStream;
  stderr: CliStream;
}

let current: CliStreams | undefined;

/** The streams commands write to: the process's own, unless `withCliStreams` put others in place. */
export function cliStreams(): CliStreams {
  return current ?? { stdout: process.stdout, stderr: process.stderr };
}

/** Runs `fn` with the CLI writing to `streams` (tests), then restores the previous streams. */
export async function withCliStreams<T>(streams: CliStreams, fn: () => Promise<T>): Promise<T> {
  const before = current;
  current = streams;
  try {
    return await fn();
  } finally {
    current = before;
  }
}

let onStdoutClosed: (() => void) | undefined;

/**
 * While a batch runs, a closed standard output (its reader gone: `--events - | head`) is handed
 * to `handler` rather than ending the process, so the batch does not stop half done with exit 0.
 * `undefined` restores the default: the command ends quietly (`dump ... | head`).
 */
export function setStdoutClosedHandler(handler: (() => void) | undefined): void {
  onStdoutClosed = handler;
}

/** Called on EPIPE on standard output: true when a handler took it (the process goes on). */
export function handleStdoutClosed(): boolean {
  if (onStdoutClosed === undefined) return false;
  onStdoutClosed();
  return true;
}
