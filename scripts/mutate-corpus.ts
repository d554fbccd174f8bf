// `node --import tsx scripts/mutate-corpus.ts <folder under ../shared/data/dicom> <out> [per file] [seed]`:
// writes mutated copies of a corpus folder's files (8 or 200 bytes overwritten in the last 70%,
// where pixel data lies, or truncated at 50-99%) for a whole `deidentify` run through decoding,
// OCR and redaction: every file must come out de-identified or quarantined with a typed code,
// never crash or hang the batch. Deterministic for a seed.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED } from "./bench-lib.js";

const [folder, out, perArg, seedArg] = process.argv.slice(2);
if (!SHARED || !folder || !out) {
  console.error("usage: mutate-corpus.ts <folder under ../shared/data/dicom, e.g. codecs> <out> [per file, default 3] [seed, default 7] (needs ../shared/data)");
  process.exit(2);
}
const src = join(SHARED, "dicom", folder);
const per = Number(perArg ?? 3);
let seed = Number(seedArg ?? 7);
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let n = 0;
for (const f of readdirSync(src).filter((f) => f.endsWith(".dcm") && statSync(join(src, f)).size < 3e6).sort()) {
  const bytes = readFileSync(join(src, f));
  for (let k = 0; k < per; k++) {
    const m = Buffer.from(bytes);
    n++;
    if (k % 3 === 2) {
      writeFileSync(join(out, `${k}-${f}`), m.subarray(0, Math.floor(m.length * (0.5 + 0.49 * rnd()))));
      continue;
    }
    for (let i = 0; i < (k % 3 === 0 ? 8 : 200); i++) m[Math.floor(m.length * (0.3 + 0.7 * rnd()))] = Math.floor(rnd() * 256);
    writeFileSync(join(out, `${k}-${f}`), m);
  }
}
console.log(`${n} mutated files in ${out}; now: npx dicom-deid deidentify ${out} <output> --secret <8+ chars>`);
