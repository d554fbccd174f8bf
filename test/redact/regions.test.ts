// Region rules: --redact-region parsing, rules-file validation (errors name the line),
// condition matching, first match wins, explanations without values, ultrasound regions.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Dataset } from "../../src/core/dataset.js";
import { isDicomError } from "../../src/core/errors.js";
import { UNDEFINED_LENGTH, tag } from "../../src/core/tag.js";
import { encodeValues } from "../../src/dataset/values.js";
import { readDicom, type DicomFile } from "../../src/io/read/read-file.js";
import { EXPLICIT_LITTLE } from "../../src/io/transfer-syntax.js";
import { rectMask } from "../../src/redact/rects.js";
import {
  complementRects, explainRegions, parseLocatedJson, parseRegionArg, parseRegionRules, regionsFor, ultrasoundRegions,
} from "../../src/redact/regions/index.js";
import type { Rect } from "../../src/redact/types.js";
import { SHARED_DATA } from "../helpers/hex.js";

const configError = (fn: () => unknown, pattern: RegExp): void => {
  assert.throws(fn, (e: unknown) => isDicomError(e) && e.code === "CONFIG" && pattern.test(e.message), `expected ${pattern}`);
};

describe("parseRegionArg", () => {
  for (const [text, want] of [["0,0,640,48", { x: 0, y: 0, w: 640, h: 48 }], [" 1, 2 ,3,4", { x: 1, y: 2, w: 3, h: 4 }]] as const) {
    it(`when given "${text}" then it is ${JSON.stringify(want)}`, () => assert.deepEqual(parseRegionArg(text), want));
  }
  for (const text of ["1,2,3", "a,b,c,d", "1,2,0,4", "-1,0,1,1", "1.5,0,1,1", ""]) {
    it(`when given "${text}" then a CONFIG error names --redact-region`, () => configError(() => parseRegionArg(text), /--redact-region/));
  }
});

describe("parseRegionRules validation", () => {
  const cases: [string, string, RegExp][] = [
    ["a JSON syntax error", '{\n  "rules": [\n    { "redact": [[0,0,1,1]] },\n  ]\n}', /line 4: expected a JSON value/],
    ["an unknown member", '{ "rules": [\n {\n "redact": [[0,0,1,1]],\n "redcat": 1 } ] }', /line 4: rules\[0\]\.redcat: unknown member/],
    ["an unknown keyword", '{ "rules": [ { "redact": [[0,0,1,1]],\n "when": {\n "tag": "Modaliti", "equals": "US" } } ] }', /line 3: rules\[0\]\.when\.tag: unknown keyword/],
    ["a bad regex", '{ "rules": [ { "redact": [[0,0,1,1]],\n "when": { "tag": "Modality",\n "regex": "([" } } ] }', /line 3: rules\[0\]\.when\.regex: is not a valid regular expression/],
    ["no action", '{ "rules": [\n { "name": "x" } ] }', /line 2: rules\[0\]: needs "redact"/],
    ["a bad rectangle", '{ "rules": [ { "redact": [\n [0, 0, 0, 5] ] } ] }', /line 2: rules\[0\]\.redact\[0\]: width and height must be positive/],
    ["two operators", '{ "rules": [ { "redact": ["0,0,1,1"],\n "when": { "tag": "Rows", "equals": 1, "contains": "x" } } ] }', /line 2: .*exactly one of/],
    ["an empty and", '{ "rules": [ { "redact": ["0,0,1,1"], "when": {\n "and": [] } } ] }', /line 2: rules\[0\]\.when\.and: must be a non-empty array/],
    ["a duplicate member", '{ "rules": [],\n "rules": [] }', /line 2: member "rules" appears twice/],
    ["a wrong version", '{ "version": 2, "rules": [] }', /line 1: version: must be 1/],
    ["no rules array", '{ "comment": "x" }', /rules: must be an array/],
  ];
  for (const [name, text, pattern] of cases) {
    it(`when a rules file has ${name} then the CONFIG error names the line`, () => configError(() => parseRegionRules(text, { source: "rules.json" }), pattern));
  }

  it("when JSON strings hold escapes then they are decoded", () => {
    const node = parseLocatedJson('{"a": "x\\"y\\u0041\\n"}');
    assert.equal(node.kind === "object" && node.entries.get("a")?.kind === "string" ? (node.entries.get("a") as { value: string }).value : "", 'x"yA\n');
  });
});

