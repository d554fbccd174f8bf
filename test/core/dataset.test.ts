import { test } from "node:test";
import assert from "node:assert/strict";
import { Dataset } from "../../src/core/dataset.js";
import type { Element } from "../../src/core/element.js";
import { tag } from "../../src/core/tag.js";

const LE = { explicitVR: true, littleEndian: true };
const el = (t: number, value: string): Element => ({ tag: t, vr: "UI", length: value.length, offset: -1, value: new TextEncoder().encode(value) });
const text = (e: Element | undefined) => (e?.value ? new TextDecoder().decode(e.value) : undefined);
const tags = (ds: Dataset) => ds.elements.map((e) => e.tag);

const STUDY = tag(0x0020, 0x000d);
const STRAY = tag(0x0004, 0x000e); // a tag out of place, as a damaged or odd file holds it
const STUDY_ID = tag(0x0020, 0x0010);
const SOP = tag(0x0008, 0x0018);

/** (0008,0018), (0020,000D), (0004,000E), (0020,0010): the third is out of ascending order. */
function disordered(): Dataset {
  return new Dataset(LE, [el(SOP, "1.2.3"), el(STUDY, "1.2.4"), el(STRAY, "1.2.5"), el(STUDY_ID, "7")]);
}

test("when the elements are out of order then each one is still found", () => {
  const ds = disordered();
  for (const [t, v] of [[SOP, "1.2.3"], [STUDY, "1.2.4"], [STRAY, "1.2.5"], [STUDY_ID, "7"]] as const) assert.equal(text(ds.get(t)), v);
  assert.equal(ds.get(tag(0x0010, 0x0010)), undefined);
});

test("when an out-of-order element is replaced then it is replaced where it stands, not added again", () => {
  const ds = disordered();
  ds.put(el(STRAY, "2.25.1"));
  assert.deepEqual(tags(ds), [SOP, STUDY, STRAY, STUDY_ID]);
  assert.equal(text(ds.get(STRAY)), "2.25.1");
  assert.ok(ds.modified);
});

test("when an out-of-order element is deleted then that element goes and the others stay", () => {
  const ds = disordered();
  assert.equal(ds.delete(STRAY), true);
  assert.deepEqual(tags(ds), [SOP, STUDY, STUDY_ID]);
  assert.equal(ds.delete(STRAY), false);
});

test("when a new element is put then it goes before the first greater tag", () => {
  const ds = new Dataset(LE, [el(SOP, "1"), el(STUDY_ID, "2")]);
  ds.put(el(STUDY, "3"));
  ds.put(el(tag(0x7fe0, 0x0010), "4"));
  ds.put(el(tag(0x0002, 0x0010), "5"));
  assert.deepEqual(tags(ds), [tag(0x0002, 0x0010), SOP, STUDY, STUDY_ID, tag(0x7fe0, 0x0010)]);
  assert.deepEqual([...ds.dirtyGroups].sort((a, b) => a - b), [0x0002, 0x0020, 0x7fe0]);
});
