import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { UNDEFINED_LENGTH, formatTag } from "../../src/core/tag.js";
import { isStringVR } from "../../src/core/vr.js";
import type { Dataset } from "../../src/core/dataset.js";
import { fixture, sameBytes, SHARED_DATA } from "../helpers/hex.js";
import { listFiles } from "../helpers/corpus.js";

const hasDcmdump = (() => {
  try { execFileSync("dcmdump", ["--version"], { stdio: "ignore" }); return true; } catch { return false; }
})();

/** dcmdump's listing with lengths and group lengths masked (they change with any edit by design). */
function dump(file: string): string[] {
  return execFileSync("dcmdump", ["-q", "+L", file], { encoding: "latin1" })
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#") && !/^\s*\([0-9a-f]{4},0000\)/i.test(l))
    .map((l) => l.replace(/#\s*\d+,/, "#").replace(/(Sequence|Item) with explicit length #=\d+/, "$1 #"))
    .map((l) => l.replace(/(Sequence|Item) with (explicit|undefined) length/, "$1 with $2 length"));
}

/** Lines of a not in b and of b not in a, in order (multiset difference). */
function diff(a: string[], b: string[]): { removed: string[]; added: string[] } {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ca = count(a);
  const cb = count(b);
  return {
    removed: [...ca].flatMap(([k, n]) => Array(Math.max(0, n - (cb.get(k) ?? 0))).fill(k)),
    added: [...cb].flatMap(([k, n]) => Array(Math.max(0, n - (ca.get(k) ?? 0))).fill(k)),
  };
}

/** A path to the first string element inside the first sequence with the wanted length kind. */
function nestedStringPath(ds: Dataset, undefinedLength: boolean): string | undefined {
  for (const el of ds.elements) {
    if (!el.items?.length || el.unAsSequence || (el.length === UNDEFINED_LENGTH) !== undefinedLength) continue;
    const inner = el.items[0].dataset.elements.find((e) => e.value && isStringVR(e.vr) && e.vr !== "UI" && e.vr !== "DA" && e.vr !== "TM");
    if (inner) return `${formatTag(el.tag)}[0].${formatTag(inner.tag)}`;
  }
  return undefined;
}

async function editAndDiff(input: string, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-"));
  try {
    const out = join(dir, "out.dcm");
    assert.equal(await main(["edit", input, "-o", out, ...args]), 0);
    const d = diff(dump(input), dump(out));
    const pixIn = readDicom(new Uint8Array(readFileSync(input))).dataset.get(0x7fe00010);
    const pixOut = readDicom(new Uint8Array(readFileSync(out))).dataset.get(0x7fe00010);
    if (pixIn) assert.ok(sameBytes(pixIn.raw!, pixOut!.raw!), "pixel data bytes identical");
    return d;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("when a top-level value is set then dcmdump differs by exactly that element (dcmtk)", { skip: !hasDcmdump && "dcmdump not installed" }, async () => {
  const d = await editAndDiff(fixture("dicom/chrJapMulti.dcm"), ["--set", "StationName=STATION9"]);
  assert.equal(d.removed.length, 1);
  assert.equal(d.added.length, 1);
  assert.match(d.added[0], /^\(0008,1010\) SH \[STATION9\]/);
});

for (const [name, undefinedLength] of [["rtplan.dcm", false], ["reportsi.dcm", true]] as const) {
  test(`when a value inside a ${undefinedLength ? "undefined" : "defined"}-length sequence is set then dcmdump differs by exactly that element (dcmtk)`, { skip: !hasDcmdump && "dcmdump not installed" }, async () => {
    const input = fixture(`dicom/${name}`);
    const path = nestedStringPath(readDicom(new Uint8Array(readFileSync(input))).dataset, undefinedLength);
    assert.ok(path, "a nested string element exists");
    const d = await editAndDiff(input, ["--set", `${path}=EDITED VALUE`]);
    assert.equal(d.removed.length, 1, d.removed.join("\n"));
    assert.deepEqual(d.added.map((l) => /\[EDITED VALUE\]/.test(l)), [true]);
  });
}

test("when an element is removed then dcmdump differs by exactly that line (dcmtk)", { skip: !hasDcmdump && "dcmdump not installed" }, async () => {
  const d = await editAndDiff(fixture("dicom/MR_small_implicitLE.dcm"), ["--remove", "PatientName"]);
  assert.deepEqual(d.added, []);
  assert.equal(d.removed.length, 1);
  assert.match(d.removed[0], /^\(0010,0010\)/);
});

test("when a no-meta dataset is rewritten then dcmdump shows the same elements (dcmtk)", { skip: !hasDcmdump && "dcmdump not installed" }, async () => {
  for (const name of ["ExplVR_LitEndNoMeta.dcm", "ExplVR_BigEndNoMeta.dcm"]) {
    const d = await editAndDiff(fixture(`dicom/${name}`), []);
    const ds = (xs: string[]) => xs.filter((l) => !l.startsWith("(0002"));
    assert.deepEqual(ds(d.removed), [], name);
    assert.deepEqual(ds(d.added), [], name);
  }
});

test("when corpus files without preamble or meta are rewritten then dcmdump shows the same dataset (dcmtk, needs ../shared/data)", { skip: (!hasDcmdump && "dcmdump not installed") || (!SHARED_DATA && "../shared/data is absent") }, async () => {
  const files = listFiles(`${SHARED_DATA}/dicom`).filter((p) => !p.includes("/malformed/"));
  let checked = 0;
  for (const p of files) {
    const f = readDicom(new Uint8Array(readFileSync(p)));
    if (f.preamble && f.hasMeta) continue;
    const d = await editAndDiff(p, []);
    const ds = (xs: string[]) => xs.filter((l) => !l.startsWith("(0002"));
    assert.deepEqual(ds(d.removed), [], p);
    assert.deepEqual(ds(d.added), [], p);
    checked++;
  }
  assert.ok(checked >= 3);
});
