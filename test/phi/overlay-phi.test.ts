// Data test over the overlay-phi ground truth (skipped when <repo>/../shared/data is absent).
// Uses no header context, so it checks the pattern, label and name recognizers alone; scripts/phi-eval.ts adds headers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeWords, emptyContext, type OcrWord } from "../../src/phi/index.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "shared", "data", "overlay-phi");
const present = existsSync(dir);

interface Annotation { key: { text: string }; value: { text: string } }

test("when every overlay-phi image's key/value lines are analysed then all values and no labels are flagged", { skip: !present && "overlay-phi data not found" }, () => {
  let values = 0;
  let missed = 0;
  let keys = 0;
  let keysFlagged = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
    const anns = (JSON.parse(readFileSync(join(dir, f), "utf8")) as { annotation: Annotation[] }).annotation;
    const words: Array<OcrWord & { role: "key" | "value"; ann: number }> = [];
    anns.forEach((a, ann) => {
      const kw = a.key.text.split(/\s+/).filter(Boolean);
      kw.forEach((w, i) => words.push({ text: i === kw.length - 1 ? `${w}:` : w, line: ann, role: "key", ann }));
      for (const w of a.value.text.split(/\s+/).filter(Boolean)) words.push({ text: w, line: ann, role: "value", ann });
    });
    const flagged = new Set(analyzeWords(words, emptyContext()).flatMap((x) => x.words));
    anns.forEach((a, ann) => {
      keys++;
      if (words.some((w, i) => w.ann === ann && w.role === "key" && flagged.has(i))) keysFlagged++;
      if (!a.value.text.trim()) return;
      values++;
      if (!words.every((w, i) => w.ann !== ann || w.role !== "value" || flagged.has(i))) missed++;
    });
  }
  assert.ok(values > 0);
  assert.equal(missed, 0, `${missed} of ${values} values missed`);
  assert.equal(keysFlagged, 0, `${keysFlagged} of ${keys} labels flagged`);
});