/** A file with a few header attributes and, optionally, two ultrasound regions. */
function headerFile(regions = false): DicomFile {
  const ds = new Dataset({ explicitVR: true, littleEndian: true });
  const put = (d: Dataset, t: number, vr: string, values: (string | number)[]): void => {
    const value = encodeValues(d, t, vr, values);
    d.put({ tag: t, vr, length: value.length, offset: -1, value });
  };
  put(ds, tag(0x0008, 0x0008), "CS", ["ORIGINAL", "PRIMARY"]);
  put(ds, tag(0x0008, 0x0060), "CS", ["US"]);
  put(ds, tag(0x0008, 0x0070), "LO", ["GE Healthcare"]);
  put(ds, tag(0x0008, 0x1090), "LO", ["LOGIQE9"]);
  put(ds, tag(0x0028, 0x0010), "US", [100]);
  put(ds, tag(0x0028, 0x0011), "US", [200]);
  if (regions) {
    const items = [[10, 20, 109, 69, 1], [120, 20, 189, 49, 3]].map(([x0, y0, x1, y1, type]) => {
      const d = new Dataset(ds.encoding, [], ds);
      put(d, tag(0x0018, 0x6014), "US", [type]);
      put(d, tag(0x0018, 0x6018), "UL", [x0]);
      put(d, tag(0x0018, 0x601a), "UL", [y0]);
      put(d, tag(0x0018, 0x601c), "UL", [x1]);
      put(d, tag(0x0018, 0x601e), "UL", [y1]);
      return { dataset: d, offset: -1, length: UNDEFINED_LENGTH };
    });
    ds.put({ tag: tag(0x0018, 0x6011), vr: "SQ", length: UNDEFINED_LENGTH, offset: -1, items });
  }
  return {
    source: new Uint8Array(0), hasPrefix: false, meta: new Dataset({ explicitVR: true, littleEndian: true }), hasMeta: false,
    transferSyntax: EXPLICIT_LITTLE, dataset: ds, datasetBytes: new Uint8Array(0), datasetOffset: 0, warnings: [], partial: false,
  };
}

describe("rule conditions", () => {
  const cases: [string, boolean][] = [
    ['{ "tag": "Modality", "equals": "US" }', true],
    ['{ "tag": "Modality", "equals": "us" }', false],
    ['{ "tag": "Modality", "equals": "us", "ignoreCase": true }', true],
    ['{ "tag": "Modality", "equals": ["CT", "US"] }', true],
    ['{ "tag": "Manufacturer", "contains": "Health" }', true],
    ['{ "tag": "Manufacturer", "contains": "siemens", "ignoreCase": true }', false],
    ['{ "tag": "ManufacturerModelName", "regex": "^logiq", "ignoreCase": true }', true],
    ['{ "tag": "Rows", "equals": 100 }', true],
    ['{ "tag": "(0028,0011)", "equals": [512, 200] }', true],
    ['{ "tag": "Columns", "equals": "200" }', true],
    ['{ "tag": "ImageType", "equals": "PRIMARY" }', true],
    ['{ "tag": "ImageType", "equals": "ORIGINAL\\\\PRIMARY" }', true],
    ['{ "tag": "ImageType", "regex": "^DERIVED" }', false],
    ['{ "tag": "PatientName", "present": false }', true],
    ['{ "tag": "PatientName", "equals": "" }', false],
    ['{ "tag": "SequenceOfUltrasoundRegions", "present": true }', true],
    ['{ "tag": "SequenceOfUltrasoundRegions[*].RegionDataType", "equals": 3 }', true],
    ['{ "and": [{ "tag": "Modality", "equals": "US" }, { "tag": "Rows", "equals": 101 }] }', false],
    ['{ "or": [{ "tag": "Modality", "equals": "CT" }, { "tag": "Rows", "equals": 100 }] }', true],
    ['{ "not": { "tag": "Modality", "equals": "US" } }', false],
  ];
  const file = headerFile(true);
  for (const [when, want] of cases) {
    it(`when the condition is ${when} then it is ${want}`, () => {
      const rules = parseRegionRules(`{ "rules": [ { "when": ${when}, "redact": [[0, 0, 1, 1]] } ] }`);
      assert.equal(regionsFor(file, { rules }).matchedRule !== undefined, want);
    });
  }
});

