// De-identification benchmark: `deidentify --pixels off` on overlay-phi (built CLI, whole
// process, best of 3) beside gdcmanon's basic profile on the same files; plus the engine
// alone in this process (read, de-identify, write, residual check; no disk).
import { execFileSync } from "node:child_process";
import { linkSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deidentifyBytes } from "../src/deid/deidentify.js";
import { BASIC_PROFILE } from "../src/profile/options.js";
import { secretFromText } from "../src/deid/keyed.js";
import { SHARED, hasCommand, line, overlayFiles, timeCommand, timeIt, totalBytes } from "./bench-lib.js";

const BIN = fileURLToPath(new URL("../bin/dicom-deid.js", import.meta.url));

/** Runs the de-identification benchmark and prints its lines. */
export async function benchDeid(): Promise<void> {
  const files = overlayFiles();
  if (!files.length) { console.log("deid: ../shared/data/overlay-phi not found; skipped"); return; }
  const bytes = totalBytes(files);
  console.log(`\n== deid (--pixels off): ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (overlay-phi) ==`);
  const buffers = files.map((f) => new Uint8Array(readFileSync(f)));
  const options = { profile: BASIC_PROFILE, secret: secretFromText("bench-secret"), pseudonym: { prefix: "ANON" }, maxShiftDays: 365 };
  const engine = await timeIt(() => { for (const b of buffers) deidentifyBytes(b, options); }, 3);
  console.log(line("engine in process (no disk, 1 thread)", engine, files.length, bytes));
  const out = mkdtempSync(join(tmpdir(), "dicom-deid-bench-"));
  const ours: Record<string, number> = {};
  // The default (no --workers) is what a user runs: this thread plus workers for header-only batches.
  for (const workers of ["0", "default", "2"]) {
    const dir = join(out, `ours-${workers}`);
    const args = [BIN, "deidentify", join(SHARED!, "overlay-phi"), dir, "--secret", "bench-secret", "--pixels", "off", ...(workers === "default" ? [] : ["--workers", workers])];
    ours[workers] = timeCommand(process.execPath, args, 3, () => rmSync(dir, { recursive: true, force: true }));
    console.log(line(`dicom-deid deidentify, ${workers === "default" ? "default" : `workers=${workers}`} (process)`, ours[workers], files.length, bytes));
  }
  if (hasCommand("gdcmanon") && hasCommand("openssl")) {
    const cert = join(out, "cert.pem");
    timeCommand("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-keyout", join(out, "key.pem"), "-out", cert, "-days", "1", "-nodes", "-subj", "/CN=bench"], 1);
    const gd = join(out, "gdcmanon");
    const g = timeCommand("gdcmanon", ["-e", "-c", cert, "--continue", "-r", "-i", join(SHARED!, "overlay-phi"), "-o", gd], 3, () => { rmSync(gd, { recursive: true, force: true }); mkdirSync(gd); });
    console.log(line("gdcmanon basic profile (process)", g, files.length, bytes));
    console.log(`ratio dicom-deid (default) / gdcmanon: ${(ours.default / g).toFixed(2)}x (target <= 1.5x; gdcmanon keeps dates and private tags, adds no method codes, does no residual check)`);
    floor(out, g);
    scaled(out, files, bytes, cert);
  } else {
    console.log("gdcmanon: not installed (apt-get install libgdcm-tools); no ratio");
  }
  rmSync(out, { recursive: true, force: true });
}

/**
 * The start-up floor: Node alone, and `deidentify` on an empty folder (Node, CLI, engine load,
 * reports), beside 1.5x gdcmanon's whole run on the 154 files.
 */
function floor(out: string, gdcmanon: number): void {
  const empty = join(out, "empty-in");
  mkdirSync(empty);
  const node = timeCommand(process.execPath, ["-e", "0"], 5);
  const dir = join(out, "empty-out");
  const cli = timeCommand(process.execPath, [BIN, "deidentify", empty, dir, "--secret", "bench-secret", "--pixels", "off"], 5, () => rmSync(dir, { recursive: true, force: true }));
  console.log(`start-up floor: node -e 0 ${node.toFixed(3)} s; deidentify of an empty folder ${cli.toFixed(3)} s; 1.5x gdcmanon's whole run ${(1.5 * gdcmanon).toFixed(3)} s`);
}

/** Copies of overlay-phi in the scaled run: start-up is paid once, so the ratio shows throughput. */
const COPIES = 8;

/** Flushes written files so that one run's writeback does not slow the next. */
const settle = (): void => { try { execFileSync("sync"); } catch { /* no sync: timings are rougher */ } };

/**
 * The same comparison on COPIES hard-linked copies of the files (no extra disk for inputs), both
 * tools from a settled file system, best of 2: what a batch of thousands of files sees.
 */
function scaled(out: string, files: string[], bytes: number, cert: string): void {
  const input = join(out, "scaled-in");
  for (let c = 0; c < COPIES; c++) {
    mkdirSync(join(input, `copy${c}`), { recursive: true });
    for (const f of files) linkSync(f, join(input, `copy${c}`, basename(f)));
  }
  const n = files.length * COPIES;
  const dir = join(out, "scaled-ours");
  const gd = join(out, "scaled-gdcmanon");
  const t = timeCommand(process.execPath, [BIN, "deidentify", input, dir, "--secret", "bench-secret", "--pixels", "off"], 2, () => { rmSync(dir, { recursive: true, force: true }); settle(); });
  const g = timeCommand("gdcmanon", ["-e", "-c", cert, "--continue", "-r", "-i", input, "-o", gd], 2, () => { rmSync(gd, { recursive: true, force: true }); mkdirSync(gd); settle(); });
  console.log(`-- ${COPIES} copies: ${n} files, ${((bytes * COPIES) / 1e6).toFixed(0)} MB --`);
  console.log(line("dicom-deid deidentify, default (process)", t, n, bytes * COPIES));
  console.log(line("gdcmanon basic profile (process)", g, n, bytes * COPIES));
  console.log(`ratio at ${n} files: ${(t / g).toFixed(2)}x`);
}
