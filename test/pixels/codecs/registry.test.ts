import assert from "node:assert/strict";
import { test } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { codecIsLossless } from "../../../src/pixels/codecs/codec.js";
import { BUILT_IN_CODECS, registerBuiltInCodecs } from "../../../src/pixels/codecs/index.js";
import { codecFor, findCodec, registerCodec, registeredTransferSyntaxes, unregisterCodec } from "../../../src/pixels/codecs/registry.js";

test("when the built-in codecs are registered then every compressed syntax the corpus uses has one", () => {
  registerBuiltInCodecs();
  for (const uid of [
    "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.8.1", "1.2.840.10008.1.2.1.98",
    "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.53", "1.2.840.10008.1.2.4.55",
    "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81",
    "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93",
    "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203",
  ]) {
    assert.ok(findCodec(uid), uid);
  }
});

test("when a syntax has no codec then codecFor throws UNSUPPORTED naming it and the known ones", () => {
  registerBuiltInCodecs();
  assert.throws(
    () => codecFor("1.2.840.10008.1.2.4.100"),
    (e: unknown) =>
      e instanceof DicomError && e.code === "UNSUPPORTED" && e.message.includes("1.2.840.10008.1.2.4.100") &&
      e.message.includes("1.2.840.10008.1.2.5"),
  );
});

test("when the key is not a UID then the error does not echo it", () => {
  assert.throws(() => codecFor("Jane Doe"), (e: unknown) => e instanceof DicomError && !e.message.includes("Jane"));
});

test("when a codec is registered then it replaces the previous one for its syntaxes", () => {
  const fake = { name: "fake", transferSyntaxes: ["1.2.3.4"], lossless: true, decode: () => { throw new Error("x"); } };
  registerCodec(fake);
  assert.equal(codecFor("1.2.3.4\0"), fake);
  assert.ok(registeredTransferSyntaxes().includes("1.2.3.4"));
  unregisterCodec("1.2.3.4");
  assert.equal(findCodec("1.2.3.4"), undefined);
});

test("when lossless differs per syntax then codecIsLossless reads it per syntax", () => {
  const jls = BUILT_IN_CODECS.find((c) => c.name === "jpeg-ls")!;
  assert.equal(codecIsLossless(jls, "1.2.840.10008.1.2.4.80"), true);
  assert.equal(codecIsLossless(jls, "1.2.840.10008.1.2.4.81"), false);
});