describe("regionsFor and explainRegions", () => {
  const text = `{
    "rules": [
      { "name": "CT only", "when": { "tag": "Modality", "equals": "CT" }, "redact": [[0, 0, 5, 5]] },
      { "name": "US keep", "when": { "tag": "Modality", "equals": "US" }, "keepUltrasoundRegions": true },
      { "name": "GE banner", "when": { "tag": "Manufacturer", "contains": "GE" }, "redact": [[0, 0, 200, 10]] }
    ]
  }`;
  const rules = parseRegionRules(text);

  it("when two rules match then the first wins and explicit rectangles come first", () => {
    const r = regionsFor(headerFile(true), { rects: [{ x: 1, y: 1, w: 1, h: 1 }], rules });
    assert.equal(r.matchedRule?.name, "US keep");
    assert.equal(r.matchedRule?.line, 4);
    assert.deepEqual(r.rects[0], { x: 1, y: 1, w: 1, h: 1 });
  });

  it("when a keep-regions rule meets a file without regions then it is skipped, the next rule applies and the explanation says why", () => {
    const file = headerFile(false);
    assert.equal(regionsFor(file, { rules }).matchedRule?.name, "GE banner");
    const e = explainRegions(file, rules);
    assert.equal(e.matchedRule?.index, 2);
    assert.deepEqual(e.rules.map((r) => r.matched), [false, false, true]);
    assert.match(e.rules[1].note ?? "", /no usable Sequence of Ultrasound Regions/);
    assert.deepEqual(e.rules[0].tests, [{ line: 3, tag: "Modality", op: "equals", present: true, result: false }]);
    const json = JSON.stringify(e);
    for (const value of ["GE Healthcare", "LOGIQ", "\"US\""]) assert.ok(!json.includes(value), `explanation leaks ${value}`);
  });

  it("when no rule matches then only the explicit rectangles remain", () => {
    const none = parseRegionRules('{ "rules": [ { "when": { "tag": "Modality", "equals": "MR" }, "redact": ["0,0,1,1"] } ] }');
    assert.deepEqual(regionsFor(headerFile(), { rects: [{ x: 0, y: 0, w: 2, h: 2 }], rules: none }), { rects: [{ x: 0, y: 0, w: 2, h: 2 }] });
  });

  it("when ultrasound regions are kept then the rectangles cover exactly the pixels outside them", () => {
    const file = headerFile(true);
    const keep = ultrasoundRegions(file.dataset);
    assert.deepEqual(keep, [{ x: 10, y: 20, w: 100, h: 50 }, { x: 120, y: 20, w: 70, h: 30 }]);
    const r = regionsFor(file, { rules });
    const redact = rectMask(r.rects, 200, 100).mask;
    const kept = rectMask(keep, 200, 100).mask;
    for (let p = 0; p < redact.length; p++) assert.equal(redact[p], 1 - kept[p], `pixel ${p}`);
  });
});

describe("complementRects", () => {
  /** A tiny deterministic generator (no Math.random in tests). */
  const lcg = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let seed = 1; seed <= 20; seed++) {
    it(`when random keep rectangles (seed ${seed}) are complemented then the union is the image and nothing overlaps`, () => {
      const rnd = lcg(seed);
      const w = 37, h = 23;
      const keep: Rect[] = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => ({
        x: Math.floor(rnd() * 45) - 4, y: Math.floor(rnd() * 30) - 4, w: 1 + Math.floor(rnd() * 20), h: 1 + Math.floor(rnd() * 15),
      }));
      const out = complementRects(keep, w, h);
      const count = new Uint8Array(w * h);
      for (const r of out) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) count[y * w + x]++;
      const kept = rectMask(keep, w, h).mask;
      for (let p = 0; p < count.length; p++) assert.equal(count[p], 1 - kept[p], `pixel ${p}`);
    });
  }
});

describe("ultrasound regions of a real file", () => {
  const name = SHARED_DATA && join(SHARED_DATA, "dicom", "pixel_phi", "smi__US-GE-4AICL142_ybr422.dcm");
  it("when the GE ultrasound is read then its regions lie inside the image", { skip: !name || !existsSync(name) }, () => {
    const file = readDicom(new Uint8Array(readFileSync(name!)));
    const regions = ultrasoundRegions(file.dataset);
    assert.ok(regions.length > 0);
    for (const r of regions) assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.w <= 636 && r.y + r.h <= 434);
  });
});
