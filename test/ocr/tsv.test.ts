import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTesseractTsv, tesseractParameters } from "../../src/ocr/tsv.js";

const tsv = [
  "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
  "1\t1\t0\t0\t0\t0\t0\t0\t200\t50\t-1\t",
  "4\t1\t1\t1\t1\t0\t10\t5\t120\t12\t-1\t",
  "5\t1\t1\t1\t1\t1\t10\t5\t40\t12\t96.5\tName:",
  "5\t1\t1\t1\t1\t2\t55\t5\t75\t12\t91\tTEST",
  "5\t1\t1\t1\t1\t3\t140\t5\t5\t12\t10\t ",
  "5\t1\t2\t1\t1\t1\t10\t30\t30\t12\t88\tID:",
].join("\n");

test("when TSV has word rows then words keep text, confidence, box and line", () => {
  const words = parseTesseractTsv(tsv);
  assert.deepEqual(
    words.map((w) => [w.text, w.confidence, w.box.x, w.box.y, w.box.w, w.box.h, w.line, w.block]),
    [
      ["Name:", 96.5, 10, 5, 40, 12, 0, 1],
      ["TEST", 91, 55, 5, 75, 12, 0, 1],
      ["ID:", 88, 10, 30, 30, 12, 1, 2],
    ],
  );
});

test("when TSV is empty then no words", () => {
  assert.deepEqual(parseTesseractTsv(""), []);
});

test("when options are given then tesseract variables are produced", () => {
  assert.deepEqual(tesseractParameters({ psm: 6, whitelist: "0123456789", dpi: 300, variables: { a: "1" } }), {
    a: "1",
    tessedit_pageseg_mode: "6",
    tessedit_char_whitelist: "0123456789",
    user_defined_dpi: "300",
  });
});
