// Extracts per recipient in Node (SPEC v1.3 §12.6): engine.extractFor and
// verifyRecord(extract, { original }).
import { test } from "node:test";
import assert from "node:assert/strict";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED } from "./fixtures.mjs";

function recordOf(engine) {
  const input = validInput();
  input.procedure = "regular";
  input.indicators.push({ code: "IDF-01", reliability: "A", credibility: "1", observedOn: "2026-11-01", evidenceRefs: ["PV-2026-9"] });
  input.sharedWith = ["AIVD", "KMAR"];
  input.noShareReason = "Afgestemd met de teamleider; de rest volgt.";
  return engine.buildRecord(input, FIXED);
}

test("extractFor gives each recipient its part, verifiable alone and against the original", () => {
  const engine = new SignalEngine();
  const record = recordOf(engine);
  const aivd = engine.extractFor(record, "AIVD");
  assert.deepEqual(Object.keys(aivd), [
    "recordType", "schemaVersion", "refersTo", "recipient", "createdAt", "case", "subject", "context",
    "indicators", "summary", "handling", "officer", "integrity",
  ]);
  assert.deepEqual(aivd.indicators.map((item) => item.code), ["TER-01", "TER-05"]);
  assert.deepEqual(engine.extractFor(JSON.stringify(record), "KMAR").indicators.map((item) => item.code), ["IDF-01"]);
  assert.deepEqual(aivd.officer, { unit: record.officer.unit });
  assert.equal(JSON.stringify(engine.extractFor(record, "AIVD")), JSON.stringify(aivd), "the same bytes");
  assert.deepEqual(engine.verifyRecord(aivd).checks, { schema: true, digest: true, catalog: true, content: null, assessment: null });
  assert.equal(engine.verifyRecord(aivd, { original: record }).checks.content, true);
  assert.equal(engine.verifyRecord(JSON.stringify(aivd), { original: JSON.stringify(record) }).ok, true);
  // Another recipient's extract passed off as this one's.
  const kmar = engine.extractFor(record, "KMAR");
  const relabelled = { ...kmar, recipient: "AIVD" };
  assert.equal(engine.verifyRecord(relabelled, { original: record }).ok, false);
  assert.throws(() => engine.extractFor(record, "NCTV"), { name: "SignalError", code: "option.invalid" });
  assert.throws(() => engine.extractFor({ ...record, summary: "Later gewijzigd." }, "AIVD"), { name: "SignalError", code: "form.invalid" });
  engine.free();
});
