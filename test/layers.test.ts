import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { listFiles } from "./helpers/corpus.js";

/** The layers of src/, lowest first: a file may import its own layer and the ones before it. */
const ORDER = ["core", "dictionary", "io", "dataset", "pixels", "phi", "ocr", "actions", "profile", "deid", "redact", "burnin", "report", "pipeline", "eval", "cli"];

test("when any src file imports another layer then it is a lower one (one-way layers)", () => {
  const src = fileURLToPath(new URL("../src", import.meta.url));
  const wrong: string[] = [];
  for (const file of listFiles(src, [".ts"])) {
    const layer = relative(src, file).split("/")[0];
    const rank = ORDER.indexOf(layer);
    if (rank < 0) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"|import\("(\.[^"]+)"\)/g)) {
      const target = relative(src, normalize(join(dirname(file), m[1] ?? m[2]))).split("/")[0];
      const t = ORDER.indexOf(target);
      if (t > rank) wrong.push(`${relative(src, file)} -> ${target}`);
    }
  }
  assert.deepEqual(wrong, []);
});
