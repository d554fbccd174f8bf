// `npm run fuzz [cases] [seed]`: mutation fuzzing of read -> write over the bundled fixtures
// and the shared corpus files under 300 KB (when ../shared/data is present).
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { fuzz } from "./fuzz-lib.js";
import { listFiles } from "../test/helpers/corpus.js";

const cases = Number(process.argv[2] ?? 20000);
const seed = Number(process.argv[3] ?? 1);
const fixtures = fileURLToPath(new URL("../test/fixtures/dicom", import.meta.url));
const shared = fileURLToPath(new URL("../../shared/data/dicom", import.meta.url));
const files = [...listFiles(fixtures), ...(existsSync(shared) ? listFiles(shared) : [])].filter((f) => statSync(f).size < 300_000);
const t0 = performance.now();
const rep = fuzz(files, cases, seed);
const s = (performance.now() - t0) / 1000;
console.log(`fuzz: ${rep.cases} cases over ${files.length} files in ${s.toFixed(1)} s (seed ${seed})`);
console.log(`  read ${rep.read}, rejected with DicomError ${rep.rejected}, slowest case ${rep.slowest.toFixed(0)} ms, max RSS ${(rep.maxRss / 2 ** 20).toFixed(0)} MiB`);
console.log(`  crashes/hangs: ${rep.crashes.length}`);
for (const c of rep.crashes.slice(0, 20)) console.log("   ", c);
process.exitCode = rep.crashes.length ? 1 : 0;
