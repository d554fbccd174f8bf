import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { cliStreams } from "../io.js";

/** The bundled samples folder (repo root `samples/`, from src/ or dist/). */
const SAMPLES = fileURLToPath(new URL("../../../samples/", import.meta.url));

/** `dicom-deid demo`: de-identifies the bundled samples into ./demo-output and prints the summary. */
export function registerDemo(program: Command, setExit: (code: number) => void, run: (argv: string[]) => Promise<number>): void {
  program
    .command("demo")
    .description("de-identify the bundled samples into ./demo-output and print the summary (what `npm start` runs)")
    .option("-o, --output <dir>", "output folder", "demo-output")
    .action(async (opts: { output: string }) => {
      const out = resolve(opts.output);
      cliStreams().stdout.write(`dicom-deid demo: de-identifying ${SAMPLES} -> ${out}\n`);
      const code = await run([
        "deidentify", SAMPLES, out, "--overwrite", "--clean-descriptors", "--retain-modified-dates",
        "--secret", "dicom-deid-demo-secret (not for real data)", "--linkage", join(out, "..", `${opts.output.replace(/[\\/]+$/, "")}-linkage.csv`),
      ]);
      try {
        cliStreams().stdout.write("\n" + readFileSync(join(out, "summary.txt"), "utf8"));
      } catch { /* the batch already said why */ }
      cliStreams().stdout.write(`\nTry: npx dicom-deid dump ${join(opts.output, "rtplan.dcm")}   (and compare with samples/rtplan.dcm)\n`);
      setExit(code);
    });
}
