import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRecipe, recipeDecision } from "../../src/deid/recipe.js";
import { tag } from "../../src/core/tag.js";

const recipe = parseRecipe(`{
  "options": ["clean-descriptors"],
  "rules": [
    { "match": { "vr": "PN" }, "action": "empty" },
    { "match": { "group": "0019" }, "action": "remove" },
    { "match": { "range": ["(0019,1000)", "(0019,10FF)"] }, "action": "keep" },
    { "match": { "keyword": "StudyDescription" }, "action": { "replace": "RESEARCH" } },
    { "match": { "creator": "ACME 1.0", "element": "08" }, "action": "keep" },
    { "match": { "creator": "ACME 1.0" }, "action": "remove" },
    { "match": { "tag": "(0010,0010)" }, "action": "dummy" }
  ],
  "safePrivate": [{ "creator": "ACME 1.0", "group": "0029", "element": "10" }]
}`);

const f = (t: number, vr = "LO", privateCreator?: string) => ({ tag: t, vr, isSequence: false, privateCreator });

for (const [when, facts, kind] of [
  ["a keyword rule and a VR rule both match", f(tag(0x10, 0x10), "PN"), "dummy"],
  ["only the VR rule matches", f(tag(0x08, 0x90), "PN"), "empty"],
  ["a range and a group rule both match", f(tag(0x19, 0x1005)), "keep"],
  ["only the group rule matches", f(tag(0x19, 0x2005)), "remove"],
  ["a replace rule matches", f(tag(0x08, 0x1030)), "replace"],
  ["creator+element beats the whole creator", f(tag(0x29, 0x1108), "LO", "ACME 1.0"), "keep"],
  ["the whole creator matches", f(tag(0x29, 0x1109), "LO", "ACME 1.0"), "remove"],
] as const) {
  test(`when ${when} then the most specific rule decides (${kind})`, () => {
    const d = recipeDecision(recipe, facts);
    assert.equal(d?.action.kind, kind);
    assert.match(d!.rule, /^recipe rule \d+ \(line \d+\)/);
  });
}

const scrubbing = parseRecipe('{ "rules": [ { "match": { "keyword": "ImageComments" }, "action": "scrub" }, { "match": { "keyword": "ReferencedImageSequence" }, "action": "scrub" } ] }');

test("when a scrub rule matches a text then its action is scrub, and on a sequence its items are walked", () => {
  assert.equal(recipeDecision(scrubbing, f(tag(0x20, 0x4000), "LT"))?.action.kind, "scrub");
  assert.equal(recipeDecision(scrubbing, { ...f(tag(0x08, 0x1140), "SQ"), isSequence: true })?.action.kind, "recurse");
});

test("when no rule matches then the profile decides", () => {
  assert.equal(recipeDecision(recipe, f(tag(0x08, 0x60), "CS")), undefined);
  assert.deepEqual(recipe.options, ["clean-descriptors"]);
  assert.equal(recipe.safePrivate[0].group, 0x29);
});

for (const [when, text, message] of [
  ["the JSON is broken", '{\n  "rules": [\n    { "match": }\n  ]\n}', /config line 3: not valid JSON/],
  ["an action is unknown", '{\n  "rules": [\n    { "match": { "vr": "PN" }, "action": "zap" }\n  ]\n}', /config line 3: action must be one of/],
  ["a keyword is unknown", '{ "rules": [ { "match": { "keyword": "NoSuchThing" }, "action": "keep" } ] }', /match.tag\/keyword must be a tag/],
  ["a top-level key is unknown", '{\n  "rulez": []\n}', /config line 2: unknown key "rulez"/],
  ["a safe private group is even", '{ "safePrivate": [ { "creator": "X", "group": "0018", "element": "10" } ] }', /odd group/],
] as const) {
  test(`when ${when} then a CONFIG error names the line`, () => assert.throws(() => parseRecipe(text), message));
}

// The same recipe in YAML: hex fields may go unquoted (every scalar is read as text).
const yamlText = `# a research recipe
options: [clean-descriptors]
dateShiftDays: 180
rules:
  - match: { vr: PN }
    action: empty
  - match: { group: 0019 }
    action: remove
  - match: { range: ["(0019,1000)", "(0019,10FF)"] }
    action: keep
  - match: { keyword: StudyDescription }
    action: { replace: RESEARCH }
  - match: { creator: ACME 1.0, element: 08 }
    action: keep
  - match: { creator: ACME 1.0 }
    action: remove
  - match: { tag: "(0010,0010)" }
    action: dummy
safePrivate:
  - { creator: ACME 1.0, group: 0029, element: 10 }
`;

test("when the recipe is written in YAML then it means what the JSON one means, lines included", () => {
  const y = parseRecipe(yamlText);
  assert.deepEqual(y.rules.map((r) => [r.match, r.action, r.tier]), recipe.rules.map((r) => [r.match, r.action, r.tier]));
  assert.deepEqual(y.rules.map((r) => r.line), [5, 7, 9, 11, 13, 15, 17]);
  assert.deepEqual(y.safePrivate, recipe.safePrivate);
  assert.deepEqual(y.options, ["clean-descriptors"]);
  assert.equal(y.dateShiftDays, 180);
});

for (const [when, text, message] of [
  ["the YAML is broken", "rules:\n  - match: { vr: PN\n    action: keep\n", /config line \d+: not valid YAML/],
  ["a YAML action is unknown", "rules:\n  - match: { vr: PN }\n    action: empty\n  - match: { vr: LO }\n    action: zap\n", /config line 4: action must be one of/],
  ["a YAML top-level key is unknown", "options: []\nrulez: []\n", /config line 2: unknown key "rulez"/],
  ["a YAML key repeats", "rules: []\nrules: []\n", /config line 2: not valid YAML/],
  ["a YAML config is a list", "- a\n- b\n", /config line 1: the config must be a YAML mapping/],
] as const) {
  test(`when ${when} then a CONFIG error names the line`, () => assert.throws(() => parseRecipe(text), message));
}

test("when a recipe sets the pseudonym length then it is read in JSON and YAML, and bounded", () => {
  assert.equal(parseRecipe('{ "pseudonymLength": 16 }').pseudonymLength, 16);
  assert.equal(parseRecipe("pseudonymLength: 12\n").pseudonymLength, 12);
  assert.throws(() => parseRecipe("rules: []\npseudonymLength: 40\n"), /config line 2: pseudonymLength must be a whole number from 6 to 26/);
});
