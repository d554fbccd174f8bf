import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { readDicom } from "../../io/read/read-file.js";
import { dumpDataset } from "../../dataset/dump.js";
import { toDicomJson } from "../../dataset/json.js";
import { runCommand } from "../run-command.js";
import { cliStreams } from "../io.js";

/** `dicom-deid dump <file> [--json] [--lenient]`: a readable listing or the DICOM JSON model. */
export function registerDump(program: Command, setExit: (code: number) => void): void {
  program
    .command("dump")
    .description("list a file's elements (tag, VR, value preview, length, keyword), or print the DICOM JSON model")
    .argument("<file>", "DICOM file")
    .option("--json", "print the DICOM JSON model (PS3.18 F)")
    .option("--bulk-limit <bytes>", "with --json, omit binary values larger than this", (v) => parseInt(v, 10))
    .option("--lenient", "read what can be read and report problems as warnings")
    .action(async (file: string, opts: { json?: boolean; lenient?: boolean; bulkLimit?: number }) => {
      setExit(await runCommand(file, () => {
        const f = readDicom(new Uint8Array(readFileSync(file)), { file: basename(file), lenient: opts.lenient });
        if (opts.json) {
          const out = { ...toDicomJson(f.meta, { bulkDataLimit: opts.bulkLimit }), ...toDicomJson(f.dataset, { bulkDataLimit: opts.bulkLimit }) };
          cliStreams().stdout.write(JSON.stringify(out, null, 2) + "\n");
        } else {
          const lines = [
            `# ${basename(file)}: ${f.transferSyntax.name} (${f.transferSyntax.uid})${f.hasMeta ? "" : ", no file meta"}`,
            "# File meta information",
            ...dumpDataset(f.meta),
            "# Dataset",
            ...dumpDataset(f.dataset),
          ];
          cliStreams().stdout.write(lines.join("\n") + "\n");
        }
        for (const w of f.warnings) cliStreams().stderr.write(`dicom-deid: ${w.severity}: ${w.rule}${w.tagPath ? " at " + w.tagPath : ""}${w.offset !== undefined ? ", offset " + w.offset : ""}: ${w.reason}\n`);
        return 0;
      }));
    });
}
