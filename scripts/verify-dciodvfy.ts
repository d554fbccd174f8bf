// Acceptance check: de-identify (--pixels off) every corpus file (dicom/ except malformed/, and
// overlay-phi/) and compare dciodvfy's error count of each output with its input's.
// Usage: node --import tsx scripts/verify-dciodvfy.ts [profile option names, e.g. retain-modified-dates clean-descriptors]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { deidentifyBytes, loadTextCleaner } from "../src/deid/deidentify.js";
import { optionsFromNames } from "../src/profile/options.js";
import { needsTextCleaner } from "../src/profile/decide.js";
import { secretFromText } from "../src/deid/keyed.js";
import { SHARED } from "./bench-lib.js";
import { listFiles } from "../test/helpers/corpus.js";

const errors = (f: string): number => {
  let out: string;
  try { out = execFileSync("dciodvfy", [f], { encoding: "latin1", stdio: ["ignore", "pipe", "pipe"] }); } catch (e) { out = String((e as { stdout?: string }).stdout ?? "") + String((e as { stderr?: string }).stderr ?? ""); }
  return out.split("\n").filter((l) => l.startsWith("Error")).length;
};
if (!SHARED) throw new Error("../shared/data not found");
const files = [...listFiles(join(SHARED, "dicom")), ...listFiles(join(SHARED, "overlay-phi"))].filter((p) => !p.includes("/malformed/"));
const profile = optionsFromNames(process.argv.slice(2));
const options = {
  profile, secret: secretFromText("dciodvfy-check"), pseudonym: { prefix: "ANON" }, maxShiftDays: 365,
  ...(needsTextCleaner(profile) ? { cleaner: await loadTextCleaner() } : {}),
};
const dir = mkdtempSync(join(tmpdir(), "dicom-deid-dciodvfy-"));
let worse = 0, better = 0, same = 0;
for (const p of files) {
  const out = join(dir, "o.dcm");
  try {
    writeFileSync(out, deidentifyBytes(new Uint8Array(readFileSync(p)), options).output);
  } catch (e) {
    console.log(`failed: ${relative(SHARED, p)} ${(e as Error).message}`);
    continue;
  }
  const a = errors(p), b = errors(out);
  if (b > a) { worse++; console.log(`worse: ${relative(SHARED, p)} ${a} -> ${b}`); } else if (b < a) better++; else same++;
}
rmSync(dir, { recursive: true, force: true });
console.log(`dciodvfy: ${files.length} files; errors grew in ${worse}, stayed equal in ${same}, fell in ${better}`);
process.exitCode = worse ? 1 : 0;
