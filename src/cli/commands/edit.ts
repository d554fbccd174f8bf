import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { DicomError } from "../../core/errors.js";
import { readDicom } from "../../io/read/read-file.js";
import { writeDicom } from "../../io/write/write-file.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { parsePath } from "../../dataset/path.js";
import { removeValue, resolve, setAt } from "../../dataset/edit.js";
import { runCommand, UsageError } from "../run-command.js";

const collect = (v: string, prev: string[]) => [...prev, v];

/** Splits "PATH=VALUE" (first '=' outside a quoted private creator) into path and values. */
function splitAssignment(s: string): { path: string; values: string[] } {
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') inQuote = !inQuote;
    else if (s[i] === "=" && !inQuote) return { path: s.slice(0, i), values: s.slice(i + 1).split("\\") };
  }
  throw new UsageError(`--set needs PATH=VALUE, got "${s.split("=")[0]}"`);
}

/** The first tag of a path, when given as a tag or keyword (not a private creator reference). */
function firstTag(path: string): number | undefined {
  return parsePath(path)[0].tag;
}

/** True when a first tag is in the file meta group (0002). */
const isMeta = (t: number | undefined): boolean => t !== undefined && t >>> 16 === 0x0002;

/** `dicom-deid edit <file> -o <out> [--set PATH=VALUE]... [--remove PATH]...`. */
export function registerEdit(program: Command, setExit: (code: number) => void): void {
  program
    .command("edit")
    .description("set or remove elements at any depth and write a new file; with no operations, rewrite it unchanged")
    .argument("<file>", "DICOM file to read (never modified)")
    .requiredOption("-o, --output <file>", "file to write (atomically; must not be the input)")
    .option("--set <path=value>", "set a value, e.g. PatientName=DOE^JANE or ReferencedImageSequence[0].ReferencedSOPInstanceUID=1.2.3 (repeatable; backslash separates values)", collect, [])
    .option("--vr <vr>", "VR to use for new elements whose tag is not in the dictionary")
    .option("--remove <path>", "remove an element, e.g. (0010,1000) or (0029,\"CREATOR\",10) (repeatable)", collect, [])
    .option("--lenient", "read damaged files leniently")
    .action(async (file: string, opts: { output: string; set: string[]; remove: string[]; vr?: string; lenient?: boolean }) => {
      setExit(await runCommand(file, () => {
        const f = readDicom(new Uint8Array(readFileSync(file)), { file: basename(file), lenient: opts.lenient });
        for (const s of opts.set) {
          const { path, values } = splitAssignment(s);
          const first = firstTag(path);
          const meta = isMeta(first);
          if (first === 0x00020010) throw new UsageError("the transfer syntax cannot be changed with edit");
          const locs = resolve(meta ? f.meta : f.dataset, path, { create: true });
          if (locs.length === 0) throw new DicomError("BAD_PATH", `nothing at ${path}`);
          for (const loc of locs) setAt(loc, values, opts.vr);
        }
        for (const path of opts.remove) removeValue(isMeta(firstTag(path)) ? f.meta : f.dataset, path);
        writeFileAtomic(opts.output, writeDicom(f), { protect: [file] });
        return 0;
      }));
    });
}
