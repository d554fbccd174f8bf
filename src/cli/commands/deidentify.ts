import { createHash, scrypt } from "node:crypto";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { DeidProcessorOptions } from "../../pipeline/deid-processor.js";
import { optionFlags, processorOptionsFrom, type DeidFlags } from "../deid-options.js";
import { runCommand } from "../run-command.js";
import { cliStreams, setStdoutClosedHandler } from "../io.js";
import { MIRRORED_NAME_COUNT } from "../../pipeline/deid-counts.js";

/** URL of the de-identification processor module, for the worker threads. */
const PROCESSOR_URL = new URL("../../pipeline/deid-processor.js", import.meta.url);
/** Files each worker runs at once with the native OCR engine, whose batches are the stacks of the files waiting. */
const NATIVE_OCR_FILES_PER_WORKER = 16;

/**
 * The settings fingerprint stored in the output for --resume. It must not let anyone test
 * secret guesses cheaply, so the secret goes through scrypt (about 45 ms of CPU), run in the
 * thread pool while the batch starts.
 */
function fingerprintOf(o: DeidProcessorOptions): Promise<string> {
  return new Promise((done, fail) => {
    scrypt(o.secretHex, "dicom-deid-resume-fingerprint", 16, { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (e, key) => {
      if (e) return fail(e);
      done(createHash("sha256").update(JSON.stringify({ ...o, secretHex: key.toString("hex") })).digest("hex").slice(0, 16));
    });
  });
}

/** `dicom-deid deidentify <input> <output>`: the batch header (and later pixel) de-identification. */
export function registerDeidentify(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command("deidentify")
    .description("de-identify a DICOM file or folder (any depth) into an output folder, per PS3.15 Annex E")
    .argument("<input>", "DICOM file or folder (never modified)")
    .argument("<output>", "output folder (must not be inside the input)")
    .option("--config <file>", "recipe file (JSON or YAML): options, rules overriding the profile, safe private list")
    .option("--secret <text>", "secret key for UIDs, pseudonyms and date shifts (or DICOM_DEID_SECRET, or --secret-file)")
    .option("--secret-file <file>", "file holding the secret key")
    .option("--pseudonym-prefix <prefix>", "prefix of generated patient IDs (default ANON)")
    .option("--pseudonym-length <n>", "base32 characters of the keyed code in generated patient IDs, 6-26 (default 10)")
    .option("--mapping <csv>", "CSV original_id,new_id[,new_name]: patients not in it fail")
    .option("--linkage <csv>", "write original -> pseudonym and study UID pairs here (holds PHI)")
    .option("--date-shift-days <n>", "largest per-patient date shift with --retain-modified-dates (default 365)")
    .option("--layout <layout>", 'output layout: "mirror" (default) or "patient/study/series"')
    .option("--pixels <mode>", 'burned-in text: "phi" (default: OCR finds text, PHI is redacted), "all-text", or "off" (PixelData untouched unless a region applies)', "phi")
    .option("--ocr-engine <name>", "OCR engine: tesseract.js (default, bundled WebAssembly), tesseract-cli (native tesseract 4+ on PATH, batched, about 10% faster end to end) or auto (tesseract-cli when it runs, else tesseract.js); all read with the bundled language data")
    .option("--no-fail-safe", "keep text lines OCR could not read confidently (default: they are redacted)")
    .option("--no-hidden-rows", "do not cover the rows a redacted text stack would continue into over ground of its ink's own value, where nothing shows (default: they are covered)")
    .option("--redact-region <x,y,w,h>", "redact this rectangle in every frame of every image (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--region-rules <file>", "region rules (JSON): header conditions -> rectangles, or keep ultrasound regions (src/redact/regions/README.md)")
    .option("--workers <n>", "worker threads (default: all cores; with --pixels off and no regions, this thread, joined by one worker fewer for a large batch; 0 = in this thread)")
    .option("--resume", "skip files an earlier run into the same output finished")
    .option("--overwrite", "allow writing into a non-empty output folder")
    .option("--events <file>", "write JSON-lines events (per file and summary) to this file, or - for stdout")
    .option("--report-dir <dir>", "write summary and quarantine reports here (with input paths) instead of the output folder (without paths)")
    .option("--no-residual-check", "skip re-reading outputs for residual identifying values")
    .option("--lenient", "read damaged files leniently (partial reads still fail)");
  for (const o of optionFlags()) cmd.option(o.flag, o.help);
  cmd.action(async (input: string, output: string, flags: DeidFlags & { workers?: string; resume?: boolean; overwrite?: boolean; events?: string; pixels: string; reportDir?: string }) => {
    setExit(await runCommand(undefined, async () => {
      const warn = (m: string) => cliStreams().stderr.write(`dicom-deid: warning: ${m}\n`);
      const processorOptions = await processorOptionsFrom(flags, warn);
      const fingerprint = fingerprintOf(processorOptions);
      fingerprint.catch(() => undefined); // awaited by the batch; a batch that fails first must not leave it unhandled
      const { runBatch } = await import("../../pipeline/batch.js");
      const { createWriteStream } = await import("node:fs");
      // Standard output whose reader is gone takes no more writes; the batch goes on (exit code as usual).
      let closed = false;
      const stdout = { write: (s: string) => (closed ? true : cliStreams().stdout.write(s)) };
      setStdoutClosedHandler(() => {
        if (!closed) warn("standard output was closed; the batch goes on without writing there");
        closed = true;
      });
      const events = flags.events === "-" ? stdout : flags.events ? createWriteStream(flags.events) : undefined;
      const summary = await runBatch({
        input: resolve(input), output: resolve(output), processorUrl: PROCESSOR_URL, processorOptions,
        workers: flags.workers !== undefined ? Number(flags.workers) : undefined,
        quickFiles: processorOptions.pixels === "off" && !processorOptions.redactRects.length && !processorOptions.regionRulesText,
        // The native engine reads the images of the files waiting in a worker together (see tesseract-cli.ts).
        filesPerWorker: processorOptions.ocrConcurrentFiles ? NATIVE_OCR_FILES_PER_WORKER : undefined,
        resume: flags.resume, overwrite: flags.overwrite, linkagePath: flags.linkage ? resolve(flags.linkage) : undefined,
        reportDir: flags.reportDir ? resolve(flags.reportDir) : undefined, reportPaths: Boolean(flags.reportDir),
        fingerprint, events,
      });
      if (events && events !== stdout) (events as import("node:fs").WriteStream).end();
      const out = flags.events === "-" ? cliStreams().stderr : stdout;
      const reports = flags.reportDir ? resolve(flags.reportDir) : resolve(output);
      out.write(`dicom-deid: ${summary.ok} de-identified, ${summary.failed} failed (quarantined), ${summary.notDicom} not DICOM, ${summary.skipped} skipped${summary.resumed ? ` (${summary.resumed} done by an earlier run, resumed)` : ""}, in ${summary.seconds.toFixed(1)} s; reports in ${reports}\n`);
      const named = summary.counts[MIRRORED_NAME_COUNT] ?? 0;
      if (named) {
        warn(`${named} output file name(s), mirrored from the input, hold a patient name or ID of their file; ` +
          "use --layout patient/study/series to name outputs by pseudonyms and new UIDs");
      }
      if (summary.failed && !flags.reportDir) out.write("dicom-deid: quarantine.jsonl lists failed inputs by id; add --report-dir <private folder> to list their paths\n");
      return summary.failed > 0 ? 1 : 0;
    }));
    // The default comes back once the error events of the last writes (emitted on a later tick) are through.
    setImmediate(() => setStdoutClosedHandler(undefined));
  });
}
