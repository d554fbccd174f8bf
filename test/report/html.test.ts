import assert from "node:assert/strict";
import { test } from "node:test";
import { base64, renderHtmlReport, type ReviewEntry } from "../../src/report/html.js";
import { thumbnailPng } from "../../src/report/thumbnail.js";
import { rendered } from "../../src/pixels/render/rendered.js";

async function entry(id: string, risk: number, flags: string[], reason: string): Promise<ReviewEntry> {
  const r = rendered(40, 20, 1, new Uint8Array(800).fill(90));
  const boxes = [{ x: 2, y: 2, w: 10, h: 5, reason }];
  return { id, width: 40, height: 20, before: await thumbnailPng(r, { boxes }), after: await thumbnailPng(r), boxes, flags, risk };
}

/** The visible text of a page: tags, scripts, styles and data URIs removed. */
function visibleText(html: string): string {
  return html
    .replace(/<script>[\s\S]*?<\/script>/g, " ")
    .replace(/<style>[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ");
}

test("when a page is rendered then it is self-contained, with images as data URIs and no fetch allowed", async () => {
  const html = renderHtmlReport([await entry("1", 0.2, [], "date-pattern")]);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; img-src data:/);
  assert.equal((html.match(/src="data:image\/png;base64,/g) ?? []).length, 2);
  assert.ok(!/\b(href|src)="(?!data:)/.test(html), "no external resource");
});

test("when a page is rendered then its only text from the entries is ids, reasons and flags, escaped", async () => {
  const entries = [await entry("7", 0.9, ["low OCR confidence"], "person-name"), await entry("8", 0.1, [], "<b>x</b>")];
  const html = renderHtmlReport(entries);
  const text = visibleText(html);
  const template = new Set(["dicom-deid", "review", "images,", "flagged", "sort", "by", "risk", "in", "run", "order", "only", "x", "boxes", "no", "flags", "before", "after", "2", "1", "40", "20,"]);
  const fromEntries = new Set(["7", "8", "low", "OCR", "confidence", "person-name", "&lt;b&gt;x&lt;/b&gt;", "(1)", "0.90", "0.10"]);
  for (const word of text.trim().split(" ")) assert.ok(template.has(word) || fromEntries.has(word), `unexpected text "${word}"`);
  assert.ok(!html.includes("<b>x</b>"));
});

test("when entries have different risks then the riskiest comes first", async () => {
  const html = renderHtmlReport([await entry("low", 0.1, [], "a"), await entry("high", 0.8, ["no OCR text"], "a")]);
  assert.ok(html.indexOf(">high<") < html.indexOf(">low<"));
  assert.match(html, /2 images, 1 flagged/);
});

test("when bytes are base64-encoded then the result matches Node's encoder", () => {
  for (const n of [0, 1, 2, 3, 4, 5, 255]) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
    assert.equal(base64(bytes), Buffer.from(bytes).toString("base64"));
  }
});
