import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { OcrEngine } from "../../ocr/engine.js";
import type { ReviewEntry } from "../../report/html.js";
import { runCommand, UsageError } from "../run-command.js";
import { cliStreams } from "../io.js";

interface EvalFlags {
  groundTruth?: string;
  json?: string;
  html?: string;
  residual: boolean;
  ocrBaseline?: boolean;
  ocrEngine?: string;
  workers?: string;
  threshold?: string;
  blockMargin?: string;
  rows: boolean;
}

/** A number option in [min, max], or a usage error naming it. */
function numberOption(text: string, name: string, min: number, max: number): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || v < min || v > max) throw new UsageError(`${name} must be a number from ${min} to ${max}, got "${text}"`);
  return v;
}

/**
 * `dicom-deid eval <original> <output> [--ground-truth file] [--json out.json] [--html out.html] [--no-residual]`:
 * measures from the pixels how much of the ground-truth PHI a run hid, how much it redacted
 * outside the burned-in text, and what OCR can still read. Prints images by index and id, never
 * by name. Exit 0 whether or not the targets are met (1 for bad input, 2 for bad usage).
 */
export function registerEval(program: Command, setExit: (code: number) => void): void {
  program
    .command("eval")
    .description("evaluate a run against ground truth: PHI values hidden (recall), redaction precision, text still readable by OCR")
    .argument("<original>", "the folder (or file) that was de-identified; ground truth JSON beside each file is used")
    .argument("<output>", "the output folder of the run (files at the same relative paths)")
    .option("--ground-truth <file>", "ground truth JSON (overlay-phi or Presidio format), matched by file name")
    .option("--json <file>", "write the full report (counts and shares, no names or text) as JSON")
    .option("--html <file>", "write a review page: before/after thumbnails with redacted and missed boxes")
    .option("--no-residual", "skip OCR of the outputs (counts of values still readable)")
    .option("--ocr-baseline", "also OCR the originals, to show how many values OCR could read before redaction")
    .option("--ocr-engine <name>", "OCR engine of the residual check (default tesseract.js)")
    .option("--workers <n>", "OCR workers (default: all cores)")
    .option("--threshold <share>", "share of a value's box that must be redacted to count it hidden (default 0.9)")
    .option("--block-margin <px>", "pixels each ground-truth box is grown by to make the text block precision is measured against (default 3); on images scaled up k times, 3k keeps the margin of the text's own size")
    .option("--no-rows", "print the totals only")
    .action(async (original: string, output: string, flags: EvalFlags) => {
      setExit(await runCommand(undefined, async () => {
        if (!existsSync(original)) throw new UsageError("<original> does not exist");
        if (!existsSync(output) || !statSync(output).isDirectory()) throw new UsageError("<output> must be an existing folder");
        const [{ writeFileAtomic }, { parseGroundTruthText }, { reportJson }, { evalReviewEntry }, { evaluateFolders }, { formatEvalTable }, { createOcrEngine }, { DEFAULT_OCR_ENGINE, registerDefaultOcrEngines }, { renderHtmlReport }] = await Promise.all([
          import("../../io/atomic-write.js"), import("../../eval/ground-truth.js"), import("../../eval/report.js"), import("../../eval/review.js"),
          import("../../eval/run.js"), import("../../eval/table.js"), import("../../ocr/engine.js"), import("../../ocr/default-engines.js"), import("../../report/html.js"),
        ]);
        const workers = flags.workers === undefined ? undefined : Math.floor(numberOption(flags.workers, "--workers", 1, 256));
        const hiddenThreshold = flags.threshold === undefined ? undefined : numberOption(flags.threshold, "--threshold", 0.01, 1);
        const blockMargin = flags.blockMargin === undefined ? undefined : Math.floor(numberOption(flags.blockMargin, "--block-margin", 0, 10000));
        const groundTruth = flags.groundTruth ? parseGroundTruthText(readFileSync(flags.groundTruth, "utf8")) : undefined;
        let engine: OcrEngine | undefined;
        if (flags.residual) {
          registerDefaultOcrEngines();
          engine = await createOcrEngine(flags.ocrEngine ?? DEFAULT_OCR_ENGINE, { workers });
        }
        const entries: ReviewEntry[] = [];
        try {
          const report = await evaluateFolders({
            original: resolve(original),
            output: resolve(output),
            groundTruth,
            engine,
            baseline: flags.ocrBaseline,
            coverage: hiddenThreshold === undefined && blockMargin === undefined ? undefined : { hiddenThreshold, blockMargin },
            onImage: async (image, pair) => {
              if (flags.html) entries.push(await evalReviewEntry(image, pair));
              if (cliStreams().stderr.isTTY) cliStreams().stderr.write(`\rdicom-deid: evaluated ${image.index}`);
            },
          });
          if (cliStreams().stderr.isTTY) cliStreams().stderr.write("\n");
          cliStreams().stdout.write(formatEvalTable(report, { rows: flags.rows }));
          if (flags.json) writeFileAtomic(flags.json, new TextEncoder().encode(JSON.stringify(reportJson(report), null, 2) + "\n"), { protect: [resolve(original)] });
          if (flags.html) {
            entries.sort((a, b) => parseInt(a.id, 10) - parseInt(b.id, 10));
            const t = report.totals;
            const summary = [
              `recall ${t.recall === null ? "n/a" : t.recall.toFixed(4)} (target >= ${report.targets.recall}), precision ${t.precision === null ? "n/a" : t.precision.toFixed(4)} (target >= ${report.targets.precision})`,
              "boxes: redacted = measured from the pixels, missed = ground-truth value not hidden",
            ];
            writeFileAtomic(flags.html, new TextEncoder().encode(renderHtmlReport(entries, { title: "dicom-deid eval review", summary })), { protect: [resolve(original)] });
          }
          return 0;
        } finally {
          await engine?.close();
        }
      }));
    });
}
