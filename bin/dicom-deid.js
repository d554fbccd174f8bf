#!/usr/bin/env node
// CLI entry: runs the compiled CLI (build with `npm run build`, or any `npm start`/`npm test`).
import { existsSync } from "node:fs";
const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("dicom-deid: not built yet; run `npm run build` (or `npm start`) first\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
