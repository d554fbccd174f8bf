// `npm run bench [section...]`: throughput of dicom-deid beside peer tools on the same files.
// Sections: core (parse, parse+write vs gdcmanon), deid (deidentify --pixels off vs gdcmanon),
// pixels (decode and redact MP/s per transfer syntax), burnin (end-to-end images/s vs tesseract CLI).
import { benchCore } from "./bench-core.js";
import { benchDeid } from "./bench-deid.js";
import { benchPixels } from "./bench-pixels.js";
import { benchBurnin } from "./bench-burnin.js";

const sections: Record<string, () => Promise<void>> = { core: benchCore, deid: benchDeid, pixels: benchPixels, burnin: benchBurnin };
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(sections)) {
  const run = sections[name];
  if (!run) {
    console.error(`unknown bench section "${name}"; known: ${Object.keys(sections).join(", ")}`);
    process.exit(2);
  }
  await run();
}
