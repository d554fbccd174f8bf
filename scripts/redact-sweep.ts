// Acceptance sweep of pixel redaction: for every file in dicom/codecs and dicom/pixel_phi, read,
// redact 8,8,40,24 on every frame, write, re-read, decode every frame and compare with the
// original decoding (inside: the fill; outside: identical, except the blocks a JPEG redaction
// touches). Prints one row per file, then decode and redaction speed per transfer syntax
// (megapixels of all frames over the time of a warm run; redaction includes its own decoding).
//
//   node --import tsx scripts/redact-sweep.ts [data-folder] [--filter text]
//
// Exits 1 when any file fails. Never prints pixel or header values, only names and counts.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { isDicomError } from "../src/core/errors.js";
import { readDicom } from "../src/io/read/read-file.js";
import { writeDicom } from "../src/io/write/write-file.js";
import { openPixels, readFrame } from "../src/pixels/image.js";
import { checkRedaction } from "../src/redact/verify.js";
import { redactFile } from "../src/redact/redact-file.js";
import type { RedactionRequest } from "../src/redact/types.js";

const args = process.argv.slice(2);
const filterAt = args.indexOf("--filter");
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
const positional = args.filter((a, i) => !a.startsWith("--") && (filterAt < 0 || i !== filterAt + 1));
const root = positional[0] ?? join(import.meta.dirname, "..", "..", "shared", "data", "dicom");
if (!existsSync(root)) {
  console.error(`no data folder at ${root}`);
  process.exit(2);
}

const request: RedactionRequest = { rects: [{ x: 8, y: 8, w: 40, h: 24 }] };

interface Row {
  file: string;
  syntaxIn: string;
  syntaxOut: string;
  method: string;
  frames: string;
  pass: string;
  decodeMs: number;
  redactMs: number;
  megapixels: number;
  reason: string;
}

const short = (uid: string): string => uid.replace("1.2.840.10008.", "");
const rows: Row[] = [];
for (const dir of ["codecs", "pixel_phi"]) {
  const folder = join(root, dir);
  if (!existsSync(folder)) continue;
  for (const name of readdirSync(folder).filter((n) => n.endsWith(".dcm")).sort()) {
    if (filter && !name.includes(filter)) continue;
    const row: Row = { file: `${dir}/${name}`, syntaxIn: "", syntaxOut: "", method: "", frames: "", pass: "FAIL", decodeMs: 0, redactMs: 0, megapixels: 0, reason: "" };
    rows.push(row);
    try {
      const bytes = new Uint8Array(readFileSync(join(folder, name)));
      const original = readDicom(bytes);
      row.syntaxIn = short(original.transferSyntax.uid);
      const src = openPixels(original);
      const { rows: h, columns: w, numberOfFrames: n } = src.format;
      row.megapixels = (w * h * n) / 1e6;
      // Each timing is of a second run, so WebAssembly instantiation and JIT warm-up are not counted.
      for (let i = 0; i < n; i++) await readFrame(src, i);
      let t = performance.now();
      for (let i = 0; i < n; i++) await readFrame(src, i);
      row.decodeMs = performance.now() - t;

      await redactFile(readDicom(bytes), request);
      const work = readDicom(bytes);
      t = performance.now();
      const result = await redactFile(work, request);
      row.redactMs = performance.now() - t;
      const written = writeDicom(work, { transferSyntax: result.transferSyntax });
      const reread = readDicom(written);
      row.syntaxOut = short(reread.transferSyntax.uid);
      row.method = [...new Set(result.frames.map((f) => f.method))].join("+") || "none";
      row.frames = `${result.frames.length}/${n}`;
      const check = await checkRedaction(original, reread, request, result);
      const syntaxOk = result.transferSyntaxChanged ? original.transferSyntax.lossy || row.method === "decoded-to-native" : row.syntaxIn === row.syntaxOut;
      row.pass = check.ok && syntaxOk ? "pass" : "FAIL";
      row.reason = check.ok ? (syntaxOk ? `${check.insideChecked} samples inside checked` : "transfer syntax changed") : check.reasons.slice(0, 2).join("; ");
    } catch (e) {
      row.reason = isDicomError(e) ? `${e.code}: ${e.reason}` : e instanceof Error ? e.message : "error";
    }
  }
}

const pad = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + "…" : s.padEnd(n));
console.log(`${pad("file", 58)} ${pad("syntax in -> out", 22)} ${pad("method", 19)} ${pad("frames", 7)} ${pad("result", 6)} ${"decode ms".padStart(9)} ${"redact ms".padStart(9)}  note`);
for (const r of rows) {
  console.log(
    `${pad(r.file, 58)} ${pad(`${r.syntaxIn} -> ${r.syntaxOut}`, 22)} ${pad(r.method, 19)} ${pad(r.frames, 7)} ${pad(r.pass, 6)} ` +
      `${r.decodeMs.toFixed(1).padStart(9)} ${r.redactMs.toFixed(1).padStart(9)}  ${r.reason}`,
  );
}
const passed = rows.filter((r) => r.pass === "pass").length;
console.log(`\n${passed}/${rows.length} files pass`);

const bySyntax = new Map<string, { files: number; mp: number; decode: number; redact: number; methods: Set<string> }>();
for (const r of rows) {
  if (!r.syntaxIn) continue;
  const s = bySyntax.get(r.syntaxIn) ?? { files: 0, mp: 0, decode: 0, redact: 0, methods: new Set<string>() };
  s.files++;
  s.mp += r.megapixels;
  s.decode += r.decodeMs;
  s.redact += r.redactMs;
  if (r.method) s.methods.add(r.method);
  bySyntax.set(r.syntaxIn, s);
}
console.log(`\n${pad("syntax", 14)} ${"files".padStart(5)} ${"MP".padStart(8)} ${"decode MP/s".padStart(12)} ${"redact MP/s".padStart(12)}  methods`);
for (const [syntax, s] of [...bySyntax].sort()) {
  const rate = (ms: number): string => (ms > 0 ? (s.mp / (ms / 1000)).toFixed(1) : "-").padStart(12);
  console.log(`${pad(syntax, 14)} ${String(s.files).padStart(5)} ${s.mp.toFixed(2).padStart(8)} ${rate(s.decode)} ${rate(s.redact)}  ${[...s.methods].join(", ")}`);
}
process.exitCode = passed === rows.length ? 0 : 1;
