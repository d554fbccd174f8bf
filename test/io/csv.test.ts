import { test } from "node:test";
import assert from "node:assert/strict";
import { csvCells, csvField } from "../../src/io/csv.js";

test("when CSV fields need quoting then they are quoted per RFC 4180", () => {
  assert.deepEqual(["plain", "a,b", 'say "hi"', "two\nlines", " pad"].map(csvField), ["plain", '"a,b"', '"say ""hi"""', '"two\nlines"', '" pad"']);
});

// [line, cells]
const cases: [string, string[] | undefined][] = [
  ["a,b,c", ["a", "b", "c"]],
  [" a , b ", ["a", "b"]],
  ['"DOE, JOHN",2', ["DOE, JOHN", "2"]],
  ['"say ""hi""",x', ['say "hi"', "x"]],
  ['" pad ",x', [" pad ", "x"]],
  ["a,,c", ["a", "", "c"]],
  ['"open,x', undefined],
];
for (const [line, cells] of cases) {
  test(`when the CSV line is ${JSON.stringify(line)} then its cells are ${JSON.stringify(cells)}`, () => assert.deepEqual(csvCells(line), cells));
}

test("when fields are written and read back then they come back whole", () => {
  const fields = ["plain", "a,b", 'say "hi"', " pad", ""];
  assert.deepEqual(csvCells(fields.map(csvField).join(",")), fields);
});
