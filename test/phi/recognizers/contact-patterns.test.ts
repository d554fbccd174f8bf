import { test } from "node:test";
import assert from "node:assert/strict";
import { flagged } from "../helpers.js";

const cases: Array<[string, string, string[]]> = [
  ["phone-pattern", "Tel (555) 123-4567", ["PHONE:(555) 123-4567"]],
  ["phone-pattern", "+1-555-123-4567", ["PHONE:+1-555-123-4567"]],
  ["phone-pattern", "555.123.4567 x12", ["PHONE:555.123.4567 x12"]],
  ["phone-pattern", "+44 20 7946 0958", ["PHONE:+44 20 7946 0958"]],
  ["phone-pattern", "5.0 mm 120 kV", []],
  ["email-pattern", "mail jane.doe@example.org now", ["EMAIL:jane.doe@example.org"]],
  ["email-pattern", "a @ b", []],
  ["url-pattern", "see https://example.org/a?b=1.", ["URL:https://example.org/a?b=1"]],
  ["url-pattern", "www.example.com", ["URL:www.example.com"]],
  ["url-pattern", "1.5 mm", []],
  ["address-pattern", "12 Elm Street, Springfield, IL 62704", ["ADDRESS:12 Elm Street, Springfield, IL 62704"]],
  ["address-pattern", "281 Nunez Street Suite 195", ["ADDRESS:281 Nunez Street Suite 195"]],
  ["address-pattern", "PO Box 1234", ["ADDRESS:PO Box 1234"]],
  ["address-pattern", "3 Chamber View", []],
  ["address-pattern", "25 Hz\nCT", []],
  ["age-pattern", "72 yrs", ["AGE:72 yrs"]],
  ["age-pattern", "a 72-year-old", ["AGE:72-year-old"]],
  ["age-pattern", "072Y", ["AGE:072Y"]],
  ["age-pattern", "6 months old", ["AGE:6 months old"]],
  ["age-pattern", "follow-up in 6 months", []],
];
for (const [recognizer, text, expected] of cases) {
  test(`when "${text.replace("\n", "\\n")}" is analysed then ${recognizer} reports ${expected.length ? expected.join(", ") : "nothing"}`, () => {
    assert.deepEqual(flagged(text, undefined, { recognizers: [recognizer] }), expected);
  });
}
