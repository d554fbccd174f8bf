import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDicomError } from "../../src/core/errors.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { runBatch } from "../../src/pipeline/batch.js";
import type { BatchEvent, BatchOptions } from "../../src/pipeline/batch-types.js";
import { corpus, listTree, makeTree, removeDir, SAMPLE, tempDir, TEST_PROCESSOR, treeHash } from "./helpers/tree.js";
import { SHARED_DATA } from "../helpers/hex.js";

/** A batch in this thread with no progress bar. */
const batch = (options: Omit<BatchOptions, "processorUrl"> & Partial<BatchOptions>) =>
  runBatch({ processorUrl: TEST_PROCESSOR, workers: 0, progress: false, ...options });

/** An input tree with DICOM at three depths, non-DICOM files and one of our temp files. */
function sampleInput(root: string): void {
  makeTree(root, {
    "ct.dcm": SAMPLE.ct,
    "a/mr.dcm": SAMPLE.mr,
    "a/b/c/be.dcm": SAMPLE.be,
    "a/b/notes.txt": new TextEncoder().encode("not a DICOM file at all\n"),
    "a/meta.json": new TextEncoder().encode('{"x": 1}\n'),
    "a/.be.dcm.1234.0123abcd.tmp": new Uint8Array(200),
  });
}

/** Runs `fn` with fresh input and output folders. */
async function withDirs(fn: (input: string, output: string, root: string) => Promise<void>): Promise<void> {
  const root = tempDir();
  try {
    const input = join(root, "in");
    mkdirSync(input);
    await fn(input, join(root, "out"), root);
  } finally {
    removeDir(root);
  }
}

test("when a folder is processed then the output mirrors the tree, non-DICOM files are skipped and the input is unchanged", () =>
  withDirs(async (input, output) => {
    sampleInput(input);
    const before = treeHash(input);
    const s = await batch({ input, output });
    assert.equal(treeHash(input), before);
    assert.deepEqual({ files: s.files, ok: s.ok, failed: s.failed, notDicom: s.notDicom, ignored: s.ignored }, { files: 5, ok: 3, failed: 0, notDicom: 2, ignored: 1 });
    assert.deepEqual(listTree(output), [".dicom-deid-state.jsonl", "a/b/c/be.dcm", "a/mr.dcm", "ct.dcm", "quarantine.jsonl", "summary.json", "summary.txt"]);
    for (const rel of ["ct.dcm", "a/mr.dcm", "a/b/c/be.dcm"]) {
      const expected = writeDicom(readDicom(readFileSync(join(input, rel))));
      assert.deepEqual(readFileSync(join(output, rel)), Buffer.from(expected), rel);
    }
    assert.equal(s.counts["test:files"], 3);
    assert.equal(s.workers, 0);
  }));

