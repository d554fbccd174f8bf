import { test } from "node:test";
import assert from "node:assert/strict";
import { covered, untouched } from "../helpers.js";

const only = { recognizers: ["person-name"] };
const found: Array<[string, string, string]> = [
  ["first name and surname in capitals", "CT CHEST W CONTRAST for SMITH JOHN", "SMITH JOHN"],
  ["first name and surname in title case", "Mary Johnson was seen", "Mary Johnson"],
  ["a surname after a title", "read by Dr. Brown", "Brown"],
  ["an unknown word after a title", "Dr. Xylquist", "Xylquist"],
  ["surname, first name", "Wilson, Karen", "Wilson, Karen"],
  ["a name after a Name cue", "Name: Quimby Zane", "Quimby Zane"],
];
for (const [what, text, part] of found) {
  test(`when the text holds ${what} then person-name flags it`, () => {
    assert.equal(covered(text, part, undefined, only), true);
  });
}

const kept: Array<[string, string, string]> = [
  ["orientation and position words", "Semi-Upright Portable L", "Semi-Upright Portable L"],
  ["clinical words that are also surnames", "HEAD LONG AXIS", "HEAD LONG AXIS"],
  ["a clinical word that is also a surname, with a hand", "LEFT HAND", "LEFT HAND"],
  ["labels", "Patient Name: Study Date:", "Patient Name: Study Date:"],
  ["a series description", "PARENCHYMAL PHASE", "PARENCHYMAL PHASE"],
  ["a device name", "GE MEDICAL SYSTEMS LightSpeed16", "GE MEDICAL SYSTEMS"],
  ["a lone common word that is also a first name", "Hope", "Hope"],
  ["an allow-listed word split by OCR", "PORT ABLE", "PORT ABLE"],
];
for (const [what, text, part] of kept) {
  test(`when the text holds ${what} then person-name leaves it`, () => {
    assert.equal(untouched(text, part, undefined, only), true);
  });
}
