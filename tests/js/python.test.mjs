// A back end in another language (SPEC v1.3 §12.7): examples/python/verify.py
// (PyPI's jsonschema and rfc8785, hashlib) checks schema, digest and
// catalog digest of records the engine built and of tampered ones, and
// agrees with verifyRecord on those three checks, records of schema 1.1 included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { SignalEngine } from "@ind/signal-indicators";
import { FIXED, root, oldCatalog, earlierRecord } from "./fixtures.mjs";
import { recordInputs } from "./bad-input-table.mjs";

test("the Python verifier agrees with verifyRecord on schema, digest and catalog", () => {
  const engine = new SignalEngine();
  const records = recordInputs().map((input) => engine.buildRecord(input, FIXED));
  const base = records[0];
  const tampered = [
    { ...base, summary: "Een andere tekst dan de medewerker schreef." },
    { ...base, subject: { ...base.subject, vNumber: "12345" } },
    { ...base, catalog: { ...base.catalog, digest: `sha256:${"0".repeat(64)}` } },
    { ...base, catalog: { ...base.catalog, version: "1999.1" } },
    { ...base, extra: true },
    { ...base, createdAt: "2026-11-28T20:15:00Z" },
    { ...base, schemaVersion: "1.3" },
    { ...base, integrity: { ...base.integrity, digest: "sha256:zz" } },
  ];
  // A stored record of schema 1.1, and one whose text changed after it was digested.
  const earlier = earlierRecord();
  const all = [...records, earlier, ...tampered, { ...earlier, summary: "Later gewijzigd." }];
  const ndjson = all.map((record) => JSON.stringify(record)).join("\n") + "\nnot json\n";
  const run = spawnSync("python3", [join(root, "examples", "python", "verify.py"),
    "--catalog", join(root, "src", "catalog", "ind-example.json"), "--catalog", join(root, "tests", "data", "catalog-2026.2.json")],
  { input: ndjson, encoding: "utf8" });
  assert.equal(run.stderr, "");
  const verdicts = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
  assert.equal(verdicts.length, all.length + 1);
  assert.equal(run.status, 1);
  for (const [index, record] of all.entries()) {
    const { checks } = engine.verifyRecord(record, { catalogs: [oldCatalog] });
    const python = verdicts[index];
    assert.deepEqual([python.schema, python.digest, python.catalog], [checks.schema, checks.digest, checks.catalog], `record ${index}`);
  }
  // The valid ones pass, each tampered one fails at least one check.
  assert.deepEqual(verdicts.slice(0, records.length + 1).map((v) => v.ok), [...records, earlier].map(() => true));
  assert.ok(verdicts.slice(records.length + 1, all.length).every((v) => !v.ok));
  assert.deepEqual(verdicts.at(-1).codes, ["record.schema"], "a line that is not JSON");
  engine.free();
});
