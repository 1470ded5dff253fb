// The bad-input table in Node (the Chromium suite runs the same table).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as api from "@ind/signal-indicators";
import { PATHS, hostileValues, plant, validForm, hostileRecords, reordered, agreementFailures, snapshotFailures } from "./bad-input-table.mjs";

const { SignalEngine } = api;

const FIXED = { today: "2026-11-28", now: "2026-11-28T20:15:00.000Z", id: "3f0c6a52-8d1e-4c7a-9b2f-5e4d3c2b1a09" };

test("every hostile value at every path: issues or SignalError, never a trap; the engine keeps working", () => {
  const engine = new SignalEngine();
  let rows = 0;
  for (const path of PATHS) {
    for (const [name, value] of hostileValues()) {
      const input = plant(path, value);
      const evaluation = engine.evaluate(input, { today: FIXED.today });
      assert.equal(typeof evaluation.valid, "boolean", `${name} at /${path.join("/")}`);
      assert.ok(Array.isArray(evaluation.issues));
      try {
        const record = engine.buildRecord(input, FIXED);
        assert.equal(engine.verifyRecord(record).ok, true, `${name} at /${path.join("/")}`);
      } catch (error) {
        assert.ok(error instanceof Error && error.name === "SignalError", `${name} at /${path.join("/")}: ${error}`);
      }
      rows++;
    }
    assert.equal(engine.evaluate(validForm(), { today: FIXED.today }).valid, true);
  }
  assert.ok(rows >= 700, `${rows} rows`);
  // Each crossing reads the getter once: evaluate and buildRecord, per path.
  assert.equal(globalThis.__getterCalls, 2 * PATHS.length, "a getter read more than once per call");
  assert.equal({}.polluted, undefined, "Object.prototype polluted");
  assert.equal(Object.prototype.polluted, undefined);
});

test("the boundary reads a snapshot: a getter once per call, its value validated and recorded, a throwing getter a type issue", () => {
  const engine = new SignalEngine();
  assert.deepEqual(snapshotFailures(engine, FIXED), []);
  engine.free();
});

test("every hostile value at every path: JSON text agrees with JSON.parse of it, a post with inputFromFormData", () => {
  const engine = new SignalEngine();
  assert.deepEqual(agreementFailures(api, engine, FIXED.today), []);
  engine.free();
});

test("records: tampered ones fail, reordered ones verify", () => {
  const engine = new SignalEngine();
  const record = engine.buildRecord(validForm(), FIXED);
  for (const [name, value] of hostileRecords(record)) {
    assert.equal(engine.verifyRecord(value).ok, false, name);
  }
  assert.equal(engine.verifyRecord(reordered(record)).ok, true);
  assert.equal(engine.verifyRecord(JSON.parse(JSON.stringify(reordered(record)))).ok, true);
});

test("a page that added toJSON to Object.prototype or Array.prototype gets the same results", () => {
  const engine = new SignalEngine();
  const form = validForm();
  form.extra = { nested: [1, { deeper: "x" }] };
  const clean = JSON.stringify(engine.evaluate(form, { today: FIXED.today }));
  const record = JSON.stringify(engine.buildRecord(form, FIXED));
  try {
    Object.prototype.toJSON = () => "hijacked";
    Array.prototype.toJSON = () => "hijacked";
    const evaluation = engine.evaluate(form, { today: FIXED.today });
    const built = engine.buildRecord(form, FIXED);
    delete Object.prototype.toJSON;
    delete Array.prototype.toJSON;
    assert.equal(JSON.stringify(evaluation), clean);
    assert.equal(JSON.stringify(built), record);
  } finally {
    delete Object.prototype.toJSON;
    delete Array.prototype.toJSON;
  }
});

test("lone surrogates are found and replaced where String.prototype.isWellFormed is missing (older browsers)", () => {
  const engine = new SignalEngine();
  const form = validForm();
  form.summary = form.summary + " \ud800 en \udfff";
  const expected = engine.evaluate(form, { today: FIXED.today });
  const isWellFormed = String.prototype.isWellFormed;
  try {
    delete String.prototype.isWellFormed;
    const evaluation = engine.evaluate(form, { today: FIXED.today });
    assert.deepEqual(evaluation, expected);
    assert.ok(evaluation.issues.some((i) => i.path === "/summary" && i.code === "text.replaced"));
  } finally {
    String.prototype.isWellFormed = isWellFormed;
  }
});
