// The same record bytes from the Node build and from the native crate for
// the same input, id and clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { SignalEngine } from "@ind/signal-indicators";
import { validInput, FIXED, ID, TODAY, root, validateRecord, independentDigest, nativeRecord } from "./fixtures.mjs";
import { recordInputs } from "./bad-input-table.mjs";

const cli = join(root, "target", "release", "signal-indicators");

test("Node and native produce byte-identical records", () => {
  const engine = new SignalEngine();
  const inputs = recordInputs();
  const lawful = inputs[2];
  for (const input of inputs) {
    const fromNode = JSON.stringify(engine.buildRecord(input, FIXED));
    assert.equal(fromNode, nativeRecord(input));
    const record = JSON.parse(fromNode);
    assert.ok(validateRecord(record));
    assert.equal(record.integrity.digest, independentDigest(record));
    assert.equal(record.schemaVersion, "1.2");
  }
  const evaluation = engine.evaluate(lawful, { today: TODAY });
  assert.ok(evaluation.valid, JSON.stringify(evaluation.issues));
  assert.ok(evaluation.issues.some((i) => i.code === "indicator.duplicate" && i.path === "/indicators/0"));
  assert.ok(evaluation.issues.some((i) => i.code === "indicator.same-source" && i.path === "/indicators/3/evidenceRefs"));
  assert.deepEqual(evaluation.suspendedMeasures.map((m) => `${m.category}/${m.code}`), ["public-order/refuse-naturalisation"]);
});

test("the native CLI verifies what the Node build wrote", () => {
  const record = JSON.stringify(new SignalEngine().buildRecord(validInput(), FIXED));
  const verdict = JSON.parse(execFileSync(cli, ["verify", "-"], { input: record }).toString());
  assert.equal(verdict.ok, true);
  assert.equal(verdict.id, ID);
});
