import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeText, analyzeWords, cleanText, emptyContext, joinWords } from "../../src/phi/index.js";
import { DicomError } from "../../src/core/errors.js";
import { janeDoeContext } from "./helpers.js";

const cleanCases: Array<[string, string, string]> = [
  ["a descriptor naming the patient", "CT CHEST W CONTRAST for DOE JANE", "CT CHEST W CONTRAST for [REMOVED]"],
  ["a descriptor with a month and year", "PARENCHYMAL PHASE Sep2001", "PARENCHYMAL PHASE [REMOVED]"],
  ["a purely clinical descriptor", "CT UROGRAM W/O CONTRAST AXIAL 2.5mm", "CT UROGRAM W/O CONTRAST AXIAL 2.5mm"],
  ["a history with a date and a physician", "f/u 03/15/2001 per Dr. Roe", "f/u [REMOVED] per Dr. [REMOVED]"],
  ["a comment with an ID and a phone", "MRN 4817203956 call 555-203-4417", "MRN [REMOVED] call [REMOVED]"],
];
for (const [what, input, expected] of cleanCases) {
  test(`when cleaning ${what} then PHI is replaced and clinical words stay`, () => {
    assert.equal(cleanText(input, janeDoeContext()), expected);
  });
}

test("when a marker is given then cleanText uses it", () => {
  assert.equal(cleanText("for DOE JANE", janeDoeContext(), { marker: "***" }), "for ***");
});

test("when findings overlap then they are merged into one span with every recognizer agreeing", () => {
  const fs = analyzeText("DOB: 03/15/1945", janeDoeContext());
  assert.equal(fs.length, 1);
  assert.deepEqual([fs[0].entity, fs[0].start, fs[0].end], ["DATE", 5, 15]);
  assert.match(fs[0].explanation, /merged with/);
  assert.ok(fs[0].score <= 1);
});

test("when raw findings are requested then overlaps are kept", () => {
  assert.ok(analyzeText("DOB: 03/15/1945", janeDoeContext(), { raw: true }).length > 1);
});

test("when minScore is raised then weaker findings disappear", () => {
  assert.equal(analyzeText("call 555-203-4417", emptyContext(), { minScore: 0.9 }).length, 0);
  assert.equal(analyzeText("call 555-203-4417", emptyContext(), { minScore: 0.5 }).length, 1);
});

test("when entities are restricted then other kinds are not reported", () => {
  const fs = analyzeText("Name: DOE JANE DOB: 03/15/1945", janeDoeContext(), { entities: ["DATE"] });
  assert.deepEqual(fs.map((f) => f.entity), ["DATE"]);
});

test("when an unknown recognizer is requested then a CONFIG error lists the known ones", () => {
  assert.throws(() => analyzeText("x", emptyContext(), { recognizers: ["nope"] }), (e: unknown) =>
    e instanceof DicomError && e.code === "CONFIG" && /nope/.test(e.message) && /header/.test(e.message) && /person-name/.test(e.message));
});

test("when the allow-list is extended then the added term is no longer a name", () => {
  const text = "Dr. Xylquist";
  assert.equal(analyzeText(text, emptyContext()).length, 1);
  assert.equal(analyzeText(text, emptyContext(), { allowList: { add: ["Xylquist"] } }).length, 0);
});

test("when OCR words are joined then lines are separated by newlines and spans are exact", () => {
  const { text, spans } = joinWords([{ text: "Name:", line: 0 }, { text: "DOE", line: 0 }, { text: "Age:", line: 1 }]);
  assert.equal(text, "Name: DOE\nAge:");
  assert.deepEqual(spans, [{ start: 0, end: 5 }, { start: 6, end: 9 }, { start: 10, end: 14 }]);
});

const wordCases: Array<[string, Array<[string, number]>, number[]]> = [
  ["a two-word name after a label", [["Name:", 0], ["DOE", 0], ["JANE", 0]], [1, 2]],
  ["a date split over words", [["DOB:", 0], ["03/15/", 0], ["1945", 0]], [1, 2]],
  ["a name split by OCR inside a word", [["Name:", 0], ["DO", 0], ["E", 0], ["JANE", 0]], [1, 2, 3]],
  ["values on separate lines", [["Age:", 0], ["56", 0], ["Semi-Upright", 1], ["Portable", 1]], [1]],
  ["a label with its value merged into one word", [["DOB:03/15/1945", 0]], [0]],
];
for (const [what, words, expected] of wordCases) {
  test(`when OCR words hold ${what} then exactly the value words are flagged`, () => {
    const fs = analyzeWords(words.map(([text, line]) => ({ text, line })), janeDoeContext());
    assert.deepEqual([...new Set(fs.flatMap((f) => f.words))].sort((a, b) => a - b), expected);
  });
}

test("when explanations are produced then they never contain the values", () => {
  const ctx = janeDoeContext();
  const text = "Name: DOE JANE DOB: 03/15/1945 ID 4817203956 Quillfeather Community Hospital 555-203-4417";
  for (const f of analyzeText(text, ctx, { raw: true, minScore: 0 })) {
    for (const v of ["DOE", "JANE", "1945", "4817203956", "Quillfeather", "4417"]) {
      assert.equal(f.explanation.toUpperCase().includes(v.toUpperCase()), false, `${f.recognizer}: ${f.explanation}`);
    }
  }
});
