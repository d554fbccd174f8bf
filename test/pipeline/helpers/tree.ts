/** Temp folders and input trees for the batch runner tests. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { SHARED_DATA, fixture, fixtureBytes } from "../../helpers/hex.js";

/** URL of the test processor module. */
export const TEST_PROCESSOR = new URL("./processor.ts", import.meta.url);

/** A fresh temp folder; remove it with `rmSync(dir, {recursive: true})`. */
export function tempDir(prefix = "dicom-deid-batch-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a temp folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The shared DICOM corpus folder (throws when the shared data is missing). */
export function corpus(sub = "dicom"): string {
  if (!SHARED_DATA) throw new Error("shared data missing");
  return join(SHARED_DATA, sub);
}

/** Copies files into `root` under the given relative names ({relPath: source path, corpus-relative unless absolute, or bytes}). */
export function makeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, src] of Object.entries(files)) {
    const dst = join(root, rel);
    mkdirSync(dirname(dst), { recursive: true });
    if (typeof src === "string") copyFileSync(isAbsolute(src) ? src : join(corpus(), src), dst);
    else writeFileSync(dst, src);
  }
}

/** Relative paths of every file under `root`, sorted, "/"-separated. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      const r = rel ? `${rel}/${e}` : e;
      if (statSync(p).isDirectory()) walk(p, r);
      else out.push(r);
    }
  };
  walk(root, "");
  return out;
}

/** A fingerprint of a tree: every file's path, size, mtime and SHA-256. */
export function treeHash(root: string): string {
  const h = createHash("sha256");
  for (const rel of listTree(root)) {
    const p = join(root, rel);
    const st = statSync(p);
    h.update(`${rel}\0${st.size}\0${st.mtimeMs}\0`).update(readFileSync(p));
  }
  return h.digest("hex");
}

/** Four sample files: a plain CT, an implicit VR MR, a big endian file and a truncated one (from ../shared/data, else from the fixtures). */
export const SAMPLE: { ct: string; mr: string; be: string; truncated: string | Uint8Array } = SHARED_DATA
  ? {
    ct: "codecs/cornerstone__CTImage_jpeg_process1.dcm",
    mr: "codecs/dcmjs__cine-test_MR_8frame_implicit.dcm",
    be: "codecs/dicomparser__CT1_UNC_explicit_big_endian.dcm",
    truncated: "malformed/pydicom__MR_truncated.dcm",
  }
  : {
    // Without ../shared/data: the project's own fixtures (encapsulated, implicit VR, big endian), and one cut short.
    ct: fixture("dicom/MR_small_jpeg_ls_lossless.dcm"),
    mr: fixture("dicom/MR_small_implicitLE.dcm"),
    be: fixture("dicom/MR_small_bigendian.dcm"),
    truncated: fixtureBytes("dicom/MR_small_implicitLE.dcm").slice(0, 1200),
  };

/** A small input tree at three depths: three DICOM samples and one non-DICOM file. */
export function mixedTree(input: string): void {
  makeTree(input, { "a.dcm": SAMPLE.ct, "x/b.dcm": SAMPLE.mr, "x/y/c.dcm": SAMPLE.be, "n.txt": new Uint8Array(300) });
}
