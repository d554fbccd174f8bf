import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Command, CommanderError } from "commander";
import sharp from "sharp";
import { registerRender } from "../../src/cli/commands/render.js";
import { withCliStreams } from "../../src/cli/io.js";
import { fixture } from "../helpers/hex.js";

/** Runs `render` in-process on a fresh program, capturing what it writes (process streams untouched). */
async function run(args: string[]): Promise<{ code: number; out: Buffer; err: string }> {
  let code = 0;
  const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerRender(program, (c) => { code = c; });
  const chunks: Buffer[] = [];
  let err = "";
  const streams = {
    stdout: { write: (s: string | Uint8Array) => chunks.push(Buffer.from(s)) },
    stderr: { write: (s: string | Uint8Array) => { err += String(s); } },
  };
  try {
    await withCliStreams(streams, () => program.parseAsync(["render", ...args], { from: "user" }));
  } catch (x) {
    if (!(x instanceof CommanderError)) throw x;
    code = 2;
  }
  return { code, out: Buffer.concat(chunks), err };
}

test("when render writes a PNG then it has the frame's size and exit code 0", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-render-"));
  try {
    const out = join(dir, "mr.png");
    const r = await run([fixture("dicom/MR_small_implicitLE.dcm"), "-o", out]);
    assert.equal(r.code, 0, r.err);
    const meta = await sharp(readFileSync(out)).metadata();
    assert.deepEqual([meta.width, meta.height, meta.channels], [64, 64, 1]);
    assert.doesNotMatch(r.err, /MR_small/, "no file names (which may hold PHI) on success");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The PNG in captured stdout (the test runner may write its own lines there too). */
function pngIn(out: Buffer): Buffer {
  const at = out.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  assert.ok(at >= 0, "a PNG on stdout");
  return out.subarray(at);
}

test("when render runs with --mode inverted, --scale and -o - then an enlarged PNG goes to stdout", async () => {
  const r = await run([fixture("dicom/SC_rgb_rle_16bit.dcm"), "--mode", "inverted", "--scale", "2", "-o", "-"]);
  assert.equal(r.code, 0, r.err);
  const meta = await sharp(pngIn(r.out)).metadata();
  assert.deepEqual([meta.width, meta.height, meta.channels], [200, 200, 3]);
});

test("when render runs with --mode extremes then a one-channel PNG comes out", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-render-"));
  try {
    const out = join(dir, "x.png");
    const r = await run([fixture("dicom/MR_small_bigendian.dcm"), "--mode", "extremes", "-o", out]);
    assert.equal(r.code, 0, r.err);
    const png = readFileSync(out);
    assert.equal((await sharp(png).metadata()).channels, 1);
    const data = await sharp(png).extractChannel(0).raw().toBuffer();
    assert.ok(data.some((v) => v === 255) && data.some((v) => v === 0), "white extremes on black");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const usage = [
  { name: "an unknown mode", args: ["--mode", "sepia"] },
  { name: "an unknown VOI", args: ["--voi", "pretty"] },
  { name: "a frame that is not a number", args: ["--frame", "x"] },
  { name: "a frame past the last", args: ["--frame", "5"] },
  { name: "a scale of zero", args: ["--scale", "0"] },
];
for (const c of usage) {
  test(`when render gets ${c.name} then it exits 2 without writing`, async () => {
    const r = await run([fixture("dicom/MR_small_implicitLE.dcm"), ...c.args, "-o", join(tmpdir(), "never-written.png")]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^dicom-deid: /);
    assert.equal(existsSync(join(tmpdir(), "never-written.png")), false);
  });
}

test("when render gets a file without pixel data then it exits 1", async () => {
  const r = await run([fixture("dicom/rtplan.dcm"), "-o", "-"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /no pixel data/);
});

test("when render gets a missing file then it exits 1", async () => {
  assert.equal((await run([join(tmpdir(), "does-not-exist.dcm"), "-o", "-"])).code, 1);
});
