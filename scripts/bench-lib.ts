// Shared helpers of `npm run bench`: timing, peer-tool detection, formatting.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** ../shared/data beside the repo, or undefined. */
export const SHARED = (() => {
  const p = fileURLToPath(new URL("../../shared/data", import.meta.url));
  return existsSync(p) ? p : undefined;
})();

/** The overlay-phi benchmark files (DICOM only). */
export function overlayFiles(): string[] {
  if (!SHARED) return [];
  const dir = join(SHARED, "overlay-phi");
  return readdirSync(dir).filter((f) => f.endsWith(".dcm")).sort().map((f) => join(dir, f));
}

/** Total size of files in bytes. */
export function totalBytes(files: string[]): number {
  return files.reduce((s, f) => s + statSync(f).size, 0);
}

/** True when a command is on PATH. */
export function hasCommand(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Wall time of a shell command, best of `runs`, in seconds. */
export function timeCommand(cmd: string, args: string[], runs = 3, before?: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    before?.();
    const t0 = performance.now();
    try { execFileSync(cmd, args, { stdio: "ignore" }); } catch { /* peer tools may exit non-zero on skipped files */ }
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

/** Best-of-`runs` wall time of a function, in seconds. */
export async function timeIt(fn: () => unknown, runs = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

/** One result line: what, seconds, files/s, MB/s. */
export function line(what: string, seconds: number, files: number, bytes: number): string {
  return `${what.padEnd(44)} ${seconds.toFixed(3).padStart(8)} s  ${(files / seconds).toFixed(0).padStart(6)} files/s  ${(bytes / 1e6 / seconds).toFixed(0).padStart(5)} MB/s`;
}
