import { test } from "node:test";
import assert from "node:assert/strict";
import { createAllowList, DEFAULT_ALLOW_LIST } from "../../src/phi/index.js";
import { allowedTokens } from "../../src/phi/allow-list.js";
import { makeTextView } from "../../src/phi/text-view.js";

const allowed = ["L", "R", "AP", "Semi-Upright", "Portable", "Supine", "cm", "MHz", "W/L", "WW", "CT", "ABDOMEN", "PELVIS",
  "UROGRAM", "PHASE", "AXIAL", "Patient", "ID", "DOB", "Name", "Study", "Date", "Institution", "Age", "Sex", "PELVlS", "W/O"];
for (const w of allowed) {
  test(`when checking "${w}" then the default allow-list allows it`, () => assert.equal(DEFAULT_ALLOW_LIST.hasWord(w), true));
}
const notAllowed = ["Smith", "Xylquist", "4817203956", "Jane"];
for (const w of notAllowed) {
  test(`when checking "${w}" then the default allow-list does not allow it`, () => assert.equal(DEFAULT_ALLOW_LIST.hasWord(w), false));
}

test("when a phrase is all clinical words and numbers then it is covered", () => {
  assert.equal(DEFAULT_ALLOW_LIST.coversPhrase("CT CHEST W CONTRAST 2.5 mm"), true);
  assert.equal(DEFAULT_ALLOW_LIST.coversPhrase("CT CHEST for Smith"), false);
});

test("when options add, remove or replace terms then the list follows", () => {
  assert.equal(createAllowList({ add: ["Zyx"] }).hasWord("zyx"), true);
  assert.equal(createAllowList({ remove: ["portable"] }).hasWord("Portable"), false);
  assert.equal(createAllowList({ terms: ["only"] }).hasWord("CT"), false);
});

test("when OCR splits or merges allowed words then every piece is marked allowed", () => {
  const view = makeTextView("ABDO MEN GEMEDICAL Smith");
  assert.deepEqual(allowedTokens(view, DEFAULT_ALLOW_LIST), [true, true, true, false]);
});

test("when a number carries its unit or a word names a transducer then it is allowed; an age with its unit is not", () => {
  const list = createAllowList();
  for (const w of ["40Hz", "75mm/s", "3.3cm", "64%", "65bpm", "S5-1", "C5-1", "L12-5"]) assert.ok(list.hasWord(w), w);
  for (const w of ["045Y", "045M", "045W", "45yrs", "12days", "AB1234", "12345", "5-1"]) assert.ok(!list.hasWord(w), w);
});