test("when files fail then they are quarantined with code and reason, without values, and the batch goes on", () =>
  withDirs(async (input, output) => {
    makeTree(input, { "bad/trunc.dcm": SAMPLE.truncated, "THROW.dcm": SAMPLE.ct, "ok.dcm": SAMPLE.ct, "SKIP.dcm": SAMPLE.ct });
    const s = await batch({ input, output, reportPaths: true });
    assert.deepEqual({ ok: s.ok, failed: s.failed, skipped: s.skipped }, { ok: 1, failed: 2, skipped: 1 });
    const q = readFileSync(join(output, "quarantine.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(q.map((e) => [e.relPath, e.code]), [["THROW.dcm", "INTERNAL"], ["bad/trunc.dcm", "TRUNCATED"]]);
    assert.match(q[0].reason, /^processor threw TypeError at processor\.ts:\d+$/);
    assert.doesNotMatch(readFileSync(join(output, "quarantine.jsonl"), "utf8"), /JOHN/);
    assert.deepEqual(s.failuresByCode, { INTERNAL: 1, TRUNCATED: 1 });
    assert.deepEqual(s.skipsByCode, { POLICY: 1 });
    assert.ok(q.every((e) => /^[0-9a-f]{8,}$/.test(e.inputId)));
    assert.ok(!existsSync(join(output, "THROW.dcm")) && !existsSync(join(output, "bad/trunc.dcm")));
  }));

test("when events are asked for then one event per file and a summary arrive, as objects or JSON lines", () =>
  withDirs(async (input, output, root) => {
    sampleInput(input);
    const seen: BatchEvent[] = [];
    await batch({ input, output, events: (e) => seen.push(e) });
    const files = seen.filter((e) => e.type === "file");
    assert.equal(files.length, 5);
    assert.deepEqual(files.find((e) => e.relPath === "a/b/notes.txt"), { type: "file", relPath: "a/b/notes.txt", status: "notDicom", code: "NOT_DICOM", ms: files.find((e) => e.relPath === "a/b/notes.txt")!.ms });
    assert.equal(seen.at(-1)!.type, "summary");
    let text = "";
    await batch({ input, output: join(root, "out2"), events: { write: (s: string) => (text += s) } });
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines.length, 6);
    assert.equal(lines[5].type, "summary");
    assert.equal(lines[5].ok, 3);
  }));

test("when the summary and state are written then they hold counts, codes and output paths but no input names", () =>
  withDirs(async (input, output) => {
    makeTree(input, { "Doe_John/ct.dcm": SAMPLE.ct, "Doe_John/trunc.dcm": SAMPLE.truncated });
    await batch({ input, output });
    const json = JSON.parse(readFileSync(join(output, "summary.json"), "utf8"));
    assert.equal(json.failed, 1);
    const text = readFileSync(join(output, "summary.txt"), "utf8");
    assert.match(text, /failed: {5}1 \(see quarantine\.jsonl\)/);
    for (const f of ["summary.json", "summary.txt"]) assert.doesNotMatch(readFileSync(join(output, f), "utf8"), /Doe_John|ct\.dcm|trunc/, f);
    // The state names inputs by hash; only output paths (already in the output tree) appear.
    assert.doesNotMatch(readFileSync(join(output, ".dicom-deid-state.jsonl"), "utf8"), /trunc/);
  }));

test("when the output is the input, inside it, or holds it then the batch is refused with CONFIG", () =>
  withDirs(async (input, _output, root) => {
    sampleInput(input);
    for (const [i, o] of [[input, input], [input, join(input, "a/out")], [join(root, "in/a"), root], [join(input, "ct.dcm"), join(input, "ct.dcm")]]) {
      await assert.rejects(batch({ input: i, output: o }), (e) => isDicomError(e) && e.code === "CONFIG", `${i} -> ${o}`);
    }
    await assert.rejects(batch({ input, output: join(root, "o"), reportDir: join(input, "r") }), (e) => isDicomError(e) && e.code === "CONFIG");
    await assert.rejects(batch({ input: join(root, "missing"), output: join(root, "o") }), (e) => isDicomError(e) && e.code === "CONFIG");
    assert.ok(!existsSync(join(input, "a/out")));
  }));

test("when the output folder is not empty then the batch is refused unless resume or overwrite is set", () =>
  withDirs(async (input, output) => {
    sampleInput(input);
    mkdirSync(output);
    writeFileSync(join(output, "x"), "x");
    await assert.rejects(batch({ input, output }), (e) => isDicomError(e) && e.code === "CONFIG" && /not empty/.test(e.reason));
    assert.equal((await batch({ input, output, overwrite: true })).ok, 3);
  }));

test("when a batch resumes then finished unchanged files are skipped and changed or missing ones are redone", () =>
  withDirs(async (input, output) => {
    sampleInput(input);
    makeTree(input, { "trunc.dcm": SAMPLE.truncated });
    const first = await batch({ input, output });
    assert.equal(first.failed, 1);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(input, "ct.dcm"), later, later); // changed input
    unlinkSync(join(output, "a/mr.dcm")); // missing output
    const seen: BatchEvent[] = [];
    const s = await batch({ input, output, resume: true, events: (e) => seen.push(e) });
    const redone = seen.filter((e) => e.type === "file" && !e.resumed).map((e) => e.type === "file" && e.relPath).sort();
    assert.deepEqual(redone, ["a/mr.dcm", "ct.dcm", "trunc.dcm"]);
    assert.deepEqual({ files: s.files, ok: s.ok, failed: s.failed, notDicom: s.notDicom, resumed: s.resumed }, { files: 6, ok: 3, failed: 1, notDicom: 2, resumed: 3 });
    assert.equal(s.counts["test:files"], 2);
    assert.ok(existsSync(join(output, "a/mr.dcm")));
  }));

