// Stored records verify for ever (SPEC v1.3 §12.6): a record of the released
// schemaVersion "1.1", built by the engine of v1.2 with its catalog 2026.2,
// verifies integrity-only against that catalog, per call or known at
// construction; recordSchema(version) gives each released schema.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SignalEngine, recordSchema, verifySubmission } from "@ind/signal-indicators";
import { root, pkgDir, oldCatalog, earlierRecord } from "./fixtures.mjs";

test("a 1.1 record verifies integrity-only, with its catalog given per call or at construction", () => {
  const record = earlierRecord();
  for (const [engine, options] of [
    [new SignalEngine(), { catalogs: [oldCatalog] }],
    [new SignalEngine({ catalogs: [oldCatalog] }), undefined],
  ]) {
    for (const given of [record, JSON.stringify(record)]) {
      const verification = engine.verifyRecord(given, options);
      assert.equal(verification.ok, true, JSON.stringify(verification.issues));
      assert.deepEqual(verification.checks, { schema: true, digest: true, catalog: true, content: null, assessment: null });
      assert.deepEqual(verification.issues.map((i) => [i.path, i.code, i.severity]), [["/schemaVersion", "record.earlier-version", "warning"]]);
    }
    engine.free();
  }
  // Without the catalog it names: record.catalog.
  assert.equal(new SignalEngine().verifyRecord(record).checks.catalog, false);
  // A changed word: the digest fails.
  assert.equal(new SignalEngine().verifyRecord({ ...record, summary: "Iets anders." }, { catalogs: [oldCatalog] }).checks.digest, false);
  // A post must come from the current engine.
  const post = new URLSearchParams({ signal_record: JSON.stringify(record) });
  const result = verifySubmission(post, { catalogs: [oldCatalog], now: record.createdAt });
  assert.equal(result.ok, false);
  assert.ok(result.issues.some((i) => i.code === "record.earlier-version" && i.severity === "error"));
  assert.equal(result.duplicate, false);
});

test("known catalogs are never refused for failing today's rules; not an array is option.invalid", () => {
  assert.doesNotThrow(() => new SignalEngine({ catalogs: [oldCatalog, { id: 1 }, 7] }).free());
  assert.throws(() => new SignalEngine({ catalogs: oldCatalog }), { name: "SignalError", code: "option.invalid" });
  assert.throws(() => new SignalEngine().verifyRecord(earlierRecord(), { catalogs: 1 }), { name: "SignalError", code: "option.invalid" });
});

test("recordSchema(version) gives each released schema as shipped; anything else is option.invalid", () => {
  const shipped = (file) => JSON.parse(readFileSync(join(pkgDir, "schemas", file), "utf8"));
  assert.deepEqual(recordSchema(), shipped("signal-record.schema.json"));
  assert.deepEqual(recordSchema(undefined), shipped("signal-record.schema.json"));
  assert.deepEqual(recordSchema("1.2"), shipped("signal-record.schema.json"));
  assert.deepEqual(recordSchema("1.1"), shipped("signal-record-1.1.schema.json"));
  assert.equal(recordSchema("1.1").properties.schemaVersion.const, "1.1");
  for (const bad of ["1.0", "1.3", 1.1, null]) {
    assert.throws(() => recordSchema(bad), { name: "SignalError", code: "option.invalid" }, String(bad));
  }
});
