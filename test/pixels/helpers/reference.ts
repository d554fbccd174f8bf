// Test-only: reference decodes from dcmtk / GDCM. Each file is converted once to explicit VR
// little endian native pixel data by an outside tool and cached in the OS temp folder.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import type { PixelFormat } from "../../../src/pixels/format.js";
import { nativeFrame } from "../../../src/pixels/native.js";
import { scanDicom } from "./dicom-scan.js";

/** The shared test data folder (`<repo>/../shared/data`), or undefined when absent. */
export const DATA_DIR = ((): string | undefined => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "shared", "data", "dicom");
  return existsSync(dir) ? dir : undefined;
})();

/** One row of dicom/manifest.csv that matters here. */
export interface ManifestEntry {
  file: string;
  transferSyntax: string;
}

/** Files of `codecs/` and `pixel_phi/` with their transfer syntax, from the manifest. */
export function codecTestFiles(): ManifestEntry[] {
  if (!DATA_DIR) return [];
  const lines = readFileSync(join(DATA_DIR, "manifest.csv"), "latin1").split(/\r?\n/).slice(1);
  const out: ManifestEntry[] = [];
  for (const line of lines) {
    const file = line.split(",")[0];
    if (!/^(codecs|pixel_phi)\//.test(file)) continue;
    const ts = scanDicom(readFileSync(join(DATA_DIR, file))).transferSyntax;
    out.push({ file, transferSyntax: ts });
  }
  return out;
}

/** Whether an outside tool is on PATH; DICOM_DEID_NO_REFERENCE_TOOLS=1 pretends none is (to test the digest fallback). */
function has(tool: string): boolean {
  if (process.env.DICOM_DEID_NO_REFERENCE_TOOLS === "1") return false;
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const J2K = /^1\.2\.840\.10008\.1\.2\.4\.9[0-3]$/;
const HTJ2K = /^1\.2\.840\.10008\.1\.2\.4\.20[1-3]$/;
const JPEG = /^1\.2\.840\.10008\.1\.2\.4\.(5\d|70)$/;
const JLS = /^1\.2\.840\.10008\.1\.2\.4\.8[01]$/;

/** The outside tool that decodes a transfer syntax, or undefined. */
export function referenceTool(ts: string): string | undefined {
  if (JPEG.test(ts)) return has("dcmdjpeg") ? "dcmdjpeg" : undefined;
  if (JLS.test(ts)) return has("dcmdjpls") ? "dcmdjpls" : undefined;
  if (ts === "1.2.840.10008.1.2.5") return has("dcmdrle") ? "dcmdrle" : undefined;
  if (J2K.test(ts) || HTJ2K.test(ts)) return has("gdcmconv") ? "gdcmconv" : undefined;
  if (ts === "1.2.840.10008.1.2.8.1") return has("python3") ? "python3-zlib" : undefined;
  return undefined;
}

/** GDCM 3.0 does not know the HTJ2K UIDs but its OpenJPEG 2.5 decodes them: relabel a copy as J2K. */
function relabelHtj2k(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const at = text.indexOf("1.2.840.10008.1.2.4.20");
  if (at < 0 || at > 1024) throw new Error("HTJ2K UID not found in file meta");
  const length = text.readUInt16LE(at - 2);
  const lossy = text.subarray(at, at + length).toString("latin1").startsWith("1.2.840.10008.1.2.4.203");
  const uid = Buffer.alloc(length);
  uid.write(lossy ? "1.2.840.10008.1.2.4.91" : "1.2.840.10008.1.2.4.90", "latin1");
  const out = Buffer.from(text);
  uid.copy(out, at);
  return out;
}

/** Deflated image frames: inflate each fragment with Python's zlib and pack native frames. */
function inflateFramesWithPython(file: string, out: string): void {
  const scan = scanDicom(readFileSync(file));
  const parts = scan.encapsulated!.fragments.map((f) =>
    execFileSync("python3", ["-c", "import sys,zlib;sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read(),-15))"], { input: f }),
  );
  writeFileSync(out, Buffer.concat(parts));
}

/** Reference frames of a file decoded by dcmtk / GDCM, or undefined when the tool is missing. */
export function referenceFrames(relative: string, ts: string): { tool: string; format: PixelFormat; frames: ArrayLike<number>[] } | undefined {
  if (!DATA_DIR) return undefined;
  const tool = referenceTool(ts);
  if (!tool) return undefined;
  const file = join(DATA_DIR, relative);
  const cache = join(tmpdir(), "dicom-deid-codec-refs");
  mkdirSync(cache, { recursive: true });
  const stamp = `${basename(relative, ".dcm")}-${statSync(file).size}`;
  const out = join(cache, `${stamp}.${tool}.dcm`);
  if (tool === "python3-zlib") {
    const raw = `${out}.raw`;
    if (!existsSync(raw)) inflateFramesWithPython(file, raw);
    const scan = scanDicom(readFileSync(file));
    const value = new Uint8Array(readFileSync(raw));
    // Each inflated frame starts on a byte boundary: read them one by one.
    const per = Math.ceil((scan.format.rows * scan.format.columns * scan.format.samplesPerPixel * scan.format.bitsAllocated) / 8);
    const one = { ...scan.format, numberOfFrames: 1 };
    const frames = Array.from({ length: scan.format.numberOfFrames }, (_, k) =>
      nativeFrame(value.subarray(k * per, (k + 1) * per), one, 0, { littleEndian: true }).pixels,
    );
    return { tool, format: scan.format, frames };
  }
  if (!existsSync(out)) {
    let input = file;
    if (HTJ2K.test(ts)) {
      input = `${out}.in.dcm`;
      writeFileSync(input, relabelHtj2k(new Uint8Array(readFileSync(file))));
    }
    const args: Record<string, string[]> = {
      dcmdjpeg: [input, out],
      dcmdjpls: [input, out],
      dcmdrle: [input, out],
      gdcmconv: ["--raw", input, out],
    };
    execFileSync(tool, args[tool], { stdio: "ignore" });
  }
  const scan = scanDicom(new Uint8Array(readFileSync(out)));
  if (!scan.native) throw new Error(`${tool} output has no native pixel data`);
  const frames = Array.from({ length: scan.format.numberOfFrames }, (_, k) =>
    nativeFrame(scan.native!, scan.format, k, { littleEndian: scan.littleEndian, vr: scan.pixelVr }).pixels,
  );
  return { tool, format: scan.format, frames };
}

/** Largest absolute difference between two sample arrays of equal length (Infinity when lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > max) max = d;
  }
  return max;
}

/** Inflates raw deflate (for tests that need it). */
export function inflate(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(inflateRawSync(bytes));
}
