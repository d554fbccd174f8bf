// Core benchmark: parse-only and parse+write (disk to disk) over overlay-phi, beside gdcmanon.
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { readDicom } from "../src/io/read/read-file.js";
import { writeDicom } from "../src/io/write/write-file.js";
import { writeFileAtomic } from "../src/io/atomic-write.js";
import { SHARED, hasCommand, line, overlayFiles, timeCommand, timeIt, totalBytes } from "./bench-lib.js";

/** Runs the core benchmark and prints its lines. */
export async function benchCore(): Promise<void> {
  const files = overlayFiles();
  if (!files.length) { console.log("core: ../shared/data/overlay-phi not found; skipped"); return; }
  const bytes = totalBytes(files);
  console.log(`\n== core: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (overlay-phi) ==`);
  const buffers = files.map((f) => new Uint8Array(readFileSync(f)));
  const parse = await timeIt(() => { for (const b of buffers) readDicom(b); }, 5);
  console.log(line("parse only (in memory)", parse, files.length, bytes));
  const out = mkdtempSync(join(tmpdir(), "dicom-deid-bench-"));
  const rw = await timeIt(() => {
    for (const f of files) {
      const src = new Uint8Array(readFileSync(f));
      writeFileAtomic(join(out, basename(f)), writeDicom(readDicom(src)), { protect: [f] });
    }
  }, 5);
  console.log(line("parse + write (disk to disk)", rw, files.length, bytes));
  if (hasCommand("gdcmanon")) {
    const cert = join(out, "cert.pem");
    try {
      timeCommand("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-keyout", join(out, "key.pem"), "-out", cert, "-days", "1", "-nodes", "-subj", "/CN=bench"], 1);
      const gdOut = join(out, "gdcmanon");
      const g = timeCommand("gdcmanon", ["-e", "-c", cert, "--continue", "-r", "-i", join(SHARED!, "overlay-phi"), "-o", gdOut], 3, () => { rmSync(gdOut, { recursive: true, force: true }); mkdirSync(gdOut); });
      console.log(line("gdcmanon (whole basic-profile run, process)", g, files.length, bytes));
      console.log(`ratio parse+write / gdcmanon: ${(rw / g).toFixed(2)}x (target <= 2x)`);
    } catch (e) {
      console.log(`gdcmanon: could not run (${(e as Error).message.split("\n")[0]})`);
    }
  } else {
    console.log("gdcmanon: not installed (apt-get install libgdcm-tools); no ratio");
  }
  rmSync(out, { recursive: true, force: true });
}
