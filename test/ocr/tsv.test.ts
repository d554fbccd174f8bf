import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTesseractTsv, parseTesseractTsvPages, tesseractParameters } from "../../src/ocr/tsv.js";

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

test("when TSV holds several pages then each page gets its own words, and missing pages are empty", () => {
  const multi = [
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "1\t1\t0\t0\t0\t0\t0\t0\t200\t50\t-1\t",
    "5\t1\t1\t1\t1\t1\t10\t5\t40\t12\t96\tName:",
    "1\t2\t0\t0\t0\t0\t0\t0\t200\t50\t-1\t",
    "1\t3\t0\t0\t0\t0\t0\t0\t200\t50\t-1\t",
    "5\t3\t1\t1\t1\t1\t1\t2\t3\t4\t80\tID:",
    "5\t3\t1\t1\t2\t1\t1\t9\t3\t4\t70\t42",
    "5\t9\t1\t1\t1\t1\t1\t2\t3\t4\t80\tstray",
  ].join("\n");
  const pages = parseTesseractTsvPages(multi, 4);
  assert.deepEqual(pages.map((p) => p.map((w) => [w.text, w.line])), [[["Name:", 0]], [], [["ID:", 0], ["42", 1]], []]);
});