test("when a resume brings another fingerprint then it is refused", () =>
  withDirs(async (input, output) => {
    sampleInput(input);
    await batch({ input, output, fingerprint: "settings-a" });
    await assert.rejects(batch({ input, output, resume: true, fingerprint: "settings-b" }), (e) => isDicomError(e) && e.code === "CONFIG");
    assert.equal((await batch({ input, output, resume: true, fingerprint: "settings-a" })).resumed, 5);
  }));

test("when the fingerprint is still being computed as files run then it is recorded after the header and a resume checks it", () =>
  withDirs(async (input, output) => {
    sampleInput(input);
    const slow = new Promise<string>((done) => setTimeout(() => done("settings-a"), 50));
    assert.equal((await batch({ input, output, fingerprint: slow })).ok, 3);
    const lines = readFileSync(join(output, ".dicom-deid-state.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines[0], { dicomDeidState: 1 });
    assert.equal(lines.filter((l) => l.fingerprint === "settings-a").length, 1);
    await assert.rejects(batch({ input, output, resume: true, fingerprint: Promise.resolve("settings-b") }), (e) => isDicomError(e) && e.code === "CONFIG");
    assert.equal((await batch({ input, output, resume: true, fingerprint: "settings-a" })).resumed, 5);
  }));

test("when the processor chooses one output path for several files then collisions get hash suffixes", () =>
  withDirs(async (input, output) => {
    makeTree(input, { "x1.dcm": SAMPLE.ct, "x2.dcm": SAMPLE.ct, "x3.dcm": SAMPLE.ct });
    const s = await batch({ input, output, processorOptions: { flat: "series/img.dcm" } });
    assert.equal(s.ok, 3);
    assert.equal(s.renamed, 2);
    const outs = listTree(join(output, "series"));
    assert.equal(outs.length, 3);
    assert.ok(outs.includes("img.dcm"));
    for (const o of outs) assert.match(o, /^img(-[0-9a-f]{8})?\.dcm$/);
  }));

test("when the processor returns an unsafe output path then the file fails and nothing is written outside", () =>
  withDirs(async (input, output, root) => {
    makeTree(input, { "x.dcm": SAMPLE.ct });
    const s = await batch({ input, output, processorOptions: { outputRelPath: "../escape.dcm" } });
    assert.deepEqual(s.failuresByCode, { OUTPUT_PATH: 1 });
    assert.ok(!existsSync(join(root, "escape.dcm")));
    const r = await batch({ input, output, overwrite: true, processorOptions: { outputRelPath: "summary.json" } });
    assert.equal(r.renamed, 1); // report names are reserved
    assert.equal(JSON.parse(readFileSync(join(output, "summary.json"), "utf8")).ok, 1);
    const staged = await batch({ input, output, overwrite: true, processorOptions: { outputRelPath: ".DICOM-deid-staging/x.dcm" } });
    assert.deepEqual(staged.failuresByCode, { OUTPUT_PATH: 1 });
    assert.ok(!existsSync(join(output, ".dicom-deid-staging")));
  }));

test("when an interrupted run left staged files then the next run clears them and leaves no staging folder", () =>
  withDirs(async (input, output) => {
    makeTree(input, { "x.dcm": SAMPLE.ct });
    mkdirSync(join(output, ".dicom-deid-staging"), { recursive: true });
    writeFileSync(join(output, ".dicom-deid-staging", "0.part"), "half a file");
    const s = await batch({ input, output, overwrite: true, workers: 2 });
    assert.equal(s.ok, 1);
    assert.deepEqual(listTree(output).filter((p) => !p.endsWith(".json") && !p.endsWith(".jsonl") && !p.endsWith(".txt")), ["x.dcm"]);
  }));

test("when a linkage file is asked for then rows are appended under one header, and none is written otherwise", () =>
  withDirs(async (input, output, root) => {
    makeTree(input, { "a.dcm": SAMPLE.ct, "b, c.dcm": SAMPLE.ct });
    const linkagePath = join(root, "private/linkage.csv");
    mkdirSync(join(root, "private"));
    const s = await batch({ input, output, linkagePath, processorOptions: { linkage: true } });
    assert.equal(s.linkageRows, 2);
    assert.equal(readFileSync(linkagePath, "utf8"), 'kind,original,pseudonym\nfile,a.dcm,P5\nfile,"b, c.dcm",P8\n');
    await batch({ input, output, resume: true, linkagePath, processorOptions: { linkage: true } });
    rmSync(output, { recursive: true });
    await batch({ input, output, linkagePath, processorOptions: { linkage: true } });
    assert.equal(readFileSync(linkagePath, "utf8").split("\n").filter((l) => l.startsWith("kind")).length, 1);
    assert.equal(readFileSync(linkagePath, "utf8").trim().split("\n").length, 5);
    rmSync(output, { recursive: true });
    await batch({ input, output, processorOptions: { linkage: true } });
    assert.deepEqual(listTree(output).filter((f) => f.endsWith(".csv")), []);
  }));

test("when reports go elsewhere then the output holds only images and the state", () =>
  withDirs(async (input, output, root) => {
    sampleInput(input);
    const reportDir = join(root, "reports");
    await batch({ input, output, reportDir });
    assert.deepEqual(listTree(reportDir), ["quarantine.jsonl", "summary.json", "summary.txt"]);
    assert.deepEqual(listTree(output), [".dicom-deid-state.jsonl", "a/b/c/be.dcm", "a/mr.dcm", "ct.dcm"]);
  }));

test("when the input is one file then its output has the same name in the output folder", () =>
  withDirs(async (input, output) => {
    sampleInput(input);
    const s = await batch({ input: join(input, "a/mr.dcm"), output });
    assert.equal(s.ok, 1);
    assert.ok(existsSync(join(output, "mr.dcm")));
  }));

test("when the processor cannot be loaded or initialized then the batch is refused before writing", () =>
  withDirs(async (input, output) => {
    sampleInput(input);
    const bad = new URL("./helpers/missing-processor.ts", import.meta.url);
    await assert.rejects(batch({ input, output, processorUrl: bad }), (e) => isDicomError(e) && e.code === "CONFIG");
    await assert.rejects(batch({ input, output, processorOptions: { failInit: true } }), (e) => isDicomError(e) && e.code === "CONFIG" && /init failed/.test(e.reason));
    assert.ok(!existsSync(output));
  }));

test("when the signal aborts then the batch stops, says it was interrupted, and a resume finishes it", () =>
  withDirs(async (input, output) => {
    makeTree(input, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${String(i).padStart(2, "0")}.dcm`, SAMPLE.ct])));
    const ac = new AbortController();
    let n = 0;
    const s = await batch({ input, output, signal: ac.signal, events: (e) => e.type === "file" && ++n === 3 && ac.abort() });
    assert.equal(s.interrupted, true);
    assert.ok(s.files >= 3 && s.files < 20, String(s.files));
    const r = await batch({ input, output, resume: true });
    assert.equal(r.files, 20);
    assert.equal(r.resumed, s.files);
  }));

test("when the whole developer corpus is processed then every file gets a status and none stops the batch (needs ../shared/data)", async (t) => {
  if (!SHARED_DATA) return t.skip("../shared/data is absent");
  const root = tempDir();
  try {
    const s = await batch({ input: corpus(), output: join(root, "out") });
    assert.equal(s.files, s.found);
    assert.equal(s.ok + s.failed + s.notDicom + s.skipped, s.files);
    assert.ok(s.ok >= 120, String(s.ok));
  } finally {
    removeDir(root);
  }
});
